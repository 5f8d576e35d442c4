import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type ElkConstructor from 'elkjs/lib/elk.bundled.js';
import { OPS } from '../ops/table';
import { fastLayeredLayout } from './layeredFast';
import type { Graph, Position } from './types';

/** The box the editor draws for a node (about 150 x 90 px): the layout's default, so laid-out nodes never overlap on screen. */
export const NODE_BOX = { width: 150, height: 90 } as const;

/** Height per input port: the editor draws a node with many inputs (a neuron's sum) taller, about 22 px a port. */
export const PORT_PITCH = 22;

/** The height the layout reserves for a node with `ports` input ports: at least `height`, more for many ports. */
export const nodeBoxHeight = (ports: number, height: number = NODE_BOX.height): number => Math.max(height, PORT_PITCH * (ports + 2));

/**
 * From this many nodes on, computeLayout uses the fast layered layout (layeredFast.ts) instead of elk: about
 * where elk's time passes half a second (a 300-term expression, 911 nodes, took 0.4-0.8 s of elk alone).
 */
export const BIG_LAYOUT = 800;

/** Box sizes the layout reserves per node; the editor's nodes fit inside. */
export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Gap between layers (left to right). */
  layerGap?: number;
  /** Gap between nodes in one layer. */
  nodeGap?: number;
}

// One engine for the module, loaded on first use: elkjs is large and most callers never lay out.
let engine: InstanceType<typeof ElkConstructor> | undefined;

/**
 * The elk input for `graph`: one box per node, input ports fixed in port order (top to bottom, so
 * sub/div/pow read correctly and edges cross as little as the order allows), one output port.
 * Edges to missing nodes are left out. Elements are named by index (`n3`, `e7`), so any id is safe.
 */
export function layoutInput(graph: Graph, options: LayoutOptions = {}): ElkNode {
  const width = options.nodeWidth ?? NODE_BOX.width;
  const baseHeight = options.nodeHeight ?? NODE_BOX.height;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const inputs = new Map<string, number>();
  for (const edge of graph.edges) inputs.set(edge.target, Math.max(inputs.get(edge.target) ?? 0, edge.targetPort + 1));
  const children: ElkNode[] = graph.nodes.map((node, i) => {
    const arity = OPS[node.op].arity;
    const count = Math.max(arity.kind === 'fixed' ? arity.count : arity.min, inputs.get(node.id) ?? 0);
    const height = nodeBoxHeight(count, baseHeight);
    const ports = [
      ...Array.from({ length: count }, (_, k) => ({
        id: `n${i}:in${k}`,
        // FIXED_ORDER sorts WEST ports by index bottom to top, so the first port gets the highest index.
        layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(count - 1 - k) },
        y: ((k + 1) * height) / (count + 1), x: 0, width: 1, height: 1,
      })),
      { id: `n${i}:out`, layoutOptions: { 'elk.port.side': 'EAST' }, x: width, y: height / 2, width: 1, height: 1 },
    ];
    return { id: `n${i}`, width, height, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } };
  });
  const indexOf = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edges: ElkExtendedEdge[] = [];
  graph.edges.forEach((edge, j) => {
    if (!ids.has(edge.source) || !ids.has(edge.target)) return;
    const s = indexOf.get(edge.source) as number;
    const t = indexOf.get(edge.target) as number;
    edges.push({ id: `e${j}`, sources: [`n${s}:out`], targets: [`n${t}:in${edge.targetPort}`] });
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // The gap between layers leaves room for the value and gradient cards the editor draws on edges.
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerGap ?? 100),
      'elk.spacing.nodeNode': String(options.nodeGap ?? 40),
      // One pass of crossing minimisation instead of seven: most of elk's time, little of its quality here.
      'elk.layered.thoroughness': '1',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      // Wires are routed orthogonally through the gaps between layers, never across a node's box.
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children,
    edges,
  };
}

/** Where the layout put each node, by node id (top-left corners, whole pixels). */
export type LaidOut = Record<string, Position>;

/**
 * A layout: node positions, and for each edge (by id) the wire elk routed around the nodes, as a
 * polyline from the source's output port through its bends to the target's input port.
 */
export interface Layout {
  positions: LaidOut;
  routes: Record<string, Position[]>;
}

const point = (p: { x: number; y: number }): Position => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** Reads node positions and edge routes out of elk's answer for `layoutInput(graph)`. */
export function readLayout(graph: Graph, laid: ElkNode): Layout {
  const byIndex = new Map((laid.children ?? []).map((c) => [c.id, point({ x: c.x ?? 0, y: c.y ?? 0 })]));
  const positions: LaidOut = {};
  graph.nodes.forEach((node, i) => { positions[node.id] = byIndex.get(`n${i}`) ?? { x: 0, y: 0 }; });
  const routes: Record<string, Position[]> = {};
  for (const edge of laid.edges ?? []) {
    const section = edge.sections?.[0];
    const original = graph.edges[Number(edge.id.slice(1))];
    if (section === undefined || original === undefined) continue;
    routes[original.id] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(point);
  }
  return { positions, routes };
}

/** A copy of `graph` with its nodes at `placed` (nodes it does not name keep their place). */
export function withPlacements(graph: Graph, placed: LaidOut): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const at = Object.hasOwn(placed, node.id) ? placed[node.id] : undefined;
      return at === undefined ? { ...node } : { ...node, position: { x: at.x, y: at.y } };
    }),
    edges: graph.edges.map((edge) => ({ ...edge })),
  };
}

/**
 * Node positions and wire routes for `graph` by a left-to-right layered layout, in this thread: elkjs,
 * or from BIG_LAYOUT nodes on the fast layered layout (elk cannot lay out thousands of nodes in time).
 */
export async function computeLayout(graph: Graph, options: LayoutOptions = {}): Promise<Layout> {
  if (graph.nodes.length >= BIG_LAYOUT) return fastLayeredLayout(graph, options);
  if (engine === undefined) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    engine = new ELK();
  }
  return readLayout(graph, await engine.layout(layoutInput(graph, options)));
}

/**
 * A copy of `graph` with every node positioned by a left-to-right layered layout (elkjs), in this
 * thread (the CLI and tests; the editor lays out in a worker, see src/worker/layout.worker.ts).
 */
export async function layoutGraph(graph: Graph, options: LayoutOptions = {}): Promise<Graph> {
  return withPlacements(graph, (await computeLayout(graph, options)).positions);
}
