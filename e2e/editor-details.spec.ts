import { expect, test, type Page } from '@playwright/test';
import { dragFromPalette, edgeBetween, openEditor, watchErrors, wire } from './editor-helpers';

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
  test('scale and offset take their parameter, and const its value, on the node; the numbers follow live', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const x = await dragFromPalette(page, 'input', 0.1, 0.3);
    const s = await dragFromPalette(page, 'scale', 0.35, 0.3);
    const o = await dragFromPalette(page, 'offset', 0.6, 0.3);
    const c = await dragFromPalette(page, 'const', 0.35, 0.75);
    const m = await dragFromPalette(page, 'mul', 0.85, 0.5);
    await wire(page, x, s, 0);
    await wire(page, s, o, 0);
    await wire(page, o, m, 0);
    await wire(page, c, m, 1);
    await expect(page.locator('[data-edge-id]')).toHaveCount(4);
    await page.getByLabel(`value of ${x}`).fill('3');
    await page.getByLabel(`a of ${s}`).fill('-2');
    await page.getByLabel(`c of ${o}`).fill('0.5');
    await page.getByLabel(`value of ${c}`).fill('4');
    // f = 4 * (-2 * 3 + 0.5) = -22
    await expect(edgeBetween(page, s, o)).toHaveAttribute('data-value', '-6');
    await expect(edgeBetween(page, o, m)).toHaveAttribute('data-value', '-5.5');
    await expect(page.locator(`.react-flow__node[data-id="${m}"] .op-value`)).toHaveText('-22');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    // df/dx = 4 * 1 * (-2): the scale's local gradient is a, the offset's 1.
    await expect(edgeBetween(page, x, s)).toHaveAttribute('data-local-grad', '-2');
    await expect(edgeBetween(page, s, o)).toHaveAttribute('data-local-grad', '1');
    await expect(edgeBetween(page, x, s)).toHaveAttribute('data-grad', '-8');
    await expect(edgeBetween(page, c, m)).toHaveAttribute('data-grad', '-5.5');
    // A parameter edit is one undoable step and resets the pass.
    await page.getByLabel(`a of ${s}`).fill('1');
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);
    await expect(page.locator(`.react-flow__node[data-id="${m}"] .op-value`)).toHaveText('14');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator(`.react-flow__node[data-id="${m}"] .op-value`)).toHaveText('-22');
    expect(errors).toEqual([]);
  });
  test('a non-finite value is shown on its node while the rest of the graph still evaluates', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const box = page.getByLabel('Expression');
    await box.fill('log(x) + y');
    await box.press('Enter');
    await expect(page.locator('.react-flow__node[data-op="log"]')).toHaveCount(1);
    await page.getByLabel('value of y').fill('2');
    await page.getByLabel('value of x').fill('-1');
    const log = page.locator('.react-flow__node[data-op="log"]');
    await expect(log.locator('.op-problem')).toBeVisible();
    await expect(log.locator('.op-problem')).toContainText('not a finite number');
    await expect(page.locator('[data-edge-id][data-source="y"]')).toHaveAttribute('data-value', '2');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    // log's local gradient 1/x is finite at x = -1, and y's gradient is 1 whatever log did.
    await expect(page.locator('[data-edge-id][data-source="x"]')).toHaveAttribute('data-local-grad', '-1');
    await expect(page.locator('[data-edge-id][data-source="y"]')).toHaveAttribute('data-grad', '1');
    // Back to a positive x: the warning goes away.
    await page.getByLabel('value of x').fill('1');
    await expect(log.locator('.op-problem')).toBeHidden();
    expect(errors).toEqual([]);
  });
  test('Share link copies the very link that the page address now holds', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openEditor(page);
    await page.getByLabel('value of z').fill('7');
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toMatch(/#graph=./);
  });
});
