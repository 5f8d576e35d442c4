import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { edgeBetween, loadExample, openEditor, settled, watchErrors } from './editor-helpers';
import { shot } from './shots';

/** Opens a side-panel tab by its title. */
async function openTab(page: Page, title: string): Promise<void> {
  await page.getByRole('tab', { name: title, exact: true }).click();
}

/** The gradients the canvas shows on the edges from the four w/x inputs into the products. */
async function inputEdgeGrads(page: Page): Promise<number[]> {
  const pairs = [['w0', 'm0'], ['x0', 'm0'], ['w1', 'm1'], ['x1', 'm1'], ['w2', 'dot']];
  const grads: number[] = [];
  for (const [source, target] of pairs) {
    const label = edgeBetween(page, source, target);
    await expect(label).toHaveAttribute('data-grad', /./);
    grads.push(Number(await label.getAttribute('data-grad')));
  }
  return grads;
}

/** The badges not fully readable: outside the canvas pane, or overlapped by a node other than their own. */
async function badgesInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
    const problems: string[] = [];
    for (const badge of document.querySelectorAll<HTMLElement>('[data-grad-check]')) {
      const b = badge.getBoundingClientRect();
      const own = badge.closest<HTMLElement>('.react-flow__node')!;
      if (b.left < pane.left || b.right > pane.right || b.top < pane.top || b.bottom > pane.bottom) problems.push(`${own.dataset.id} outside`);
      for (const node of nodes) {
        if (node === own) continue;
        const n = node.getBoundingClientRect();
        if (n.left < b.right && b.left < n.right && n.top < b.bottom && b.top < n.bottom) problems.push(`${own.dataset.id} under ${node.dataset.id}`);
      }
    }
    return problems;
  });
}

