import { expect, test, type Page } from '@playwright/test';
import { dragFromPalette, edgeBetween, openEditor, watchErrors } from './editor-helpers';

/** Screen box of a canvas node. */
const nodeBox = async (page: Page, id: string) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;

/** Relative luminance (0 black .. 1 white) of a CSS rgb() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test.describe('editor details', () => {
  test('Tidy layout lays a scrambled graph out left to right without overlaps, and undo puts it back', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    // Drag the output to the far left, above its inputs: no longer left to right.
    const f = await nodeBox(page, 'f');
    const x = await nodeBox(page, 'x');
    await page.mouse.move(f.x + 20, f.y + 10);
    await page.mouse.down();
    await page.mouse.move(x.x - 200, x.y - 40, { steps: 12 });
    await page.mouse.up();
    const moved = await nodeBox(page, 'f');
    expect(moved.x).toBeLessThan(x.x);

    await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
    const edges = [['x', 'q'], ['y', 'q'], ['q', 'f'], ['z', 'f']];
    await expect.poll(async () => {
      const boxes = await Promise.all(['x', 'y', 'q', 'f', 'z'].map((id) => nodeBox(page, id)));
      const at = Object.fromEntries(['x', 'y', 'q', 'f', 'z'].map((id, k) => [id, boxes[k]]));
      const leftToRight = edges.every(([s, t]) => at[s].x + at[s].width <= at[t].x);
      const overlaps = boxes.some((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height));
      return leftToRight && !overlaps;
    }).toBe(true);
    // Values and wiring are untouched by a layout.
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '3');

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => {
      const [fNow, xNow] = [await nodeBox(page, 'f'), await nodeBox(page, 'x')];
      return fNow.x < xNow.x;
    }).toBe(true);
    expect(errors).toEqual([]);
  });

  test('ports are labelled where order matters: a and b for sub and div, base and exponent for pow', async ({ page }) => {
    await openEditor(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const labels = async (id: string) => page.locator(`.react-flow__node[data-id="${id}"] .port-label`).allTextContents();
    const sub = await dragFromPalette(page, 'sub', 0.3, 0.3);
    const div = await dragFromPalette(page, 'div', 0.3, 0.7);
    const pow = await dragFromPalette(page, 'pow', 0.7, 0.5);
    const add = await dragFromPalette(page, 'add', 0.7, 0.2);
    expect(await labels(sub)).toEqual(['a', 'b']);
    expect(await labels(div)).toEqual(['a', 'b']);
    expect(await labels(pow)).toEqual(['base', 'exponent']);
    // Order does not matter for a sum: its ports carry no label.
    expect(await labels(add)).toEqual([]);
    await expect(page.getByLabel(`input exponent of ${pow}`)).toHaveCount(1);
  });

  test('the step buttons show their shortcuts, and the keys work', async ({ page }) => {
    await openEditor(page);
    const expected: [string, string][] = [['Step forward', '(F)'], ['Step backward', '(B)'], ['Run backward', '(Shift+B)'], ['Reset', '(R)']];
    for (const [name, key] of expected) {
      expect(await page.getByRole('button', { name, exact: true }).getAttribute('title')).toContain(key);
    }
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('b');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-grad', '-4');
    await expect(edgeBetween(page, 'x', 'q')).not.toHaveAttribute('data-grad');
    await page.keyboard.press('Shift+B');
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-grad', '-4');
    await page.keyboard.press('r');
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`follows the system's ${scheme} theme, values green and gradients red`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openEditor(page);
      await page.getByRole('button', { name: 'Run backward', exact: true }).click();
      await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-grad', '-4');
      const background = await page.locator('.react-flow').evaluate((el) => getComputedStyle(el).backgroundColor);
      const text = await page.locator('body').evaluate((el) => getComputedStyle(el).color);
      if (scheme === 'dark') {
        expect(luminance(background)).toBeLessThan(0.25);
        expect(luminance(text)).toBeGreaterThan(0.6);
      } else {
        expect(luminance(background)).toBeGreaterThan(0.85);
        expect(luminance(text)).toBeLessThan(0.4);
      }
      // The lecture's colours: the value label leans green, the gradient label red.
      const colour = (sel: string) => edgeBetween(page, 'q', 'f').locator(sel).first().evaluate((el) => (getComputedStyle(el).color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number));
      const [vr, vg] = await colour('.edge-value');
      const [gr, gg] = await colour('.edge-grad');
      expect(vg).toBeGreaterThan(vr);
      expect(gr).toBeGreaterThan(gg);
    });
  }
  test('the inspector shows a node\'s operator, inputs, local gradients and chain rule with numbers', async ({ page }) => {
    await openEditor(page);
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    await page.locator('.react-flow__node[data-id="f"] .op-head').click();
    const inspector = page.locator('.inspector');
    await expect(inspector.locator('h2')).toContainText('Multiply');
    await expect(inspector.locator('dd.value')).toHaveText('-12');
    await expect(inspector.locator('dd.grad')).toHaveText('1');
    // d(q·z)/dq = z = -4 and d(q·z)/dz = q = 3, one row per input in port order.
    const rows = await inspector.locator('.ports tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(1))).toEqual([['q', '3', '-4'], ['z', '-4', '3']]);
    await page.locator('.react-flow__node[data-id="q"] .op-head').click();
    await expect(inspector.locator('h2')).toContainText('Add');
    await expect(inspector.locator('dd.grad')).toHaveText('-4');
    await expect(inspector.locator('.chain-lines')).toContainText('df/dx = df/dq * dq/dx = -4 * 1 = -4');
    await expect(inspector.locator('.chain-lines')).toContainText('df/dy = df/dq * dq/dy = -4 * 1 = -4');
  });
});
