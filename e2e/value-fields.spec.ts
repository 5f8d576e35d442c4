import { expect, test, type Page } from '@playwright/test';
import { openEditor, watchErrors } from './editor-helpers';

/** The value node `id` holds, as the canvas writes it (full precision). */
const nodeValue = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] .op-value`);

test.describe('value fields', () => {
  test('accept numeric expressions and store exactly the number they mean', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const x = page.getByLabel('value of x');
    for (const [typed, stored] of [['1/3', String(1 / 3)], ['pi', String(Math.PI)], ['2^10', '1024'], ['-e', String(-Math.E)], ['0x10', '16'], ['1.5e-3', '0.0015']] as const) {
      await x.fill(typed);
      await expect(nodeValue(page, 'x')).toHaveAttribute('data-value', stored);
      await expect(x).toHaveAttribute('aria-invalid', 'false');
    }
    // f = (x + y)·z with x = 0.0015, y = 5, z = −4.
    await expect(nodeValue(page, 'f')).toHaveAttribute('data-value', String((0.0015 + 5) * -4));
    expect(errors).toEqual([]);
  });

  test('refuse what is no number with a message at the field, keeping the value from before the typing', async ({ page }) => {
    await openEditor(page);
    const x = page.getByLabel('value of x');
    const field = page.locator('.react-flow__node[data-id="x"] .num-field');
    // Typed key by key, as a user does: 1e40 on the way to 1e400 must not stay behind.
    for (const [typed, message] of [
      ['1e400', 'too large for a 64-bit number (the largest is about 1.8e308); type Infinity if you mean it'],
      ['1,5', 'use a decimal point: 1.5'],
      ['abc', '‘abc’ is not a number (known names: pi, e, tau, Infinity, NaN)'],
    ] as const) {
      await x.click();
      await x.press('Control+a');
      await x.pressSequentially(typed);
      await expect(field.locator('.num-error')).toHaveText(message);
      await expect(x).toHaveAttribute('aria-invalid', 'true');
      await expect(nodeValue(page, 'x')).toHaveAttribute('data-value', '-2');
      await x.press('Enter');
      await expect(page.getByRole('alert')).toContainText(`Not changed: ‘${typed}’`);
      await expect(page.getByRole('alert')).toContainText('value of x stays -2');
      await expect(x).toHaveValue('-2');
      await expect(field.locator('.num-error')).toHaveCount(0);
    }
    // Infinity typed as such is a value like any other: stored, and the graph still saves.
    await x.fill('Infinity');
    await expect(nodeValue(page, 'x')).toHaveAttribute('data-value', 'Infinity');
    await expect(page.locator('.save-badge')).toHaveAttribute('data-save', 'saved');
    // One undo step takes the whole typing back.
    await page.locator('.react-flow__pane').click();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(nodeValue(page, 'x')).toHaveAttribute('data-value', '-2');
  });

  test('undo and redo of a typed value show in the field as well as on the canvas', async ({ page }) => {
    await openEditor(page);
    const x = page.getByLabel('value of x');
    await x.fill('7');
    await expect(nodeValue(page, 'f')).toHaveAttribute('data-value', String((7 + 5) * -4));
    await page.locator('.react-flow__pane').click();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(x).toHaveValue('-2');
    await expect(nodeValue(page, 'f')).toHaveAttribute('data-value', '-12');
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(x).toHaveValue('7');
    await expect(nodeValue(page, 'f')).toHaveAttribute('data-value', '-48');
  });
});
