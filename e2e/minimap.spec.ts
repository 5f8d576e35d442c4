import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openEditor, settled, watchErrors } from './editor-helpers';

/** Ids of nodes whose box overlaps the minimap or the zoom controls. */
async function nodesUnderPanels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panels = ['.react-flow__minimap', '.react-flow__controls'].map((s) => document.querySelector(s)!.getBoundingClientRect());
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return [...document.querySelectorAll('.react-flow__node')]
      .filter((n) => panels.some((p) => overlaps(n.getBoundingClientRect(), p)))
      .map((n) => n.getAttribute('data-id')!);
  });
}

test.describe('minimap', () => {
  test('after a fit no node hides under the minimap or the controls', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await settled(page);
    expect(await nodesUnderPanels(page), 'the first graph').toEqual([]);
    const titles = [/gate by gate/, /one σ gate/, /Staged/, /Fan-out/, /Multiclass SVM loss/];
    for (const title of titles) {
      await page.getByRole('button', { name: 'Examples', exact: true }).click();
      await page.getByRole('menuitem', { name: title }).click();
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      await settled(page);
      expect(await nodesUnderPanels(page), String(title)).toEqual([]);
    }
    // A grid shaped like the canvas, filled to its bottom-right corner: that corner is where the minimap sits.
    const nodes = Array.from({ length: 42 }, (_x, k) => ({
      id: `n${k}`, op: k === 0 ? 'input' : 'tanh', ...(k === 0 ? { value: 0.5 } : {}),
      position: { x: (k % 7) * 190, y: Math.floor(k / 7) * 170 },
    }));
    const edges = nodes.slice(1).map((n, k) => ({ id: `e${k}`, source: nodes[k].id, target: n.id, targetPort: 0 }));
    const path = join(tmpdir(), `gradflow-grid-${process.pid}.json`);
    writeFileSync(path, JSON.stringify({ format: 'gradflow.graph', version: 1, nodes, edges }));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser).setFiles(path);
    await expect(page.locator('.react-flow__node[data-id="n41"]')).toBeAttached();
    await settled(page);
    expect(await nodesUnderPanels(page), 'a canvas-shaped grid').toEqual([]);
    // The controls' fit-view button fits the same way.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-fitview').click();
    await settled(page);
    expect(await nodesUnderPanels(page), 'after the fit-view button').toEqual([]);
    expect(errors).toEqual([]);
  });
});
