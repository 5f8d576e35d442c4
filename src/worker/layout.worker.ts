/// <reference lib="webworker" />
/** The layout worker: elkjs off the page's thread, so a big layout never freezes the editor. */
import { handleLayoutRequest, type LayoutRequest, type LayoutResponse } from './layoutProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// A listener, not self.onmessage: elkjs's bundle, once loaded in a worker, claims self.onmessage for its
// own protocol (it ignores these requests, and the page ignores anything without a job number).
scope.addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  if (typeof event.data?.job !== 'number') return;
  void handleLayoutRequest(event.data, (response: LayoutResponse) => scope.postMessage(response));
});
