/**
 * A fast left-to-right layered layout for big graphs. elkjs gives the better picture, but on a
 * 3,000-node / 4,000-edge graph it needs about 4 s of CPU at best (nearly 30 s on a loaded machine),
 * and Tidy must finish in under 2 s; its cheaper options do not get close. This is the classic Sugiyama
 * scheme kept to a few linear-ish passes: longest-path layers (pulled right to their users), a dummy
 * point per layer an edge crosses, a few barycentre sweeps to order each layer, positions stacked from
 * that order, and each wire drawn
 * through its dummies, which sit in the gaps between the boxes of the layers it crosses, so no wire
 * passes behind a node. It returns the same Layout as the elk path.
 */
import { OPS } from '../ops/table';
import { NODE_BOX, nodeBoxHeight, type Layout, type LayoutOptions } from './layout';
import type { Graph, Position } from './types';

/** One slot in a layer: a node (`node` is its index) or a dummy point of a long edge (`node` is -1). */
interface Item {
  node: number;
  height: number;
  /** Neighbouring items in the layer before and after, with the target port's place (0..1) on the next one. */
  before: Item[];
  after: { item: Item; port: number }[];
  order: number;
  y: number;
}

const SWEEPS = 4;

/** Layer of each node: longest path from the sources, then each node pulled right to just left of its nearest user. */
function assignLayers(count: number, preds: number[][], succs: number[][]): number[] {
  const layer = new Array<number>(count).fill(0);
  const waiting = preds.map((p) => p.length);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (waiting[i] === 0) queue.push(i);
  const done = new Uint8Array(count);
  let next = 0;
  for (let seen = 0; seen < count; seen++) {
    // A cycle (not a valid gradflow graph, but a file may hold one) stalls the queue: take the first node left.
    if (next === queue.length) {
      const stuck = done.indexOf(0);
      waiting[stuck] = -1;
      queue.push(stuck);
    }
    const v = queue[next++];
    done[v] = 1;
    for (const w of succs[v]) {
      if (done[w] === 1) continue;
      layer[w] = Math.max(layer[w], layer[v] + 1);
      if (--waiting[w] === 0) queue.push(w);
    }
  }
  // Then every node with users moves right next to its nearest user (users first, so chains move
  // together): nodes fed only by inputs do not pile up in the first layers, and fewer wires are long. A
  // node with no wires at all joins the node before it, where it was made.
  for (let k = count - 1; k >= 0; k--) {
    const v = queue[k];
    const nearest = succs[v].reduce((m, w) => (done[w] === 2 ? Math.min(m, layer[w]) : m), Infinity);
    if (nearest !== Infinity && nearest - 1 > layer[v]) layer[v] = nearest - 1;
    done[v] = 2;
  }
  for (let i = 1; i < count; i++) if (preds[i].length === 0 && succs[i].length === 0) layer[i] = layer[i - 1];
  return layer;
}

/** Re-orders each layer by the mean order of its neighbours in the layer before (down) or after (up). */
function sweep(layers: Item[][], down: boolean): void {
  const from = down ? 1 : layers.length - 2;
  for (let l = from; down ? l < layers.length : l >= 0; l += down ? 1 : -1) {
    const keyed = layers[l].map((item) => {
      const around = down ? item.before.map((b) => b.order) : item.after.map((a) => a.item.order + a.port);
      return { item, key: around.length === 0 ? item.order : around.reduce((s, k) => s + k, 0) / around.length };
    });
    keyed.sort((a, b) => a.key - b.key || a.item.order - b.item.order);
    keyed.forEach(({ item }, k) => { item.order = k; });
    layers[l] = keyed.map(({ item }) => item);
  }
}

