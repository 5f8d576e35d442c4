import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** One wire as "source->target:handle". */
export type Wire = string;

/**
 * The wires as the canvas draws them: for every edge path, the handles its two ends touch on screen.
 * This reads geometry, not React Flow's edge list, so a wire drawn to a stale handle position shows up.
 */
export async function drawnWires(page: Page): Promise<Wire[]> {
  return page.locator('.react-flow').evaluate((root) => {
    const centre = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    };
    const handles = [...root.querySelectorAll('.react-flow__handle')].map((h) => ({
      node: h.getAttribute('data-nodeid')!, id: h.getAttribute('data-handleid')!, at: centre(h),
    }));
    const nearest = (p: { x: number; y: number }, type: 'out' | 'in') => {
      let best: { node: string; id: string; d: number } | undefined;
      for (const h of handles) {
        if ((h.id === 'out') !== (type === 'out')) continue;
        const d = Math.hypot(h.at.x - p.x, h.at.y - p.y);
        if (best === undefined || d < best.d) best = { node: h.node, id: h.id, d };
      }
      return best;
    };
    const wires: string[] = [];
    for (const path of root.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
      const ctm = path.getScreenCTM()!;
      const start = new DOMPoint(path.getPointAtLength(0).x, path.getPointAtLength(0).y).matrixTransform(ctm);
      const endLocal = path.getPointAtLength(path.getTotalLength());
      const end = new DOMPoint(endLocal.x, endLocal.y).matrixTransform(ctm);
      const from = nearest(start, 'out');
      const to = nearest(end, 'in');
      // An end more than a few pixels from every handle is a wire into nowhere.
      const tolerance = 12;
      wires.push(`${from !== undefined && from.d < tolerance ? from.node : '?'}->${to !== undefined && to.d < tolerance ? `${to.node}:${to.id}` : '?'}`);
    }
    return wires.sort();
  });
}

/** The wires a gradflow.graph file describes, in the same form. */
export function fileWires(text: string): Wire[] {
  const file = JSON.parse(text) as { edges: { source: string; target: string; targetPort: number }[] };
  return file.edges.map((e) => `${e.source}->${e.target}:in${e.targetPort}`).sort();
}

/** Clicks "Export JSON" and returns the downloaded file's text: the graph as the app holds it. */
export async function exportedText(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  return readFileSync(await (await download).path(), 'utf8');
}

/** Waits until the canvas draws exactly the wires of the graph the app exports. */
export async function expectCanvasShowsGraph(page: Page): Promise<void> {
  const expected = fileWires(await exportedText(page));
  await expect.poll(() => drawnWires(page)).toEqual(expected);
}

/** Types an expression into the Expression box and presses Enter. */
export async function buildExpression(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.locator('.status')).toContainText(`Built the graph of ${text}`);
}
