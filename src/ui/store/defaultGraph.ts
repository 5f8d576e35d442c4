import type { Graph } from '../core';

/** The lecture's first example, f = (x + y) · z at x = −2, y = 5, z = −4: what a first start shows. */
export const DEFAULT_GRAPH: Graph = {
  nodes: [
    { id: 'x', op: 'input', value: -2, label: 'x', position: { x: 0, y: 0 } },
    { id: 'y', op: 'input', value: 5, label: 'y', position: { x: 0, y: 150 } },
    { id: 'z', op: 'input', value: -4, label: 'z', position: { x: 260, y: 240 } },
    { id: 'q', op: 'add', label: 'q', position: { x: 260, y: 60 } },
    { id: 'f', op: 'mul', label: 'f', position: { x: 520, y: 130 }, output: true },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'q', targetPort: 0 },
    { id: 'e2', source: 'y', target: 'q', targetPort: 1 },
    { id: 'e3', source: 'q', target: 'f', targetPort: 0 },
    { id: 'e4', source: 'z', target: 'f', targetPort: 1 },
  ],
};
