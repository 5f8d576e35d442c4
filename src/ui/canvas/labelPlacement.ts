import { NODE_WIDTH, nodeMinHeight, portTop, wirePoint } from './geometry';

/** Where an edge's label sits: at parameter t along its wire, moved dy px across it. */
export interface LabelSpot {
  t: number;
  dy: number;
}

/** The midpoint of the wire: where a label goes when nothing else is in the way. */
export const MIDDLE: LabelSpot = { t: 0.5, dy: 0 };

/** What placement needs of a node: its position, measured size (if known) and number of input ports. */
export interface PlacedNode {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
  ports: number;
}

/** What placement needs of an edge. */
export interface PlacedEdge {
  id: string;
  source: string;
  target: string;
  port: number;
}

/**
 * The room a label takes (two lines of 12 px mono, up to 7 characters, plus a gap). Labels are placed
 * before their numbers are known, and numbers change without re-placing, so one nominal size serves all.
 */
const LABEL = { width: 66, height: 36 };
/** Handles stick out of the node by half their size (React Flow puts wires at their outer edge). */
const HANDLE_HALF = 5;
/** Spots tried in order: the middle first, then outwards along the wire, then just off it. */
const ALONG = [0.5, 0.56, 0.44, 0.62, 0.38, 0.68, 0.32, 0.74, 0.26, 0.8, 0.2, 0.86, 0.14, 0.92, 0.08];
const ACROSS = [0, -20, 20, -40, 40, -60, 60];
const CANDIDATES: LabelSpot[] = ACROSS.flatMap((dy) => ALONG.map((t) => ({ t, dy })));
/** Covering a node hides more than covering another label: it costs more. */
const NODE_COST = 3;
const CELL = 200;

interface Box { x0: number; y0: number; x1: number; y1: number }

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** A uniform grid of boxes, so each candidate is checked against its neighbours only. */
class Grid {
  private cells = new Map<number, { box: Box; cost: number }[]>();
  /** A small-integer key per cell (far-apart cells may share one: that only adds checks, never misses one). */
  private key = (i: number, j: number): number => ((i & 0x7fff) << 15) | (j & 0x7fff);
  add(box: Box, cost: number): void {
    for (let i = Math.floor(box.x0 / CELL); i <= Math.floor(box.x1 / CELL); i++) {
      for (let j = Math.floor(box.y0 / CELL); j <= Math.floor(box.y1 / CELL); j++) {
        const k = this.key(i, j);
        const list = this.cells.get(k);
        if (list === undefined) this.cells.set(k, [{ box, cost }]);
        else list.push({ box, cost });
      }
    }
  }
  /** Weighted overlap of `box` with everything stored (a box spanning two cells may count twice; only order matters). */
  cost(box: Box): number {
    let sum = 0;
    for (let i = Math.floor(box.x0 / CELL); i <= Math.floor(box.x1 / CELL); i++) {
      for (let j = Math.floor(box.y0 / CELL); j <= Math.floor(box.y1 / CELL); j++) {
        const list = this.cells.get(this.key(i, j));
        if (list === undefined) continue;
        for (const item of list) sum += item.cost * overlap(box, item.box);
      }
    }
    return sum;
  }
}

/**
 * Places every edge label on its own wire so that no two labels overlap and none covers a node, where the
 * wire leaves room: labels of edges that share a source or a target (a fan-out, one source wired into two
 * ports of one node) would otherwise all sit at the same midpoint. Greedy, in edge order; where every spot
 * is taken it keeps the least covered one. Returns a spot per edge id.
 */
export function placeLabels(nodes: readonly PlacedNode[], edges: readonly PlacedEdge[]): Map<string, LabelSpot> {
  const grid = new Grid();
  const geometry = new Map<string, { x: number; y: number; w: number; h: number; minH: number; ports: number }>();
  for (const n of nodes) {
    const minH = nodeMinHeight(n.ports);
    const g = { x: n.position.x, y: n.position.y, w: n.measured?.width ?? NODE_WIDTH, h: n.measured?.height ?? minH, minH, ports: n.ports };
    geometry.set(n.id, g);
    grid.add({ x0: g.x - 2, y0: g.y - 2, x1: g.x + g.w + 2, y1: g.y + g.h + 2 }, NODE_COST);
  }
  const spots = new Map<string, LabelSpot>();
  for (const e of edges) {
    const s = geometry.get(e.source);
    const t = geometry.get(e.target);
    if (s === undefined || t === undefined) {
      spots.set(e.id, MIDDLE);
      continue;
    }
    const sx = s.x + s.w + HANDLE_HALF;
    const sy = s.y + s.h / 2;
    const tx = t.x - HANDLE_HALF;
    const ty = t.y + portTop(e.port, t.ports, t.minH);
    let best = MIDDLE;
    let bestCost = Infinity;
    let bestBox: Box | undefined;
    for (const spot of CANDIDATES) {
      const p = wirePoint(sx, sy, tx, ty, spot.t);
      const cy = p.y + spot.dy;
      const box = { x0: p.x - LABEL.width / 2, y0: cy - LABEL.height / 2, x1: p.x + LABEL.width / 2, y1: cy + LABEL.height / 2 };
      const cost = grid.cost(box);
      if (cost < bestCost) {
        best = spot;
        bestCost = cost;
        bestBox = box;
        if (cost === 0) break;
      }
    }
    if (bestBox !== undefined) grid.add(bestBox, 1);
    spots.set(e.id, best);
  }
  return spots;
}
