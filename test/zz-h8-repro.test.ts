import { it } from 'vitest';
import { compileNetwork, createNetwork, createRng, expandToScalarGraph, layoutGraph, type Graph, type GraphNode } from '../src/core';
function chain(rows: [string, GraphNode['op'], Record<string, number | string>?][]): Graph {
  return { nodes: rows.map(([id, op, params]) => ({ id, op, ...(params ? { params } : {}) })),
    edges: rows.slice(1).map(([id], k) => ({ id: `e${k + 1}`, source: rows[k][0], target: id, targetPort: 0 })) };
}
it('repro', async () => {
  const g = chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'sigmoid'], ['o', 'dense', { units: 2 }], ['C', 'mse']]);
  const net = createNetwork(compileNetwork(g, { classes: 2 }), createRng(1));
  const s = expandToScalarGraph(g, net, { input: [0.1, 0.2, 0.3, 0.4], label: 1 });
  for (const [W, H] of [[120, 56], [150, 90]]) {
    const laid = await layoutGraph(s, { nodeWidth: W, nodeHeight: H });
    let n = 0; const bad: string[] = [];
    const ps = laid.nodes.map((q) => q.position!);
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) if (Math.abs(ps[i].x - ps[j].x) < 150 && Math.abs(ps[i].y - ps[j].y) < 90) { n++; if (bad.length < 8) bad.push(`${laid.nodes[i].id}@${ps[i].x},${ps[i].y} ~ ${laid.nodes[j].id}@${ps[j].x},${ps[j].y}`); }
    console.log(W, H, laid.nodes.length, 'overlaps(150x90)', n, bad.join(' | '));
  }
});
