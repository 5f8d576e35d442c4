/** Where things sit on a node and along a wire, shared by the node, the edge and the label placement. */

/** A node's width as styles.css draws it (.op-node). */
export const NODE_WIDTH = 124;

/** A node's least height: room for its input ports (22 px each) and its usual content. */
export const nodeMinHeight = (ports: number): number => Math.max(84, 22 * ports + 16);

/** Vertical placement of input handle k out of `count`, in px from the node's top. */
export const portTop = (k: number, count: number, height: number): number => ((k + 1) * height) / (count + 1);

/** React Flow's bezier control offset (curvature 0.25), so points computed here lie on the drawn wire. */
const controlOffset = (distance: number): number => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));

/** The point at parameter t of the wire React Flow draws from a right-hand source handle to a left-hand target handle. */
export function wirePoint(sx: number, sy: number, tx: number, ty: number, t: number): { x: number; y: number } {
  const off = controlOffset(tx - sx);
  const c1x = sx + off;
  const c2x = tx - off;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * sx + b * c1x + c * c2x + d * tx, y: (a + b) * sy + (c + d) * ty };
}
