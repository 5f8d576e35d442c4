import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { afterFrames, shot } from './shots';

const NIELSEN = 'public/examples/mnist-nielsen.json';

/** Imports a graph file through the editor's "Import JSON" picker. */
async function importGraph(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles(path);
}

/** Opens the Training tab and waits for the embedded digits to reach the worker. */
async function openTraining(page: Page) {
  await page.getByRole('tab', { name: 'Training' }).click();
  const panel = page.getByTestId('training-panel');
  await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training, 2,000 test digits/, { timeout: 15_000 });
  return panel;
}

/** Draws strokes on the pad with the mouse; points are fractions of the pad's size. */
async function draw(page: Page, strokes: [number, number][][]): Promise<void> {
  await page.getByTestId('drawing-pad').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  for (const stroke of strokes) {
    const [x0, y0] = stroke[0];
    await page.mouse.move(box.x + x0 * box.width, box.y + y0 * box.height);
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
    await page.mouse.up();
  }
}

/** True when a canvas has any non-transparent pixel. */
const inked = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
    return false;
  });

/** The confusion matrix's cells as numbers (empty cells are 0). */
const confusion = (page: Page) =>
  page.getByTestId('confusion-matrix').locator('tbody td').evaluateAll((cells) => cells.map((c) => Number(c.textContent || '0')));