/** Node positions and wire routes for `graph` laid out left to right the fast way (for big graphs; see the top of this file). */
export function fastLayeredLayout(graph: Graph, options: LayoutOptions = {}): Layout {
  const width = options.nodeWidth ?? NODE_BOX.width;
  const baseHeight = options.nodeHeight ?? NODE_BOX.height;
  const layerGap = options.layerGap ?? 100;
  const nodeGap = options.nodeGap ?? 40;
  // Parallel wires run this far apart through a layer, and this far from a node's box.
  const wireGap = Math.max(4, Math.round(nodeGap / 4));
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edges = graph.edges.filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target);
  const n = graph.nodes.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  const ports = new Array<number>(n).fill(0);
  for (const e of edges) {
    const [s, t] = [index.get(e.source) as number, index.get(e.target) as number];
    preds[t].push(s);
    succs[s].push(t);
    ports[t] = Math.max(ports[t], e.targetPort + 1);
  }
  // The same boxes as the elk path: at least the operator's arity in ports, taller for many ports.
  graph.nodes.forEach((node, i) => {
    const arity = OPS[node.op].arity;
    ports[i] = Math.max(arity.kind === 'fixed' ? arity.count : arity.min, ports[i]);
  });
  const layer = assignLayers(n, preds, succs);
  const layers: Item[][] = Array.from({ length: layer.reduce((m, l) => Math.max(m, l + 1), 0) }, () => []);
  const add = (l: number, node: number, height: number): Item => {
    const item: Item = { node, height, before: [], after: [], order: layers[l].length, y: 0 };
    layers[l].push(item);
    return item;
  };
  const items = graph.nodes.map((_, i) => add(layer[i], i, nodeBoxHeight(ports[i], baseHeight)));
  // Each forward edge's chain of items, source to target; an edge against the layers (a cycle) gets none.
  const chains = edges.map((e) => {
    const [s, t] = [index.get(e.source) as number, index.get(e.target) as number];
    if (layer[t] <= layer[s]) return undefined;
    const chain = [items[s]];
    for (let l = layer[s] + 1; l < layer[t]; l++) chain.push(add(l, -1, 0));
    chain.push(items[t]);
    for (let k = 1; k < chain.length; k++) {
      chain[k].before.push(chain[k - 1]);
      chain[k - 1].after.push({ item: chain[k], port: k === chain.length - 1 ? (e.targetPort + 1) / (ports[t] + 1) : 0.5 });
    }
    return chain;
  });
  for (let s = 0; s < SWEEPS; s++) sweep(layers, s % 2 === 0);
  sweep(layers, true);
  // Stack each layer top to bottom, then centre the layers on the tallest one.
  const heights = layers.map((column) => {
    let y = 0;
    column.forEach((item, k) => {
      if (k > 0) y += item.node >= 0 && column[k - 1].node >= 0 ? nodeGap : wireGap;
      item.y = y;
      y += item.height;
    });
    return y;
  });
  const tallest = heights.reduce((m, h) => Math.max(m, h), 0);
  layers.forEach((column, l) => {
    const shift = Math.round((tallest - heights[l]) / 2);
    for (const item of column) item.y = Math.round(item.y + shift);
  });
  const columnX = (l: number): number => l * (width + layerGap);
  const positions: Layout['positions'] = {};
  graph.nodes.forEach((node, i) => { positions[node.id] = { x: columnX(layer[i]), y: items[i].y }; });
  const routes: Layout['routes'] = {};
  edges.forEach((e, j) => {
    const [s, t] = [index.get(e.source) as number, index.get(e.target) as number];
    const start: Position = { x: columnX(layer[s]) + width, y: items[s].y + Math.round(items[s].height / 2) };
    const end: Position = { x: columnX(layer[t]), y: items[t].y + Math.round(((e.targetPort + 1) * items[t].height) / (ports[t] + 1)) };
    const route = [start];
    // Through each dummy's layer straight across, at the dummy's height; from layer to layer through the gap.
    const dummies = chains[j]?.slice(1, -1) ?? [];
    dummies.forEach((dummy, k) => {
      const x = columnX(layer[s] + 1 + k);
      route.push({ x, y: dummy.y }, { x: x + width, y: dummy.y });
    });
    route.push(end);
    routes[e.id] = route;
  });
  return { positions, routes };
}