test.describe('lecture tools', () => {
  test('the landscape tab draws a 2-D map of the SVM example and a 1-D slice', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /Multiclass SVM loss/);
    await expect(page.locator('.react-flow__node[data-id="w00"]')).toBeVisible();
    await openTab(page, 'Landscape');
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    const map = page.getByTestId('landscape-map');
    await expect(map).toHaveAttribute('data-drawn', 'true');
    // The centre of the map is the graph's own loss (the SVM example's starting W).
    const centre = Number(await map.getAttribute('data-center-loss'));
    expect(centre).toBeGreaterThan(0);
    expect(Number(await map.getAttribute('data-max'))).toBeGreaterThan(Number(await map.getAttribute('data-min')));
    // Drawn: many pixels differ from the panel's background, in many colours (heat, contours, axes).
    const drawn = await map.evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const bg = [data[0], data[1], data[2]];
      let different = 0;
      const colours = new Set<number>();
      for (let p = 0; p < data.length; p += 4) {
        if (Math.abs(data[p] - bg[0]) + Math.abs(data[p + 1] - bg[1]) + Math.abs(data[p + 2] - bg[2]) > 30) different++;
        colours.add((data[p] << 16) | (data[p + 1] << 8) | data[p + 2]);
      }
      return { fraction: different / (data.length / 4), colours: colours.size };
    });
    expect(drawn.fraction).toBeGreaterThan(0.4);
    expect(drawn.colours).toBeGreaterThan(50);
    await expect(page.getByTestId('landscape-summary')).toContainText('SVM');
    await shot(page, 'lecture-landscape');

    await page.getByLabel('1-D slice').check();
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    await expect(page.getByTestId('landscape-slice').locator('canvas')).toBeVisible();
    await shot(page, 'lecture-slice');
    expect(errors).toEqual([]);
  });

  test('the strategies tab compares random search, local search and gradient descent on one chart, and a sweep marks divergence', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await openTab(page, 'Strategies');
    await page.getByRole('button', { name: 'Compare strategies' }).click();
    const chart = page.getByTestId('strategies-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    expect(Number(await chart.getAttribute('data-series'))).toBeGreaterThanOrEqual(3);
    // uPlot's legend: the x column plus one row per curve.
    const legend = chart.locator('.u-legend .u-series');
    await expect(legend).toHaveCount(5);
    await expect(legend.nth(1)).toContainText('random search');
    await expect(legend.nth(2)).toContainText('random local search');
    await expect(legend.nth(3)).toContainText('gradient descent');
    // The lecture's ordering on the SVM example with the same budget.
    const final = async (method: string) => Number(await page.locator(`[data-method="${method}"]`).getAttribute('data-final-loss'));
    expect(await final('gd')).toBeLessThan(await final('local'));
    expect(await final('local')).toBeLessThan(await final('random'));

    await page.getByRole('button', { name: 'Run sweep' }).click();
    const sweep = page.getByTestId('sweep-chart');
    await expect(sweep.locator('canvas')).toBeVisible();
    await expect(sweep.locator('.u-legend .u-series')).toHaveCount(5);
    await expect(page.locator('[data-rate="25"]')).toHaveAttribute('data-diverged', 'true');
    await expect(page.locator('[data-rate="25"]')).toContainText(/diverged at step \d+/);
    await expect(page.locator('[data-rate="0.025"]')).toHaveAttribute('data-diverged', 'false');
    await page.locator('[data-rate="25"]').scrollIntoViewIfNeeded();
    await shot(page, 'lecture-strategies');
    expect(errors).toEqual([]);
  });

  test('gradient check shows a good badge on every input of the sigmoid neuron', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /gate by gate/);
    await expect(page.locator('.react-flow__node[data-id="ex"]')).toBeVisible();
    await expect(page.locator('[data-grad-check]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Gradient check' }).click();
    const badges = page.locator('[data-grad-check]');
    await expect(badges).toHaveCount(5);
    for (const id of ['w0', 'x0', 'w1', 'x1', 'w2']) {
      const badge = page.locator(`.react-flow__node[data-id="${id}"] [data-grad-check]`);
      await expect(badge).toHaveAttribute('data-grad-check', 'good');
      expect(Number(await badge.getAttribute('data-rel-error'))).toBeLessThan(1e-7);
    }
    // Every badge can be read: inside the canvas, and no other node covers any part of it.
    await expect.poll(() => badgesInView(page), { timeout: 3000 }).toEqual([]);
    // dx0 = w0 · σ'(1) ≈ 2 · 0.1966 (the lecture's numbers).
    const x0 = page.locator('.react-flow__node[data-id="x0"] [data-grad-check]');
    expect(Number(await x0.getAttribute('data-analytic'))).toBeCloseTo(0.3932, 4);
    await shot(page, 'lecture-gradcheck');
    // Zoom in on w2's badge (the wheel zooms around the pointer).
    await settled(page);
    const zoom = async (): Promise<number> => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1]);
    const before = await zoom();
    const box = (await page.locator('.react-flow__node[data-id="w2"] [data-grad-check]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let k = 0; k < 4; k++) await page.mouse.wheel(0, -300);
    await settled(page);
    expect(await zoom()).toBeGreaterThan(before * 1.5);
    await shot(page, 'lecture-gradcheck-zoom');
    await page.getByRole('button', { name: 'Gradient check' }).click();
    await expect(badges).toHaveCount(0);
    // A typed expression fills the canvas edge to edge: turning the check on refits so a, b, c's badges show too.
    const expression = page.getByPlaceholder(/Expression/);
    await expression.fill('exp(a*b)+log(c)/d');
    await expression.press('Enter');
    await expect(page.locator('.react-flow__node[data-id="d"]')).toBeVisible();
    await settled(page);
    await page.getByRole('button', { name: 'Gradient check' }).click();
    await expect(badges).toHaveCount(4);
    await expect.poll(() => badgesInView(page), { timeout: 3000 }).toEqual([]);
    // d(e^(ab))/da = b·e^(ab) = e at a = b = 1.
    expect(Number(await page.locator('.react-flow__node[data-id="a"] [data-grad-check]').getAttribute('data-analytic'))).toBeCloseTo(Math.E, 9);
    await shot(page, 'lecture-gradcheck-expr');
    expect(errors).toEqual([]);
  });

  test('fusing the sigmoid gates into one gate keeps the gradients on the w/x edges; unfuse restores the chain', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /gate by gate/);
    await expect(page.locator('.react-flow__node[data-id="ex"]')).toBeVisible();
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const before = await inputEdgeGrads(page);
    expect(before[0]).toBeCloseTo(-0.1966, 4);
    expect(before[1]).toBeCloseTo(0.3932, 4);

    const fuse = page.getByRole('button', { name: 'Fuse into gate', exact: true });
    await expect(fuse).toBeDisabled();
    await page.locator('.react-flow__node[data-id="neg"] .op-head').click();
    for (const id of ['ex', 'den', 'f']) await page.locator(`.react-flow__node[data-id="${id}"] .op-head`).click({ modifiers: ['Shift'] });
    await fuse.click();
    await expect(page.locator('.react-flow__node[data-id="ex"]')).toHaveCount(0);
    const gate = page.locator('.react-flow__node').filter({ hasText: 'σ' });
    await expect(gate).toHaveCount(1);
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    const after = await inputEdgeGrads(page);
    after.forEach((g, k) => expect(Math.abs(g - before[k])).toBeLessThan(1e-12));
    await shot(page, 'lecture-fused');

    await page.getByRole('button', { name: 'Unfuse', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-id="ex"]')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(13);
    expect(errors).toEqual([]);
  });

  test('the four equations tab shows each layer of the MNIST network and steps backward layer by layer', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /Nielsen's network\.py/);
    await openTab(page, 'Four equations');
    await expect(page.locator('[data-equation="BP1"] .katex')).toBeVisible();
    await page.getByRole('button', { name: 'Compute for a mini-batch' }).click();
    const layers = page.locator('[data-layer]');
    await expect(layers).toHaveCount(2);
    // The output layer first, as the backward pass visits it.
    await expect(layers.nth(0)).toContainText('BP1');
    await expect(layers.nth(1)).toContainText('BP2');
    expect(Number(await layers.nth(0).getAttribute('data-weight-grad-norm'))).toBeGreaterThan(0);
    await page.getByRole('tabpanel').getByRole('button', { name: 'Step backward' }).click();
    await expect(layers.nth(0)).toHaveAttribute('data-current', 'true');
    await expect(page.locator('[data-equation="BP1"]')).toHaveAttribute('data-active', 'true');
    await page.getByRole('tabpanel').getByRole('button', { name: 'Step backward' }).click();
    await expect(layers.nth(1)).toHaveAttribute('data-current', 'true');
    await expect(page.locator('[data-equation="BP2"]')).toHaveAttribute('data-active', 'true');
    await shot(page, 'lecture-equations');
    await page.getByRole('button', { name: 'Expand to scalar graph' }).click();
    await expect(page.getByRole('alert')).toContainText(/neurons/);
    expect(errors).toEqual([]);
  });
});