test('compile, pause and resume, train one epoch of MNIST, see curves, digits, confusion and the pad, save and load weights', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /Nielsen's network\.py/ }).click();
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  // Shapes are inferred and shown on the edges: 784, 30, 30, 10, 10.
  for (const [id, n] of [['e1', 784], ['e2', 30], ['e3', 30], ['e4', 10], ['e5', 10]] as const) {
    const label = page.locator(`.edge-label[data-edge-id="${id}"]`);
    await expect(label).toHaveAttribute('data-shape', String(n));
    await expect(label.locator('.edge-value')).toHaveText(`[${n}]`);
  }
  const panel = await openTraining(page);

  // Compile shows the shapes and Nielsen's parameter count.
  await panel.getByRole('button', { name: 'Compile' }).click();
  await expect(panel.getByTestId('param-count')).toHaveText('23,860 parameters');
  await expect(panel.getByTestId('param-count')).toHaveAttribute('data-count', String(784 * 30 + 30 + 30 * 10 + 10));
  await expect(panel.getByText(/dense d1: 784 → 30/)).toBeVisible();

  // A long run: Pause freezes it, Resume continues, Stop ends it.
  const epochs = panel.getByRole('spinbutton', { name: 'Epochs' });
  await expect(epochs).toHaveValue('30'); // the graph's training defaults
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(panel.getByTestId('progress-text')).toBeVisible();
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const frozen = await panel.getByTestId('progress-text').textContent();
  // Paused, the text stays put through frames in which a running trainer would have moved it on.
  await afterFrames(page, 30);
  await expect(panel.getByTestId('progress-text')).toHaveText(frozen!);
  await expect(panel.getByRole('button', { name: 'Resume' })).toBeEnabled();
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(panel.getByTestId('progress-text')).not.toHaveText(frozen!);
  // The page stays responsive while the worker trains: the canvas still takes edits' clicks and the panel its buttons.
  await page.locator('.react-flow__node[data-id="s1"]').click();
  await expect(page.locator('.react-flow__node[data-id="s1"]')).toHaveClass(/selected/);
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');

  // One epoch of the 8,000 digits.
  await epochs.fill('1');
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const line = panel.getByTestId('epoch-list').locator('li');
  await expect(line).toHaveCount(1);
  await expect(line).toHaveText(/Epoch 1: [\d,]+ \/ 2,000/);
  const accuracy = Number(await line.getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.5);
  await expect(panel.getByTestId('samples-per-second')).not.toHaveText('0');

  // Curves drawn: four points per epoch on both charts, and ink on their canvases.
  await expect(panel.getByTestId('chart-training-loss')).toHaveAttribute('data-points', '4');
  await expect(panel.getByTestId('chart-test-accuracy')).toHaveAttribute('data-points', '4');
  expect(await inked(page, '[data-testid="chart-training-loss"] canvas')).toBe(true);
  expect(await inked(page, '[data-testid="chart-test-accuracy"] canvas')).toBe(true);

  // Digit grid (wrong ones marked), confusion matrix (2,000 test digits), first-layer weights.
  await expect(panel.getByTestId('digit-grid').locator('li')).toHaveCount(48);
  const wrong = await panel.locator('.gf-digit-wrong').count();
  const marked = await panel.getByTestId('digit-grid').locator('li').evaluateAll((items) => items.filter((i) => i.getAttribute('data-label') !== i.getAttribute('data-predicted')).length);
  expect(wrong).toBe(marked);
  const cells = await confusion(page);
  expect(cells).toHaveLength(100);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(2000);
  expect(cells.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0)).toBe(Math.round(accuracy * 2000));
  await expect(panel.getByTestId('weight-images').locator('canvas')).toHaveCount(30);
  expect(await inked(page, '[data-testid="weight-images"] canvas')).toBe(true);

  // Draw a "1" and read the probabilities.
  await draw(page, [[[0.5, 0.15], [0.52, 0.5], [0.5, 0.85]]]);
  const probs = panel.getByTestId('probabilities');
  await expect(probs).toBeVisible();
  const p = await probs.locator('li').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-probability'))));
  expect(p).toHaveLength(10);
  expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  expect(await inked(page, '.gf-pad-seen')).toBe(true);
  await shot(page, 'training-done', { fullPage: true });

  // Save weights (a download), then load them into a fresh page: the same predictions come back.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save weights' }).click();
  const saved = await (await download).path();
  const file = JSON.parse(readFileSync(saved, 'utf8')) as { format: string; layers: unknown[]; graph: { nodes: unknown[] } };
  expect(file.format).toBe('gradflow.weights');
  expect(file.layers).toHaveLength(2);
  expect(file.graph.nodes).toHaveLength(6);
  const before = { cells, grid: await panel.getByTestId('digit-grid').locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-predicted'))) };

  await page.reload();
  const again = await openTraining(page);
  await expect(again.getByTestId('confusion-matrix')).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await again.getByRole('button', { name: 'Load weights' }).click();
  await (await chooser).setFiles(saved);
  await expect(again.getByTestId('confusion-matrix')).toBeVisible();
  expect(await confusion(page)).toEqual(before.cells);
  expect(await again.getByTestId('digit-grid').locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-predicted')))).toEqual(before.grid);
  await expect(again.getByTestId('param-count')).toHaveText('23,860 parameters');
  await draw(page, [[[0.5, 0.15], [0.52, 0.5], [0.5, 0.85]]]);
  await expect(again.getByTestId('probabilities')).toBeVisible();

  // A weights file whose layers do not fit its graph is refused, and the canvas keeps its graph.
  const bad = JSON.parse(readFileSync(saved, 'utf8')) as { graph: { nodes: { id: string; params?: { units?: number } }[] } };
  bad.graph.nodes.find((n) => n.id === 'd1')!.params!.units = 31;
  const badChooser = page.waitForEvent('filechooser');
  await again.getByRole('button', { name: 'Load weights' }).click();
  await (await badChooser).setFiles({ name: 'bad-weights.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(again.getByRole('alert').filter({ hasText: "dense layer 1 ('d1') is 784 -> 31 but the weights file has 784 -> 30" })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="d1"] input').first()).toHaveValue('30');

  // The file carries its graph: loaded onto an empty canvas it brings the network back, and Undo the empty canvas.
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const onEmpty = page.waitForEvent('filechooser');
  await again.getByRole('button', { name: 'Load weights' }).click();
  await (await onEmpty).setFiles(saved);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(page.locator('.react-flow__node[data-id="d1"] input').first()).toHaveValue('30');
  await expect(again.getByTestId('param-count')).toHaveText('23,860 parameters');
  expect(await confusion(page)).toEqual(before.cells);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});

