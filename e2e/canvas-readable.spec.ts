import { expect, test, type Page } from '@playwright/test';
import { edgeBetween, openEditor, opens, settled, watchErrors } from './editor-helpers';

const EXAMPLES = [
  'f = (x + y) · z', 'Sigmoid neuron, gate by gate', 'Sigmoid neuron, one σ gate', 'Staged computation',
  'Fan-out: x · x + x', 'Multiclass SVM loss', "MNIST: Nielsen's network.py", 'MNIST: ReLU + softmax',
];

/** Every toolbar command, by its button name. */
const COMMANDS = ['Operators', 'Side panel', 'New', 'Undo', 'Redo', 'Examples', 'Import JSON', 'Export JSON', 'Share link', 'Tidy layout', 'Export', 'Lessons', 'Quiz', 'Gradient check', 'Fuse into gate', 'Present'];

/** Clicks a toolbar command, through the "More" menu when the toolbar has no room for it. */
async function command(page: Page, name: string): Promise<void> {
  const inline = page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name, exact: true });
  if (!(await inline.isVisible())) await page.getByRole('button', { name: 'More', exact: true }).click();
  await inline.click();
}

/** Loads a shipped example from the Examples menu and waits for its view to settle. */
async function loadExample(page: Page, title: string): Promise<void> {
  await opens(page, async () => {
    await command(page, 'Examples');
    await page.getByRole('menuitem').filter({ hasText: title }).click();
  });
}

/** The canvas's zoom, from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

/** The smallest text drawn on the canvas (font size x zoom) over visible text and value fields, with what it is. */
async function smallestText(page: Page): Promise<{ px: number; what: string; count: number }> {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport')!;
    const z = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
    let px = Infinity;
    let what = '';
    let count = 0;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node *, .react-flow__edgelabel-renderer *')) {
      const text = el instanceof HTMLInputElement ? el.value : [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join('').trim();
      if (text === '' || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      count += 1;
      const size = Number.parseFloat(getComputedStyle(el).fontSize) * z;
      if (size < px) { px = size; what = `${el.className}: ${text.slice(0, 20)}`; }
    }
    return { px, what, count };
  });
}

/**
 * Every toolbar command, each either in the viewport or, after opening More, in the viewport there; returns
 * those found in neither and those that were in More.
 */
async function reachable(page: Page): Promise<{ missing: string[]; inMore: string[] }> {
  const toolbar = page.getByRole('toolbar', { name: 'Editor' });
  const more = page.getByRole('button', { name: 'More', exact: true });
  const viewport = page.viewportSize()!;
  const inView = (b: { x: number; y: number; width: number; height: number } | null) =>
    b !== null && b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height;
  const missing: string[] = [];
  const inMore: string[] = [];
  for (const name of COMMANDS) {
    // Hidden ones count too: a command in the closed More menu is still there, once. (Counting hidden
    // elements, the name includes the decorative icons, hence the pattern.)
    const button = toolbar.getByRole('button', { name: new RegExp(`^\\W*${name}\\W*$`), includeHidden: true });
    await expect(button, name).toHaveCount(1);
    if (await button.isVisible()) {
      if (!inView(await button.boundingBox())) missing.push(name);
      continue;
    }
    inMore.push(name);
    await more.click();
    await expect(button, name).toBeVisible();
    if (!inView(await button.boundingBox())) missing.push(name);
    await page.keyboard.press('Escape');
    await expect(button, name).toBeHidden();
  }
  if (inMore.length > 0 && !inView(await more.boundingBox())) missing.push('More');
  // Nothing of the toolbar sticks out of the page sideways.
  if (await page.evaluate(() => document.documentElement.scrollWidth - innerWidth) > 0) missing.push('(sideways scroll)');
  return { missing, inMore };
}

