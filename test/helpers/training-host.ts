import { readFileSync } from 'node:fs';
import type { Request, Response } from '../../src/worker/protocol';
import { TrainingSession } from '../../src/worker/session';

const EMBEDDED = new URL('../../public/data/mnist-embedded.bin', import.meta.url);

/**
 * A training session on a fake host: messages are collected, scheduled slices wait in a queue the
 * test drains, and files are read from disk (`embedded` is the embedded MNIST split).
 */
export function trainingHost() {
  const messages: Response[] = [];
  const queue: (() => void)[] = [];
  const session = new TrainingSession({
    post: (m) => messages.push(m),
    now: () => performance.now(),
    later: (fn) => queue.push(fn),
    fetchBytes: async (url) => {
      const bytes = readFileSync(url === 'embedded' ? EMBEDDED : url);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  });
  const send = (r: Request): Promise<void> => session.handle(r);
  /** Runs scheduled slices until none is left (or `limit` slices ran). */
  const drain = (limit = Infinity): number => {
    let ran = 0;
    while (queue.length > 0 && ran < limit) {
      queue.shift()!();
      ran++;
    }
    return ran;
  };
  const of = <T extends Response['type']>(type: T) => messages.filter((m): m is Extract<Response, { type: T }> => m.type === type);
  return { session, messages, queue, send, drain, of };
}
