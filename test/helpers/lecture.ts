// The lecture worker's session in-process, reading the embedded digits from public/ as the worker fetches them.
import { readFileSync } from 'node:fs';
import { LectureSession } from '../../src/worker/lectureSession';
import type { LectureRequest, LectureResponse } from '../../src/worker/lectureProtocol';

/** Where the session fetches the embedded digits from (relative to public/). */
export const DATA_URL = 'data/mnist-embedded.bin';

/** A fresh session with a frozen clock. */
export const session = (): LectureSession => new LectureSession({
  now: () => 0,
  fetchBytes: async (url) => {
    const bytes = readFileSync(`public/${url}`);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  },
});

/** Sends one request and narrows the response to the expected type (answering the request's id), failing with the worker's message otherwise. */
export async function answer<T extends LectureResponse['type']>(s: LectureSession, request: LectureRequest, type: T): Promise<Extract<LectureResponse, { type: T }>> {
  const response = await s.handle(request);
  if (response.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(response).slice(0, 300)}`);
  if (response.id !== request.id) throw new Error(`answered request ${response.id}, not ${request.id}`);
  return response as Extract<LectureResponse, { type: T }>;
}