/** True when two boxes overlap. */
const overlap = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.describe('the canvas reads at every zoom and size', () => {
  for (const [width, height] of [[1440, 900], [1024, 700], [390, 844]] as const) {
    test(`every shipped example opens with no canvas text under 9 px at ${width}x${height}`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.setViewportSize({ width, height });
      await openEditor(page);
      for (const title of EXAMPLES) {
        await loadExample(page, title);
        const smallest = await smallestText(page);
        expect(smallest.count, title).toBeGreaterThan(3);
        expect(smallest.px, `${title}: ${smallest.what} at zoom ${await zoom(page)}`).toBeGreaterThanOrEqual(9);
        // Readable means the numbers are there: the edge labels are drawn (the mid level or closer).
        expect(await zoom(page), title).toBeGreaterThanOrEqual(0.75);
        await expect(page.locator('.edge-label').first(), title).toBeVisible();
      }
      expect(errors).toEqual([]);
    });
  }

  test('zoomed out, nodes turn compact and edge labels go; hover still gives the exact numbers', async ({ page }) => {
    await openEditor(page);
    await loadExample(page, 'Staged computation');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    await expect(edgeBetween(page, 'invden', 'f')).toHaveAttribute('data-grad', /^3\.01/);
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    // Each click of the controls zooms by 1.2: walk down through every level and check the text each time.
    const seen = new Set<string>();
    while (await zoom(page) > 0.22) {
      await zoomOut.click();
      await settled(page);
      const lod = (await page.locator('.canvas-wrap').getAttribute('data-lod'))!;
      seen.add(lod);
      const smallest = await smallestText(page);
      expect(smallest.px, `${lod}: ${smallest.what}`).toBeGreaterThanOrEqual(9);
      if (lod === 'compact' || lod === 'symbols' || lod === 'outline') await expect(page.locator('.edge-label').first()).toBeHidden();
    }
    expect([...seen]).toEqual(expect.arrayContaining(['mid', 'compact', 'symbols', 'outline']));
    // Back at the compact level: symbol, value and gradient in large type.
    while (await page.locator('.canvas-wrap').getAttribute('data-lod') !== 'compact') {
      await page.locator('.react-flow__controls-zoomin').click();
      await settled(page);
    }
    const f = page.locator('.react-flow__node[data-id="f"]');
    await expect(f.locator('.op-compact-symbol')).toBeVisible();
    await expect(f.locator('.op-compact-value')).toHaveText('1.546');
    await expect(f.locator('.op-compact-grad')).toHaveText('∇ 1');
    await expect(f.locator('.op-value')).toBeHidden();
    // Hovering a compact node shows its numbers in full precision.
    await page.locator('.react-flow__node[data-id="invden"]').hover();
    const card = page.getByRole('tooltip');
    await expect(card).toContainText('invden');
    const exact = Number((await card.locator('.value').textContent())!);
    expect(exact).toBeCloseTo(0.5121, 4);
    expect(String(exact).length).toBeGreaterThan(8);
    // Zooming in brings the details back.
    while (await zoom(page) < 0.9) {
      await page.locator('.react-flow__controls-zoomin').click();
      await settled(page);
    }
    await expect(page.locator('.canvas-wrap')).toHaveAttribute('data-lod', 'full');
    await expect(edgeBetween(page, 'invden', 'f')).toBeVisible();
  });

  test('the fan-out example shows x\'s three gradients apart, and their sum on x', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, 'Fan-out: x · x + x');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const labels = page.locator('[data-edge-id][data-source="x"]');
    await expect(labels).toHaveCount(3);
    const grads = await labels.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-grad'))).sort());
    expect(grads).toEqual([1, 3, 3]);
    const boxes = [];
    for (let k = 0; k < 3; k++) {
      const label = labels.nth(k);
      await expect(label).toBeVisible();
      await expect(label.locator('.edge-grad')).toHaveText(String(await label.getAttribute('data-grad')));
      boxes.push((await label.boundingBox())!);
    }
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect(overlap(boxes[a], boxes[b]), `labels ${a} and ${b}`).toBe(false);
    // No label covers a node either.
    for (const id of ['x', 'xx', 'f']) {
      const node = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
      for (const box of boxes) expect(overlap(box, node), id).toBe(false);
    }
    // The sum, 3 + 3 + 1 = 7, on x.
    const xGrad = page.locator('.react-flow__node[data-id="x"] .op-grad');
    await expect(xGrad).toHaveAttribute('data-grad', '7');
    await expect(xGrad).toContainText('∇ 7');
    await expect(xGrad).toContainText('sum of 3 edges');
    // The x -> + wire passes clear of the x · x node.
    const behind = await page.evaluate(() => {
      const label = document.querySelector('[data-edge-id][data-source="x"][data-target="f"]')!;
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${label.getAttribute('data-edge-id')}"] path`)!;
      const node = document.querySelector('.react-flow__node[data-id="xx"]')!.getBoundingClientRect();
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      let inside = 0;
      for (let k = 0; k <= 100; k++) {
        const p = path.getPointAtLength((k / 100) * length).matrixTransform(m);
        if (p.x > node.left && p.x < node.right && p.y > node.top && p.y < node.bottom) inside += 1;
      }
      return inside;
    });
    expect(behind).toBe(0);
    expect(errors).toEqual([]);
  });

  test('stepping backward keeps the current node in view', async ({ page }) => {
    await openEditor(page);
    await loadExample(page, 'Sigmoid neuron, gate by gate');
    const step = page.getByRole('button', { name: 'Step backward', exact: true });
    const visited: string[] = [];
    // 13 steps; the last completes the pass, after which no node is current.
    for (let k = 0; k < 12; k++) {
      await step.click();
      const current = page.locator('.react-flow__node:has(.op-node[data-current])');
      await expect(current).toHaveCount(1);
      await settled(page);
      const pane = (await page.locator('.react-flow').boundingBox())!;
      const box = (await current.boundingBox())!;
      const id = (await current.getAttribute('data-id'))!;
      visited.push(id);
      expect(box.x, id).toBeGreaterThanOrEqual(pane.x);
      expect(box.y, id).toBeGreaterThanOrEqual(pane.y);
      expect(box.x + box.width, id).toBeLessThanOrEqual(pane.x + pane.width);
      expect(box.y + box.height, id).toBeLessThanOrEqual(pane.y + pane.height);
    }
    // The pass reached the inputs on the far left, which the opening view did not show.
    expect(new Set(visited).size).toBe(12);
    expect(visited[0]).toBe('f');
    expect(visited.filter((id) => ['w0', 'x0', 'w1', 'x1', 'w2'].includes(id)).length).toBeGreaterThanOrEqual(4);
    await step.click();
    await expect(page.getByLabel('Chain rule')).toContainText('Backward 13/13');
  });

  test('at 1024x700 every toolbar command is reachable, the canvas keeps half the width, nothing scrolls sideways', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1024, height: 700 });
    await openEditor(page);
    const more = page.getByRole('button', { name: 'More', exact: true });
    // 1024 px: the toolbar takes two rows, or puts the rest into More.
    const atWidth = await reachable(page);
    expect(atWidth.missing).toEqual([]);
    // Narrower still, More holds what two rows cannot, and its commands work from there.
    await page.setViewportSize({ width: 760, height: 700 });
    const narrower = await reachable(page);
    expect(narrower.missing).toEqual([]);
    expect(narrower.inMore.length).toBeGreaterThan(0);
    expect(narrower.inMore).toContain('Present');
    await command(page, 'Present');
    await expect(page.getByRole('button', { name: /Exit presentation/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(more).toBeVisible();
    await page.setViewportSize({ width: 1024, height: 700 });
    const canvas = (await page.locator('.canvas-wrap').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(512);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    // Collapsing both side columns gives the canvas the full width; showing them again restores it.
    await command(page, 'Operators');
    await command(page, 'Side panel');
    await expect(page.locator('.palette')).toBeHidden();
    expect((await page.locator('.canvas-wrap').boundingBox())!.width).toBe(1024);
    await command(page, 'Operators');
    await command(page, 'Side panel');
    await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
    expect((await page.locator('.canvas-wrap').boundingBox())!.width).toBeCloseTo(canvas.width, 0);
    expect(errors).toEqual([]);
  });

  test('at 390x844 the canvas fills the width and values can be edited and stepped', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await openEditor(page);
    await settled(page);
    const canvas = (await page.locator('.canvas-wrap').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(300);
    expect(canvas.width).toBe(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    // The lecture's example: set z = 2, so f = q·z = 3·2 = 6.
    const z = page.getByLabel('value of z');
    await expect(z).toBeVisible();
    await z.fill('2');
    await expect(page.locator('.react-flow__node[data-id="f"] .op-value')).toHaveText('6');
    await page.getByRole('button', { name: 'Step backward', exact: true }).click();
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-grad', '2');
    await expect(edgeBetween(page, 'z', 'f')).toHaveAttribute('data-grad', '3');
    await expect(page.getByLabel('Chain rule')).toContainText('df/dq = df/df * df/dq = 1 * 2 = 2');
    await page.getByRole('button', { name: 'Step backward', exact: true }).click();
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-grad', '2');
    // The side panel is a drawer over the canvas: the inspector shows the selected node, then closes again.
    await page.locator('.react-flow__node[data-id="f"] .op-head').click();
    await page.getByRole('button', { name: 'Side panel', exact: true }).click();
    const inspector = page.getByRole('tabpanel');
    await expect(inspector).toBeVisible();
    await expect(inspector).toContainText('Multiply');
    const drawer = (await page.locator('.side-panel').boundingBox())!;
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Side panel', exact: true }).click();
    await expect(inspector).toBeHidden();
    // The palette drawer adds a node.
    await page.getByRole('button', { name: 'Operators', exact: true }).click();
    await page.locator('.palette [data-op="exp"]').click();
    await expect(page.locator('.react-flow__node[data-op="exp"]')).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    expect(errors).toEqual([]);
  });

  test('presentation mode: larger type, no toolbar or panels, keyboard stepping, Esc leaves', async ({ page }) => {
    await openEditor(page);
    await settled(page);
    const before = await zoom(page);
    await page.keyboard.press('p');
    await expect(page.getByRole('toolbar', { name: 'Editor' })).toBeHidden();
    await expect(page.locator('.palette')).toBeHidden();
    await expect(page.locator('.side-panel')).toBeHidden();
    await expect(page.getByRole('button', { name: /Exit presentation/ })).toBeVisible();
    await settled(page);
    expect(await zoom(page)).toBeGreaterThan(before);
    expect(await zoom(page)).toBeGreaterThanOrEqual(1);
    const chainFont = await page.locator('.chain-rule').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(chainFont).toBeGreaterThanOrEqual(18);
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Chain rule')).toContainText('Backward 1/5');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-grad', '-4');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByLabel('Chain rule')).toContainText('Backward 2/5');
    await expect(page.getByLabel('Chain rule')).toContainText('df/dx = df/dq * dq/dx = -4 * 1 = -4');
    await page.keyboard.press('Home');
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Editor' })).toBeVisible();
    await expect(page.locator('.palette')).toBeVisible();
  });

  test('formula and chain rule show rounded numbers and give them in full on hover', async ({ page }) => {
    await openEditor(page);
    const box = page.getByLabel('Expression');
    await box.fill('x*0.123456789+1/3');
    await box.press('Enter');
    const formula = page.getByRole('region', { name: 'Formula' });
    await expect(formula.locator('.katex')).toContainText('0.1235');
    await expect(formula.locator('.katex')).not.toContainText('0.123456789');
    await expect(formula).toHaveAttribute('title', /0\.123456789/);
    await page.getByLabel(/^value of x/).fill('0.7');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const line = page.getByLabel('Chain rule').locator('code').first();
    await expect(line).toContainText('0.1235');
    await expect(line).toHaveAttribute('title', /0\.123456789/);
  });
});
