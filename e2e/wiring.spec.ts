import { expect, test } from '@playwright/test';
import { openEditor, watchErrors } from './editor-helpers';
import { buildExpression, drawnWires, expectCanvasShowsGraph } from './rendered-edges';

test.describe('the canvas draws the graph', () => {
  test('relu(a) + max(b, c), then (x+y)*z: every wire ends at its own port', async ({ page }) => {
    const errors = watchErrors(page);
    const warnings: string[] = [];
    page.on('console', (m) => { if (/\[React Flow\]/.test(m.text())) warnings.push(m.text()); });
    await openEditor(page);
    await buildExpression(page, 'relu(a) + max(b, c)');
    await expectCanvasShowsGraph(page);
    await buildExpression(page, '(x+y)*z');
    // The expression's ids are fixed by the builder: x and y feed the add node's two ports, z the product's second.
    await expect.poll(() => drawnWires(page)).toEqual(['n1->f:in0', 'x->n1:in0', 'y->n1:in1', 'z->f:in1']);
    await expectCanvasShowsGraph(page);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a seeded run of expressions, undo, redo and examples keeps drawing exactly the graph', async ({ page }) => {
    const errors = watchErrors(page);
    const warnings: string[] = [];
    page.on('console', (m) => { if (/\[React Flow\]/.test(m.text())) warnings.push(m.text()); });
    await openEditor(page);
    // Expressions whose generated ids (n1, n2, ...) land on operators with 1, 2 and 3+ ports in turn.
    const expressions = ['exp(a)*b', 'max(a, b) - c', 'a + b + c + d', 'sigmoid(a)', 'a^b / (c + d)', 'relu(a) + max(b, c)', '(x+y)*z', 'a*b*c*d*e'];
    // mulberry32: a small seeded generator, so a failure replays exactly.
    let seed = Number(process.env.GRADFLOW_WIRING_SEED ?? 3);
    const next = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    for (let step = 0; step < 24; step++) {
      const action = next(5);
      if (action <= 2) await buildExpression(page, expressions[next(expressions.length)]);
      else if (action === 3) {
        const button = page.getByRole('button', { name: next(2) === 0 ? 'Undo' : 'Redo', exact: true });
        if (await button.isEnabled()) await button.click();
      }
      else {
        await page.getByRole('button', { name: 'Examples', exact: true }).click();
        const items = page.getByRole('menuitem');
        await expect(items.first()).toBeVisible();
        await items.nth(next(await items.count())).click();
        await expect(page.locator('.status')).toContainText('Loaded the example');
      }
      await expectCanvasShowsGraph(page);
    }
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
  });
});
