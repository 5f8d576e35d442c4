import { expect, test, type Page } from '@playwright/test';
import { shot } from './shots';

/** Opens an example from the Examples menu. */
async function openExample(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: title }).click();
}

/** True when a canvas has any pixel that is not the first pixel's colour (something was drawn on it). */
const varied = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 4; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) return true;
    return false;
  });

test('the CNN example shows image shapes on its edges and, after an epoch, its feature maps and filters for a chosen test digit', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await openExample(page, /small convolutional network/);
  await expect(page.locator('.react-flow__node[data-id="c1"]')).toBeVisible();
  for (const [id, shape] of [['e1', '1x28x28'], ['e2', '8x24x24'], ['e4', '8x12x12'], ['e5', '16x8x8'], ['e7', '16x4x4'], ['e8', '10']] as const) {
    await expect(page.locator(`.edge-label[data-edge-id="${id}"]`)).toHaveAttribute('data-shape', shape);
  }
  await page.getByRole('tab', { name: 'Training' }).click();
  const panel = page.getByTestId('training-panel');
  await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training, 2,000 test digits/, { timeout: 30_000 });
  // The 2-D toy sets are not offered to a network with 784 inputs.
  await expect(panel.getByRole('button', { name: 'Load 2-D set' })).toHaveCount(0);
  // The file's optimiser comes with it.
  await expect(panel.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('adam');
  await expect(panel.getByTestId('adam-settings')).toHaveText('β1 0.9, β2 0.999, ε 1e-8');
  await panel.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  const accuracy = Number(await panel.getByTestId('epoch-list').locator('li').first().getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.85);

  // Every layer of test digit 0, each conv and pool channel a small image; then the filters.
  await expect(panel.getByTestId('maps-c1').locator('canvas')).toHaveCount(8);
  await expect(panel.getByTestId('maps-p2').locator('canvas')).toHaveCount(16);
  await expect(panel.getByTestId('filters-c1').locator('canvas')).toHaveCount(8);
  await expect(panel.getByTestId('filters-c2').locator('canvas')).toHaveCount(16 * 8);
  expect(await varied(page, '[data-testid="maps-c1"] canvas')).toBe(true);
  expect(await varied(page, '[data-testid="filters-c1"] canvas')).toBe(true);
  const first = await panel.getByTestId('inspected').textContent();
  await panel.getByRole('button', { name: 'Next test image' }).click();
  await expect(panel.getByTestId('layer-views')).toHaveAttribute('data-index', '1', { timeout: 30_000 });
  await panel.getByRole('spinbutton', { name: 'Test image number' }).fill('1500');
  await panel.getByRole('spinbutton', { name: 'Test image number' }).press('Enter');
  await expect(panel.getByTestId('layer-views')).toHaveAttribute('data-index', '1500', { timeout: 30_000 });
  await expect(panel.getByRole('spinbutton', { name: 'Test image number' })).toHaveValue('1500');
  await expect(panel.getByTestId('inspected')).toHaveText(/label \d, predicted \d/);
  expect(first).toMatch(/label 0, predicted \d/);
  await shot(panel.getByTestId('layer-views'), 'cnn-layers');
});

test('the spiral toy set trains the 2-D network with a live decision boundary; a bad CSV is refused in one line', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await openExample(page, /2-D spiral/);
  await page.getByRole('tab', { name: 'Training' }).click();
  const panel = page.getByTestId('training-panel');
  await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training/, { timeout: 30_000 });
  await panel.getByRole('combobox', { name: 'Toy data set' }).selectOption('spiral');
  await panel.getByRole('spinbutton', { name: 'Toy noise' }).fill('0.1');
  await panel.getByRole('button', { name: 'Load 2-D set' }).click();
  await expect(panel.getByTestId('data-status')).toHaveText('spiral (noise 0.1, seed 1): 400 training, 100 test samples');
  // No drawing pad for points in a plane.
  await expect(page.getByTestId('drawing-pad')).toHaveCount(0);
  await panel.getByRole('spinbutton', { name: 'Epochs' }).fill('150');
  await panel.getByRole('button', { name: 'Start' }).click();
  // The boundary is drawn while training, not only at the end.
  const boundary = panel.getByTestId('decision-boundary');
  await expect(boundary).toBeVisible({ timeout: 30_000 });
  await expect(boundary).toHaveAttribute('data-points', '100');
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 100_000 });
  const last = panel.getByTestId('epoch-list').locator('li').last();
  expect(Number(await last.getAttribute('data-accuracy'))).toBeGreaterThan(0.85);
  expect(await varied(page, '[data-testid="decision-boundary"]')).toBe(true);
  await shot(page, 'spiral-boundary');
  await shot(boundary, 'spiral-boundary-canvas');

  // A CSV with a ragged row: the picker's file is refused with the row named, and the toy set stays loaded.
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'CSV file…' }).click();
  await (await chooser).setFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,label\n1,2,0\n3,4\n5,6,1\n') });
  await expect(panel.getByRole('alert')).toHaveText('ragged.csv: row 3 has 2 values but the header has 3');
  await expect(panel.getByTestId('data-status')).toHaveText('spiral (noise 0.1, seed 1): 400 training, 100 test samples');
  // A good one loads, split and standardised.
  const again = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'CSV file…' }).click();
  const rows = ['x,y,label', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`)].join('\n');
  await (await again).setFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
  await expect(panel.getByTestId('data-status')).toHaveText('points.csv: 32 training, 8 test samples');
});
