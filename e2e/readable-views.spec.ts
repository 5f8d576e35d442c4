import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadExample, openEditor, opens, watchErrors } from './editor-helpers';


/** Imports a graph file through the "Import JSON" picker. */
async function importGraph(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
  await (await chooser).setFiles(path);
}

/** Node boxes that stick out of the canvas, once the fit animation has settled. */
async function nodesOutOfView(page: Page): Promise<string[]> {
  let previous = '';
  // The fit animates; wait until two reads a frame apart agree.
  await expect.poll(async () => {
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    const same = now === previous;
    previous = now ?? '';
    return same;
  }, { intervals: [100, 100, 200, 200, 400] }).toBe(true);
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node')].filter((n) => {
      const r = n.getBoundingClientRect();
      return r.left < pane.left - 0.5 || r.top < pane.top - 0.5 || r.right > pane.right + 0.5 || r.bottom > pane.bottom + 0.5;
    }).map((n) => n.getAttribute('data-id')!);
  });
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

test.describe('readable views', () => {
  test('a fused gate shows its own symbol σ and exactly its one input port', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /gate by gate/);
    await page.locator('.react-flow__node[data-id="neg"] .op-head').click();
    for (const id of ['ex', 'den', 'f']) await page.locator(`.react-flow__node[data-id="${id}"] .op-head`).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Fuse into gate', exact: true }).click();
    const gate = page.locator('.react-flow__node[data-op="gate"]');
    await expect(gate).toHaveCount(1);
    await expect(gate.locator('.op-symbol')).toHaveText('σ');
    await expect(gate.locator('.react-flow__handle.target')).toHaveCount(1);
    await expect(gate.locator('.react-flow__handle.target.is-connected')).toHaveCount(1);
    // Undo and redo bring back the same gate.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(gate).toHaveCount(0);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(gate.locator('.op-symbol')).toHaveText('σ');
    await expect(gate.locator('.react-flow__handle.target')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('loading an example or importing a file fits it into view when that reads, else opens on the output', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    // Small enough to read whole at 1440x900: every node in view.
    for (const title of [/one σ gate/, /Nielsen's network\.py/]) {
      await opens(page, () => loadExample(page, title));
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      expect(await nodesOutOfView(page), String(title)).toEqual([]);
    }
    // Too wide to read whole: opened at full detail on the output and its inputs; the rest is off screen.
    for (const [title, output, inputs] of [[/gate by gate/, 'f', ['den', 'ex']], [/Staged/, 'f', ['num', 'invden']], [/Multiclass SVM loss/, 'L', ['sum']]] as const) {
      await opens(page, () => loadExample(page, title));
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      const out = await nodesOutOfView(page);
      expect(out.length, String(title)).toBeGreaterThan(0);
      for (const id of [output, ...inputs]) expect(out, `${String(title)}: ${id}`).not.toContain(id);
      expect(await zoom(page), String(title)).toBeGreaterThanOrEqual(0.9);
    }
    // A wide file far from the origin opens on its last node.
    const nodes = Array.from({ length: 12 }, (_x, k) => ({ id: `n${k}`, op: k === 0 ? 'input' : 'exp', ...(k === 0 ? { value: 0.1 } : {}), position: { x: -3000 + 260 * k, y: 900 + (k % 3) * 150 } }));
    const edges = nodes.slice(1).map((n, k) => ({ id: `e${k}`, source: nodes[k].id, target: n.id, targetPort: 0 }));
    const path = join(tmpdir(), `gradflow-wide-${process.pid}.json`);
    writeFileSync(path, JSON.stringify({ format: 'gradflow.graph', version: 1, nodes, edges }));
    await opens(page, () => importGraph(page, path));
    await expect(page.locator('.react-flow__node[data-id="n11"]')).toBeAttached();
    const out = await nodesOutOfView(page);
    expect(out).toContain('n0');
    expect(out).not.toContain('n11');
    expect(out).not.toContain('n10');
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.9);
    expect(errors).toEqual([]);
  });

  test('the page asks for no missing file (favicon included)', async ({ page }) => {
    const missing: string[] = [];
    page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    await openEditor(page);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/\.svg$/);
    const icon = await page.request.get(href!);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');
    await page.waitForLoadState('networkidle');
    expect(missing).toEqual([]);
  });

  test('a long formula scrolls sideways inside the header; a tall one is set smaller; the header never changes height', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const header = page.locator('.app-header');
    const before = (await header.boundingBox())!;
    const box = page.getByRole('textbox', { name: 'Expression' });
    const long = `1/(1+1/(1+1/(1+exp(-(a*b)))))+${Array.from({ length: 16 }, (_x, k) => `w${k}*x${k}`).join('+')}`;
    await box.fill(long);
    await box.press('Enter');
    await expect(page.locator('.react-flow__node[data-id]').nth(40)).toBeAttached();
    const formula = page.getByRole('region', { name: 'Formula' });
    await expect(formula.locator('.katex')).toBeVisible();
    const after = (await header.boundingBox())!;
    expect(after.height).toBe(before.height);
    const geometry = await formula.evaluate((el) => {
      const head = el.closest('header')!.getBoundingClientRect();
      const own = el.getBoundingClientRect();
      let top = Infinity;
      let bottom = -Infinity;
      for (const b of el.querySelector('.katex-html')!.children) {
        const r = b.getBoundingClientRect();
        top = Math.min(top, r.top);
        bottom = Math.max(bottom, r.bottom);
      }
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, ownRight: own.right, headRight: head.right, top, bottom, headTop: head.top, headBottom: head.bottom };
    });
    // Wider than its box, and scrollable within it rather than spilling over the header's edge.
    expect(geometry.scrollWidth).toBeGreaterThan(geometry.clientWidth);
    expect(geometry.ownRight).toBeLessThanOrEqual(geometry.headRight + 0.5);
    expect(geometry.top).toBeGreaterThanOrEqual(geometry.headTop);
    expect(geometry.bottom).toBeLessThanOrEqual(geometry.headBottom);
    await formula.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    expect(await formula.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect((await header.boundingBox())!.height).toBe(before.height);
    expect(errors).toEqual([]);
  });

  test("the inspector's inputs table and the expression box's placeholder read in full", async ({ page }) => {
    await openEditor(page);
    await loadExample(page, /Staged/);
    const box = page.getByRole('textbox', { name: 'Expression' });
    const placeholder = await box.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input, '::placeholder');
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const own = getComputedStyle(input);
      return { text: ctx.measureText(input.placeholder).width, room: input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight) };
    });
    expect(placeholder.text).toBeLessThanOrEqual(placeholder.room);
    for (const id of ['xpysqr', 'invden', 'den', 'f']) {
      await page.locator(`.react-flow__node[data-id="${id}"] .op-head`).click();
      const cells = page.locator('.inspector .ports th, .inspector .ports td');
      await expect(cells.first()).toBeVisible();
      const clipped = await cells.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 0.5).map((e) => e.textContent));
      expect(clipped, id).toEqual([]);
      const table = await page.locator('.inspector .ports').evaluate((t) => ({ table: t.getBoundingClientRect().right, panel: t.closest('.tab-body')!.getBoundingClientRect().right }));
      expect(table.table).toBeLessThanOrEqual(table.panel);
      await expect(page.locator('.inspector .ports th').last()).toContainText(`d${id}/d(input)`);
    }
  });
});
