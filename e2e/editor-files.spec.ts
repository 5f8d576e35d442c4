import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dragFromPalette, edgeBetween, nodeIds, openEditor, watchErrors } from './editor-helpers';

/** Imports a file through the "Import JSON" picker. */
async function importFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
  await (await chooser).setFiles(path);
}

/** Clicks "Export JSON" and returns the downloaded file's text. */
async function exportText(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}

/** What the canvas shows: node ids, ops, positions (rounded) and every edge label. */
async function snapshot(page: Page) {
  const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => [
    e.getAttribute('data-id'), e.getAttribute('data-op'), (e as HTMLElement).style.transform,
    (e.querySelector('.op-value') as HTMLElement | null)?.dataset.value,
  ]));
  const edges = await page.locator('[data-edge-id]').evaluateAll((els) => els.map((e) => {
    const d = (e as HTMLElement).dataset;
    return [d.edgeId, d.source, d.target, d.value];
  }));
  return { nodes, edges };
}

const tmp = (name: string, text: string): string => {
  const path = join(tmpdir(), `gradflow-e2e-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
};

test.describe('files, examples and persistence', () => {
  test('the sigmoid neuron example: run backward and read dw = -0.20, -0.39, 0.20', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await importFile(page, 'public/examples/sigmoid-neuron-gates.json');
    await expect(page.locator('.react-flow__node[data-id="w2"]')).toHaveCount(1);
    await expect(page.locator('.react-flow__node[data-id="f"] .op-value')).toHaveAttribute('data-value', /^0\.731058/);
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const grad = async (s: string, t: string) => Number(await edgeBetween(page, s, t).getAttribute('data-grad'));
    await expect(edgeBetween(page, 'w2', 'dot')).toHaveAttribute('data-grad', /.+/);
    expect((await grad('w0', 'm0')).toFixed(2)).toBe('-0.20');
    expect((await grad('w1', 'm1')).toFixed(2)).toBe('-0.39');
    expect((await grad('w2', 'dot')).toFixed(2)).toBe('0.20');
    expect(await grad('w0', 'm0')).toBeCloseTo(-0.19661, 5);
    expect(await grad('x0', 'm0')).toBeCloseTo(0.39322, 5);
    expect(await grad('x1', 'm1')).toBeCloseTo(-0.58984, 5);
    // The local gradient of the 1/x gate is -1/x² at x = 1.3679: the lecture's -0.53.
    expect(Number(await edgeBetween(page, 'den', 'f').getAttribute('data-local-grad'))).toBeCloseTo(-0.53444, 4);
    // The fused neuron from the Examples menu agrees.
    await page.getByRole('button', { name: 'Examples', exact: true }).click();
    await page.getByRole('menuitem', { name: /one σ gate/ }).click();
    await expect(page.locator('.react-flow__node[data-op="sigmoid"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const w0 = page.locator('.react-flow__node[data-id="w0"] .op-grad');
    await expect(w0).toHaveAttribute('data-grad', /.+/);
    expect(Number(await w0.getAttribute('data-grad'))).toBeCloseTo(-0.19661, 5);
    expect(errors).toEqual([]);
  });

  test('export and re-import give the same graph', async ({ page }) => {
    await openEditor(page);
    await dragFromPalette(page, 'sigmoid', 0.8, 0.8);
    await page.getByLabel('value of z').fill('1.25');
    const first = await exportText(page);
    const file = JSON.parse(first) as { format: string; nodes: { id: string; position?: unknown }[] };
    expect(file.format).toBe('gradflow.graph');
    expect(file.nodes.map((n) => n.id)).toEqual(['x', 'y', 'z', 'q', 'f', 'sigmoid1']);
    expect(file.nodes.every((n) => n.position !== undefined)).toBe(true);
    const before = await snapshot(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    // A graph with an unconnected sigmoid is not a valid file; without it, it is.
    const saved = tmp('export.json', first);
    await importFile(page, saved);
    await expect(page.getByRole('alert')).toContainText('sigmoid1');
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.locator('.react-flow__node[data-id="sigmoid1"] .op-head').click();
    await page.keyboard.press('Delete');
    const valid = await exportText(page);
    const kept = await snapshot(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await importFile(page, tmp('valid.json', valid));
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    expect(await snapshot(page)).toEqual(kept);
    expect(await exportText(page)).toBe(valid);
    expect(before.nodes.length).toBe(6);
  });

  test('an invalid file shows the validator message and keeps the graph exactly', async ({ page }) => {
    await openEditor(page);
    await page.getByLabel('value of x').fill('4');
    const before = await snapshot(page);
    await importFile(page, tmp('bad-op.json', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate', value: 1 }], edges: [] })));
    await expect(page.getByRole('alert')).toContainText(/unknown op.*frobnicate/);
    expect(await snapshot(page)).toEqual(before);
    await importFile(page, tmp('bad-json.json', '{"format": "gradflow.graph",\n  "version": 1,\n  "nodes": [}'));
    await expect(page.getByRole('alert')).toContainText(/line 3/);
    await importFile(page, tmp('cycle.json', JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'a', op: 'neg' }, { id: 'b', op: 'neg' }],
      edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }, { id: 'e2', source: 'b', target: 'a', targetPort: 0 }],
    })));
    await expect(page.getByRole('alert')).toContainText('cycle');
    expect(await snapshot(page)).toEqual(before);
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-value', '-2');
  });

  test('a .json dropped on the canvas is imported', async ({ page }) => {
    await openEditor(page);
    const text = readFileSync('public/examples/fan-out.json', 'utf8');
    const transfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'fan-out.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.locator('.canvas-wrap').dispatchEvent('dragover', { dataTransfer: transfer });
    await page.locator('.canvas-wrap').dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByRole('status')).toContainText('Imported fan-out.json');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    // x fans out to three edges: its gradient is their sum, 2x + 1 = 7 at x = 3.
    await expect(page.locator('.react-flow__node[data-id="x"] .op-grad')).toHaveAttribute('data-grad', '7');
    await expect(page.locator('.react-flow__node[data-id="x"] .op-fanout')).toContainText('sum of 3 edges');
  });

  test('a reload restores the graph exactly', async ({ page }) => {
    await openEditor(page);
    await dragFromPalette(page, 'const', 0.75, 0.75);
    await page.getByLabel('value of y').fill('0.125');
    const node = page.locator('.react-flow__node[data-id="z"] .op-head');
    const box = (await node.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 90, box.y + 45, { steps: 8 });
    await page.mouse.up();
    const before = await snapshot(page);
    await expect(page.locator('.save-badge')).toHaveAttribute('data-save', 'saved');
    await page.reload();
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    expect(await snapshot(page)).toEqual(before);
  });

  test('a share link round-trips and a broken one loads nothing', async ({ page, browser }) => {
    await openEditor(page);
    await page.getByLabel('value of x').fill('-3');
    await dragFromPalette(page, 'relu', 0.8, 0.75);
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(/link/i);
    const url = page.url();
    expect(url).toContain('#graph=');
    const before = await snapshot(page);
    // A fresh browser context: no autosave, only the link.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.locator('.react-flow__node')).toHaveCount(6);
    expect(await snapshot(other)).toEqual(before);
    await expect(other.getByRole('status')).toContainText('share link');
    const broken = url.slice(0, url.indexOf('#graph=') + 7) + 'N4Ig-broken-data';
    const third = await context.newPage();
    await third.goto(broken);
    await expect(third.getByRole('alert')).toContainText('share link is broken');
    // Nothing was loaded from it: this context's autosave (the shared graph) is what shows.
    expect(await nodeIds(third)).toEqual(['x', 'y', 'z', 'q', 'f', 'relu1']);
    await context.close();
  });
});
