import { expect, test } from '@playwright/test';
import { loadExample, openEditor, watchErrors } from './editor-helpers';
import { shot } from './shots';

test.describe('trained weights', () => {
  test('after training, the landscape and four-equations tabs use the trained weights and say so', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /Nielsen's network\.py/);
    await page.getByRole('tab', { name: 'Landscape', exact: true }).click();
    await expect(page.getByTestId('weights-hint')).toContainText('initial (seed 1)');
    await page.getByRole('radio', { name: '1-D slice' }).check();
    await page.getByRole('textbox', { name: 'Steps', exact: true }).fill('9');
    const centreLoss = async (): Promise<number> => Number((await page.getByTestId('landscape-summary').locator('strong').textContent())!.replace(/[^\d.e-]/g, ''));
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    await expect(page.getByTestId('weights-used')).toContainText('initial (seed 1)', { timeout: 30_000 });
    const initialLoss = await centreLoss();

    await page.getByRole('tab', { name: 'Training', exact: true }).click();
    const panel = page.getByTestId('training-panel');
    await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training/, { timeout: 15_000 });
    await panel.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await panel.getByRole('button', { name: 'Start' }).click();
    await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await shot(page, 'training');

    await page.getByRole('tab', { name: 'Landscape', exact: true }).click();
    await expect(page.getByTestId('weights-hint')).toHaveAttribute('data-weights', 'trained');
    await expect(page.getByTestId('weights-hint')).toContainText('trained (epoch 1)');
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    await expect(page.getByTestId('weights-used')).toContainText('trained (epoch 1)', { timeout: 30_000 });
    // One epoch gets most digits right: the loss at W is far below the freshly initialised network's.
    expect(await centreLoss()).toBeLessThan(initialLoss / 2);

    await page.getByRole('tab', { name: 'Four equations', exact: true }).click();
    await expect(page.getByTestId('weights-hint')).toContainText('trained (epoch 1)');
    await page.getByRole('button', { name: 'Compute for a mini-batch' }).click();
    await expect(page.getByTestId('weights-used')).toContainText('trained (epoch 1)', { timeout: 30_000 });
    await expect(page.getByTestId('equations-relation')).toHaveCount(0);

    // An edit to the network means the trained weights no longer belong to it.
    const units = page.locator('.react-flow__node[data-id="d1"]').getByRole('textbox', { name: /^units of/ });
    await units.fill('31');
    await units.press('Enter');
    await expect(page.getByTestId('weights-hint')).toContainText('initial (seed 1)');
    await expect(page.getByTestId('equations-relation')).toHaveAttribute('data-relation', 'stale');
    expect(errors).toEqual([]);
  });
});
