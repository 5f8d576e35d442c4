import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { openEditor, watchErrors } from './editor-helpers';

/** Imports a file through the "Import JSON" picker. */
async function importFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
  await (await chooser).setFiles(path);
}

const tmp = (name: string, text: string): string => {
  const path = join(tmpdir(), `gradflow-e2e-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
};

/** Node ids and the values their edges carry, as the canvas draws them. */
async function drawn(page: Page): Promise<{ nodes: (string | null)[]; edges: (string | undefined)[][] }> {
  const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const edges = await page.locator('[data-edge-id]').evaluateAll((els) => els.map((e) => {
    const d = (e as HTMLElement).dataset;
    return [d.edgeId, d.value, d.grad];
  }));
  return { nodes, edges };
}

test.describe('files beyond the validator\'s bounds', () => {
  test('are refused with the same message as the CLI, and the graph stays as it was', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByLabel('value of x').fill('4');
    await expect(page.locator('[data-edge-id][data-source="x"]').first()).toHaveAttribute('data-value', '4');
    const before = await drawn(page);
    expect(before.nodes.length).toBeGreaterThan(3);

    // An extra field nested 10,000 deep used to end in an uncaught structuredClone error.
    const deep = `{"format":"gradflow.graph","version":1,"nodes":[{"id":"x","op":"input","value":1,"meta":${'['.repeat(10_000)}${']'.repeat(10_000)}}],"edges":[]}`;
    await importFile(page, tmp('deep.json', deep));
    await expect(page.getByRole('alert')).toHaveText(/Could not import .*deep\.json: the file nests arrays and objects more than 100 levels deep \(at \/nodes\/0\/meta\/0\/0\/0\/0\/0\/…\/0\/0\/0\)$/);
    expect(await drawn(page)).toEqual(before);

    // A 100,000-character label used to stall the page for seconds.
    await importFile(page, tmp('label.json', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'x', op: 'input', value: 1, label: 'L'.repeat(100_000) }] })));
    await expect(page.getByRole('alert')).toHaveText(/label\.json: node 'x' has a label that is too long \(100,000 characters; labels have at most 200\) \(at \/nodes\/0\/label\)$/);
    expect(await drawn(page)).toEqual(before);

    // Ids are quoted short and escaped, never drawn raw.
    await importFile(page, tmp('id.json', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: `\u001b[31m${'r'.repeat(5000)}`, op: 'input', value: 1 }] })));
    await expect(page.getByRole('alert')).toHaveText(/id\.json: node 0 id '\\u001b\[31mr{19}…r{8}' is too long \(5,005 characters; ids have at most 200\) \(at \/nodes\/0\/id\)$/);
    expect(await drawn(page)).toEqual(before);
    expect(errors).toEqual([]);
  });
});

test.describe('gradient check at kinks', () => {
  test('relu(0), max(1,1), abs(0) and sqrt(0) read "not differentiable here", with no NaN attribute', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const box = page.getByRole('textbox', { name: 'Expression' });
    // Variables start at 1, so each function below sits on its kink; u*u is smooth.
    const expression = 'relu(a-1) + max(b, 1) + abs(c-1) + sqrt(d-1) + u*u';
    await box.fill(expression);
    await box.press('Enter');
    await expect(page.locator('.status')).toContainText(`Built the graph of ${expression}`);
    await page.getByRole('button', { name: 'Gradient check' }).click();
    const badge = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-grad-check]`);
    await expect(page.locator('[data-grad-check]')).toHaveCount(5);
    for (const [id, op] of [['a', 'relu'], ['b', 'max'], ['c', 'abs'], ['d', 'sqrt']]) {
      await expect(badge(id)).toHaveAttribute('data-grad-check', 'not-differentiable');
      await expect(badge(id)).toContainText('not differentiable here');
      await expect(badge(id)).toContainText('subgradient used');
      await expect(badge(id)).toHaveAttribute('title', new RegExp(`^d\\(out\\)/d${id} is not differentiable here: ${op} 'n\\d+' \\(.+\\); the table's subgradient is used\\.`));
    }
    await expect(badge('u')).toHaveAttribute('data-grad-check', 'good');
    // relu's table gradient at 0 is 0 while the centred difference gives 0.5; sqrt's is +Infinity against NaN.
    await expect(badge('a')).toHaveAttribute('data-analytic', '0');
    expect(Number(await badge('a').getAttribute('data-numerical'))).toBeCloseTo(0.5, 9);
    await expect(badge('d')).toContainText('num NaN');
    await expect(badge('d')).toContainText('ana Infinity');
    const written = await page.locator('[data-grad-check]').evaluateAll((els) => els.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)));
    expect(written.filter((a) => /=(NaN|Infinity|-Infinity)$/.test(a))).toEqual([]);
    // Off the kink, relu is judged again: a = 1 is past relu(a − 0.5)'s kink, where its slope is 1.
    await box.fill('relu(a - 0.5)');
    await box.press('Enter');
    await expect(page.locator('.status')).toContainText('Built the graph of relu(a - 0.5)');
    await expect(badge('a')).toHaveAttribute('data-grad-check', 'good');
    await expect(badge('a')).toHaveAttribute('data-analytic', '1');
    expect(errors).toEqual([]);
  });
});

/** An IDX unsigned-byte file: magic 0 0 8 and the number of dimensions, the dimensions big-endian, the data. */
function idx(dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 8;
  head[3] = dims.length;
  dims.forEach((d, k) => head.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([head, data]);
}

test.describe('the browser refuses what the command line refuses', () => {
  test('a 1e9-unit dense layer is refused at Compile by its memory estimate; a .gz with a wrong CRC is refused at load', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const graph = JSON.parse(readFileSync('public/examples/mnist-nielsen.json', 'utf8')) as { nodes: { id: string; params?: Record<string, unknown> }[] };
    graph.nodes.find((n) => n.id === 'd1')!.params!.units = 1e9;
    await importFile(page, tmp('wide.json', JSON.stringify(graph)));
    await page.getByRole('tab', { name: 'Training' }).click();
    const panel = page.getByTestId('training-panel');
    await panel.getByRole('button', { name: 'Compile' }).click();
    await expect(panel.getByTestId('compile-error')).toContainText("the network needs about 29.2 TiB to train, more than the 1 GiB gradflow allows; dense 'd1' (784 → 1,000,000,000 units) is the largest layer");
    await expect(page.locator('.react-flow__node[data-id="d1"]')).toHaveClass(/selected/);

    const images = (n: number): Uint8Array => Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);
    const labels = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 10);
    const trainImages = gzipSync(idx([20, 28, 28], images(20)));
    // The CRC-32 is the first of the trailer's 8 bytes; the deflated content stays intact.
    trainImages[trainImages.length - 8] ^= 0xff;
    const files = page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'IDX files…' }).click();
    await (await files).setFiles([
      { name: 'train-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: trainImages },
      { name: 'train-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: gzipSync(idx([20], labels(20))) },
      { name: 't10k-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: gzipSync(idx([10, 28, 28], images(10))) },
      { name: 't10k-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: gzipSync(idx([10], labels(10))) },
    ]);
    await expect(panel.getByRole('alert').filter({ hasText: /train-images-idx3-ubyte is a broken gzip file: CRC-32 0x[0-9a-f]{8} of its content does not match the 0x[0-9a-f]{8} it records/ })).toBeVisible();
    expect(errors).toEqual([]);
  });
});