test.describe('lecture tools on networks', () => {
  test("the landscape of Nielsen's network on 500 digits is computed in the worker and drawn", async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /Nielsen's network\.py/);
    await openTab(page, 'Landscape');
    await page.getByRole('combobox', { name: /^Path/ }).selectOption('none');
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    const map = page.getByTestId('landscape-map');
    await expect(map).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('landscape-summary')).toContainText('23,860 parameters, L on 500 training digits');
    expect(Number(await map.getAttribute('data-max'))).toBeGreaterThan(Number(await map.getAttribute('data-min')));
    await page.getByTestId('landscape-summary').scrollIntoViewIfNeeded();
    await shot(page, 'lecture-landscape-network');
    expect(errors).toEqual([]);
  });

  test('a small network expands into its scalar graph, whose backward pass gives the delta view\'s numbers', async ({ page }) => {
    const errors = watchErrors(page);
    const rows: [string, string, Record<string, number>?][] = [['x', 'samples', { size: 3 }], ['d1', 'dense', { units: 3 }], ['s1', 'sigmoid'], ['d2', 'dense', { units: 2 }], ['s2', 'sigmoid'], ['c', 'mse']];
    const graph = {
      format: 'gradflow.graph', version: 1,
      nodes: rows.map(([id, op, params], k) => ({ id, op, ...(params === undefined ? {} : { params }), position: { x: 200 * k, y: 0 } })),
      edges: rows.slice(1).map(([id], k) => ({ id: `e${k + 1}`, source: rows[k][0], target: id, targetPort: 0 })),
    };
    const path = join(tmpdir(), `gradflow-small-net-${process.pid}.json`);
    writeFileSync(path, JSON.stringify(graph));
    await openEditor(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser).setFiles(path);
    await expect(page.locator('.react-flow__node[data-id="d2"]')).toBeVisible();
    await openTab(page, 'Four equations');
    await page.getByRole('textbox', { name: 'Batch', exact: true }).fill('1');
    await page.getByRole('button', { name: 'Compute for a mini-batch' }).click();
    const strip = page.getByRole('img', { name: /delta of d2 for sample/ });
    await expect(strip).toHaveAttribute('data-values', /,/);
    const deltas = (await strip.getAttribute('data-values'))!.split(',').map(Number);
    expect(deltas).toHaveLength(2);

    await page.getByRole('button', { name: 'Expand to scalar graph' }).click();
    await expect(page.locator('.react-flow__node[data-id="d2.z0"]')).toBeVisible();
    // The δ view stays tied to its network and says the editor now shows its expansion, not that the graph is stale.
    const relation = page.getByTestId('equations-relation');
    await expect(relation).toHaveAttribute('data-relation', 'expanded');
    await expect(relation).toContainText('scalar graph for sample');
    await expect(page.getByText('The graph has changed since this was computed')).toHaveCount(0);
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    for (let j = 0; j < 2; j++) {
      const grad = page.locator(`.react-flow__node[data-id="d2.z${j}"] [data-grad]`);
      await expect(grad).toHaveAttribute('data-grad', /./);
      expect(Math.abs(Number(await grad.getAttribute('data-grad')) - deltas[j])).toBeLessThan(1e-12);
    }
    // Undo brings the layered graph back, and the δ view is current again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-id="d2"]')).toBeVisible();
    await expect(relation).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
