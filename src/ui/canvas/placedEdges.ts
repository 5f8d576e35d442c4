import { placeLabels, type LabelSpot } from './labelPlacement';
import type { GradFlowEdge, OpFlowNode } from './toFlow';

/** Previous label spots, what they were placed for, and the edges carrying them, so unchanged edges keep their identity. */
export interface SpotCache {
  spots: Map<string, LabelSpot>;
  /** The node geometry and edges the spots were placed for: a selection change re-renders nodes but moves nothing. */
  placedFor: { nodes: OpFlowNode[]; edges: GradFlowEdge[] };
  edges: Map<string, { base: GradFlowEdge; placed: GradFlowEdge }>;
  list: GradFlowEdge[];
}

/** An empty cache. */
export const newSpotCache = (): SpotCache => ({ spots: new Map(), placedFor: { nodes: [], edges: [] }, edges: new Map(), list: [] });

/** True when two edge lists wire the same ports (selection aside). */
function sameWiring(a: GradFlowEdge[], b: GradFlowEdge[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((e, k) => e === b[k] || (e.id === b[k].id && e.source === b[k].source && e.target === b[k].target && e.targetHandle === b[k].targetHandle));
}

/** True when two node lists put the same nodes at the same places and sizes with the same ports. */
function sameGeometry(a: OpFlowNode[], b: OpFlowNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const p = a[k];
    const q = b[k];
    if (p === q) continue;
    if (p.id !== q.id || p.position.x !== q.position.x || p.position.y !== q.position.y || p.measured?.width !== q.measured?.width
      || p.measured?.height !== q.measured?.height || p.data.ports.length !== q.data.ports.length) return false;
  }
  return true;
}

/** The edges with their label spots in `data`; unchanged edges (and the whole list) keep their identity. */
function withSpots(edges: GradFlowEdge[], spots: Map<string, LabelSpot>, cache: SpotCache): GradFlowEdge[] {
  let same = edges.length === cache.list.length;
  const next = new Map<string, { base: GradFlowEdge; placed: GradFlowEdge }>();
  const list = edges.map((edge, k) => {
    const spot = spots.get(edge.id);
    const prev = cache.edges.get(edge.id);
    const placed = prev !== undefined && prev.base === edge && prev.placed.data?.spot?.t === spot?.t && prev.placed.data?.spot?.dy === spot?.dy
      ? prev.placed
      : { ...edge, data: { ...edge.data, spot } };
    next.set(edge.id, { base: edge, placed });
    if (placed !== cache.list[k]) same = false;
    return placed;
  });
  cache.edges = next;
  if (!same) cache.list = list;
  return cache.list;
}

/**
 * The edges with label spots from placeLabels. Labels are placed again only when nodes moved, resized or
 * changed ports, or edges changed; during a drag they keep their spots along their wires until it ends.
 */
export function placedEdges(nodes: OpFlowNode[], edges: GradFlowEdge[], dragging: boolean, cache: SpotCache): GradFlowEdge[] {
  const stale = !sameWiring(edges, cache.placedFor.edges) || !sameGeometry(nodes, cache.placedFor.nodes);
  if (!dragging && stale) {
    cache.spots = placeLabels(
      nodes.map((n) => ({ id: n.id, position: n.position, measured: n.measured, ports: n.data.ports.length })),
      edges.map((e) => ({ id: e.id, source: e.source, target: e.target, port: Number(e.targetHandle?.slice(2) ?? 0) })),
    );
    cache.placedFor = { nodes, edges };
  }
  return withSpots(edges, cache.spots, cache);
}
