import { create } from 'zustand';
import type { Graph, Layout, Position } from '../core';

/** A wire as the last layout routed it, valid while both of its nodes stay where that layout put them. */
export interface RoutedWire {
  from: Position;
  to: Position;
  points: Position[];
}

/** The routed wires by edge id (empty until a layout runs). */
export const useRoutes = create<{ routes: ReadonlyMap<string, RoutedWire> }>(() => ({ routes: new Map() }));

/** Keeps a layout's wire routes for `graph` (the graph as laid out). */
export function rememberRoutes(graph: Graph, layout: Layout): void {
  const routes = new Map<string, RoutedWire>();
  for (const edge of graph.edges) {
    const points = layout.routes[edge.id];
    const from = layout.positions[edge.source];
    const to = layout.positions[edge.target];
    if (points !== undefined && from !== undefined && to !== undefined) routes.set(edge.id, { from, to, points });
  }
  useRoutes.setState({ routes });
}

const same = (a: Position | undefined, b: Position): boolean => a !== undefined && a.x === b.x && a.y === b.y;

/** The route of an edge whose nodes are at `source` and `target`, if they have not moved since the layout. */
export function routeFor(routes: ReadonlyMap<string, RoutedWire>, id: string, source: Position | undefined, target: Position | undefined): Position[] | undefined {
  const wire = routes.get(id);
  return wire !== undefined && same(source, wire.from) && same(target, wire.to) ? wire.points : undefined;
}

const CORNER = 8;

/**
 * An SVG path along a routed wire, from the drawn source handle to the drawn target handle, with rounded
 * corners, and the point a fraction `t` of the way along it (for the label). The route's first and last legs are
 * horizontal (elk routes orthogonally); they are moved to the handles' heights, which differ from
 * the layout's port heights by a few pixels, and a route with no bend gets a step just before its target.
 */
export function routedPath(route: readonly Position[], sourceX: number, sourceY: number, targetX: number, targetY: number, t = 0.5): { path: string; at: Position } {
  let points: Position[];
  if (route.length <= 2) {
    const x = targetX - Math.min(30, Math.max(0, (targetX - sourceX) / 2));
    points = [{ x: sourceX, y: sourceY }, { x, y: sourceY }, { x, y: targetY }, { x: targetX, y: targetY }];
  } else {
    points = route.map((p) => ({ ...p }));
    if (route[0].y === route[1].y) points[1].y = sourceY;
    if (route[route.length - 1].y === route[route.length - 2].y) points[points.length - 2].y = targetY;
    points[0] = { x: sourceX, y: sourceY };
    points[points.length - 1] = { x: targetX, y: targetY };
  }
  let d = `M${points[0].x},${points[0].y}`;
  for (let k = 1; k < points.length - 1; k++) {
    const [a, b, c] = [points[k - 1], points[k], points[k + 1]];
    const r = Math.min(CORNER, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const towards = (p: Position, q: Position, len: number): Position => {
      const l = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) * len) / l, y: p.y + ((q.y - p.y) * len) / l };
    };
    const before = towards(b, a, r);
    const after = towards(b, c, r);
    d += ` L${before.x},${before.y} Q${b.x},${b.y} ${after.x},${after.y}`;
  }
  const last = points[points.length - 1];
  d += ` L${last.x},${last.y}`;
  // The point a fraction t along, by length.
  const lengths = points.slice(1).map((p, k) => Math.hypot(p.x - points[k].x, p.y - points[k].y));
  let rest = lengths.reduce((a, b) => a + b, 0) * t;
  for (let k = 0; k < lengths.length; k++) {
    if (rest <= lengths[k] || k === lengths.length - 1) {
      const f = lengths[k] === 0 ? 0 : Math.min(1, rest / lengths[k]);
      return { path: d, at: { x: points[k].x + (points[k + 1].x - points[k].x) * f, y: points[k].y + (points[k + 1].y - points[k].y) * f } };
    }
    rest -= lengths[k];
  }
  return { path: d, at: last };
}
