import { describe, expect, it } from 'vitest';
import { graphFromExpression, withPlacements, type Graph } from '../src/core';
import { computeLayout } from '../src/core/graph/layout';
import { createLayoutRunner, LayoutCancelled, type LayoutWorker } from '../src/worker/layoutClient';
import { handleLayoutRequest, type LayoutRequest, type LayoutResponse } from '../src/worker/layoutProtocol';

/** A stand-in for the worker: it records what the page sent and answers only when the test says so. */
class FakeWorker implements LayoutWorker {
  sent: LayoutRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: LayoutRequest): void { this.sent.push(message); }
  terminate(): void { this.terminated = true; }
  answer(response: LayoutResponse): void { this.onmessage?.({ data: response } as MessageEvent<LayoutResponse>); }
  /** Runs the real worker code on the last request and delivers its answers. */
  async work(): Promise<void> {
    await handleLayoutRequest(this.sent[this.sent.length - 1], (r) => this.answer(r));
  }
}

function runnerWithFakes() {
  const workers: FakeWorker[] = [];
  const runner = createLayoutRunner(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { runner, workers };
}

const graph: Graph = graphFromExpression('(x + y) * z', { x: -2, y: 5, z: -4 });

describe('layout worker protocol', () => {
  it('answers a request with its stages and a position for every node, the same as laying out in this thread', async () => {
    const answers: LayoutResponse[] = [];
    await handleLayoutRequest({ job: 7, graph, options: {} }, (r) => answers.push(r));
    expect(answers.map((a) => a.type === 'progress' ? a.stage : a.type)).toEqual(['laying out', 'placing', 'done']);
    expect(answers.every((a) => a.job === 7)).toBe(true);
    const done = answers[2];
    if (done.type !== 'done') throw new Error('no result');
    expect(Object.keys(done.layout.positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(done.layout).toEqual(await computeLayout(graph, {}));
    expect(Object.keys(done.layout.routes).sort()).toEqual(graph.edges.map((e) => e.id).sort());
    // The output (f = q * z) is right of its inputs.
    const out = graph.nodes.find((n) => n.output === true)!.id;
    for (const e of graph.edges.filter((edge) => edge.target === out)) expect(done.layout.positions[e.source].x).toBeLessThan(done.layout.positions[out].x);
  });

  it('reports a layout that fails as an error message, not a crash', async () => {
    const answers: LayoutResponse[] = [];
    const broken = { nodes: [{ id: 'a', op: 'no-such-op' }], edges: [] } as unknown as Graph;
    await handleLayoutRequest({ job: 1, graph: broken, options: {} }, (r) => answers.push(r));
    expect(answers[answers.length - 1].type).toBe('error');
  });
});

describe('layout runner', () => {
  it('sends the graph, passes stages on and resolves with the positions', async () => {
    const { runner, workers } = runnerWithFakes();
    const stages: string[] = [];
    const result = runner.run(graph, { nodeGap: 30 }, (s) => stages.push(s));
    expect(runner.busy()).toBe(true);
    expect(workers).toHaveLength(1);
    expect(workers[0].sent[0].options).toEqual({ nodeGap: 30 });
    await workers[0].work();
    const { positions } = await result;
    expect(stages).toEqual(['laying out', 'placing']);
    expect(withPlacements(graph, positions).nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(runner.busy()).toBe(false);
    // The worker is kept for the next job.
    const again = runner.run(graph, {});
    await workers[0].work();
    await again;
    expect(workers).toHaveLength(1);
  });

  it('cancel rejects the job with LayoutCancelled, ends the worker, and the next job starts a fresh one', async () => {
    const { runner, workers } = runnerWithFakes();
    const result = runner.run(graph, {});
    runner.cancel();
    await expect(result).rejects.toBeInstanceOf(LayoutCancelled);
    expect(workers[0].terminated).toBe(true);
    expect(runner.busy()).toBe(false);
    runner.cancel(); // nothing running: no effect
    const next = runner.run(graph, {});
    expect(workers).toHaveLength(2);
    await workers[1].work();
    expect(Object.keys((await next).positions)).toHaveLength(graph.nodes.length);
  });

  it('a newer job cancels the running one, and a late answer to the old job is ignored', async () => {
    const { runner, workers } = runnerWithFakes();
    const first = runner.run(graph, {});
    const firstJob = workers[0].sent[0].job;
    const second = runner.run(graph, {});
    await expect(first).rejects.toBeInstanceOf(LayoutCancelled);
    // The old worker was ended; had it still answered, the runner must not resolve the new job with it.
    workers[0].answer({ job: firstJob, type: 'done', layout: { positions: {}, routes: {} } });
    expect(runner.busy()).toBe(true);
    await workers[1].work();
    expect(Object.keys((await second).positions)).toHaveLength(graph.nodes.length);
  });

  it('warming starts the worker once with a job nobody waits for; the next real job uses that worker', async () => {
    const { runner, workers } = runnerWithFakes();
    runner.warm();
    runner.warm();
    expect(workers).toHaveLength(1);
    expect(workers[0].sent).toHaveLength(1);
    expect(workers[0].sent[0].job).toBe(0);
    expect(runner.busy()).toBe(false);
    const result = runner.run(graph, {});
    // The warm-up's answers arrive first and are dropped; the real job resolves with its own.
    await handleLayoutRequest(workers[0].sent[0], (r) => workers[0].answer(r));
    expect(runner.busy()).toBe(true);
    await workers[0].work();
    expect(Object.keys((await result).positions)).toHaveLength(graph.nodes.length);
    expect(workers).toHaveLength(1);
  });

  it('a worker that fails rejects the job with its message', async () => {
    const { runner, workers } = runnerWithFakes();
    const result = runner.run(graph, {});
    workers[0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(result).rejects.toThrow('out of memory');
    const error = runner.run(graph, {});
    workers[1].answer({ job: workers[1].sent[0].job, type: 'error', message: 'elk refused' });
    await expect(error).rejects.toThrow('elk refused');
  });
});