test('a broken graph shows the error on its node; broken IDX files show the reader\'s error and keep the data', async ({ page }) => {
  await page.goto('/');
  const graph = JSON.parse(readFileSync(NIELSEN, 'utf8')) as { nodes: { id: string; params?: { units?: number } }[] };
  graph.nodes.find((n) => n.id === 'd2')!.params!.units = 12;
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON' }).click();
  await (await chooser).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  const panel = await openTraining(page);
  await panel.getByRole('button', { name: 'Compile' }).click();
  await expect(panel.getByTestId('compile-error')).toContainText("dense 'd2' gives 12 outputs but the loss needs 10");
  await expect(page.locator('.react-flow__node[data-id="d2"]')).toHaveClass(/selected/);

  const files = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'IDX files…' }).click();
  await (await files).setFiles([
    { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 8, 3, 0, 0]) },
    { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]) },
    { name: 't10k-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 8, 3, 0, 0, 0, 0]) },
    { name: 't10k-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]) },
  ]);
  await expect(panel.getByRole('alert').filter({ hasText: /train-images-idx3-ubyte is truncated/ })).toBeVisible();
  await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training/);
});

test('editing the graph while training asks before stopping, and loses neither the edit nor the network', async ({ page }) => {
  await page.goto('/');
  await importGraph(page, NIELSEN);
  const panel = await openTraining(page);
  await panel.getByRole('button', { name: 'Start' }).click(); // 30 epochs: still running while we edit
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  const units = page.locator('.react-flow__node[data-id="d1"] input').first();
  await units.fill('31');
  const guard = page.getByRole('alertdialog', { name: 'Graph edited during training' });
  await expect(guard).toBeVisible();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running'); // nothing stopped without asking
  await guard.getByRole('button', { name: 'Keep training' }).click();
  await expect(guard).toHaveCount(0);
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await dragNode(page, 's1', 30, 40); // moving a node is no edit of the network: no question
  await expect(guard).toHaveCount(0);
  await units.fill('32');
  await expect(guard).toBeVisible();
  await guard.getByRole('button', { name: 'Stop training' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'stopped');
  await expect(guard).toHaveCount(0);
  await expect(units).toHaveValue('32'); // the edit stays
  await expect(panel.getByTestId('confusion-matrix')).toBeVisible(); // so does the network trained so far
  await shot(page, 'training-stopped');
  // A new run on the edited graph: moving nodes does not ask either.
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await dragNode(page, 's1', 40, 60);
  await expect(guard).toHaveCount(0);
  await panel.getByRole('button', { name: 'Stop' }).click();
});

/** Drags a canvas node by its header. */
async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + 12 + dy, { steps: 5 });
  await page.mouse.up();
  const after = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  expect(Math.round(after.x - box.x)).toBeGreaterThan(dx / 2); // it really moved
}

const FASHION = '/usr/share/datasets/fashion-mnist';

test('Fashion-MNIST picked as four .gz IDX files trains the modern example in the worker', async ({ page }) => {
  // Outside CI a machine without the Debian package skips this; in CI (where .ci/run installs it) it always runs.
  test.skip(!existsSync(FASHION) && !process.env.CI, `${FASHION} is missing (Debian package dataset-fashion-mnist; .ci/run installs it)`);
  await page.goto('/');
  await importGraph(page, 'public/examples/mnist-modern.json');
  const panel = await openTraining(page);
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'IDX files…' }).click();
  await (await chooser).setFiles(['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map((f) => `${FASHION}/${f}`));
  await expect(panel.getByTestId('data-status')).toHaveText('IDX files: 60,000 training, 10,000 test images', { timeout: 20_000 });
  await panel.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  const accuracy = Number(await panel.getByTestId('epoch-list').locator('li').first().getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.75);
  const cells = await confusion(page);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(10_000);
});
