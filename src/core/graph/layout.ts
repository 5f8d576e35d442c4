import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type ElkConstructor from 'elkjs/lib/elk.bundled.js';
import { OPS } from '../ops/table';
import type { Graph } from './types';

/** The box the editor draws for a node (about 150 x 90 px): the layout's default, so laid-out nodes never overlap on screen. */
export const NODE_BOX = { width: 150, height: 90 } as const;

/** Height per input port: the editor draws a node with many inputs (a neuron's sum) taller, about 22 px a port. */
export const PORT_PITCH = 22;

/** The height the layout reserves for a node with `ports` input ports: at least `height`, more for many ports. */
export const nodeBoxHeight = (ports: number, height: number = NODE_BOX.height): number => Math.max(height, PORT_PITCH * (ports + 2));

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
 * A copy of `graph` with every node positioned by a left-to-right layered layout (elkjs).
 * Input ports are fixed in port order, top to bottom, so sub/div/pow read correctly and
 * edges cross as little as the order allows. Edges to missing nodes are ignored.
 */
export async function layoutGraph(graph: Graph, options: LayoutOptions = {}): Promise<Graph> {
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
  if (engine === undefined) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    engine = new ELK();
  }
  const laid = await engine.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // The gap between layers leaves room for the value and gradient cards the editor draws on edges.
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerGap ?? 100),
      'elk.spacing.nodeNode': String(options.nodeGap ?? 40),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
    },
    children,
    edges,
  });
  const placed = new Map((laid.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
  return {
    ...graph,
    nodes: graph.nodes.map((node, i) => ({ ...node, position: placed.get(`n${i}`) ?? { x: 0, y: 0 } })),
    edges: graph.edges.map((edge) => ({ ...edge })),
  };
}
