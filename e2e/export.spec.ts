import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadExample, openEditor, watchErrors } from './editor-helpers';
import { SHOTS } from './shots';


/** Chooses an item of the Export menu and returns the downloaded file's name and bytes. */
async function exportItem(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test.describe('Export menu and ONNX import', () => {
  test('exports the lecture example as LaTeX with its gradients, a plain-Python script, SVG and PNG pictures', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await loadExample(page, /^f = \(x \+ y\)/);
    await expect(page.locator('.react-flow__node[data-id="z"]')).toBeVisible();

    const latex = await exportItem(page, 'LaTeX');
    expect(latex.name).toBe('graph.tex');
    const tex = latex.bytes.toString('utf8');
    expect(tex).toContain('f &= \\left(x + y\\right) \\cdot z = -12');
    expect(tex).toContain('\\frac{\\partial f}{\\partial x} &= -4 && \\text{at } x = -2');
    expect(tex).toContain('\\frac{\\partial f}{\\partial z} &= 3 && \\text{at } z = -4');

    const python = await exportItem(page, 'Python');
    expect(python.bytes.toString('utf8')).toContain("f = mul(q, z)  # mul 'f'");

    const svg = await exportItem(page, 'SVG image');
    expect(svg.name).toBe('graph.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/^<svg /);
    // The nodes and the edge labels as drawn: z's node and the edge values are in the picture.
    expect(svgText).toContain('data-id="z"');
    expect(svgText).toMatch(/data-edge-id=/);
    // Wires carry their paint inline, so they show without the page's stylesheet.
    expect(svgText).toMatch(/class="react-flow__edge-path[^"]*" style="[^"]*stroke: rgb\(/);

    const png = await exportItem(page, 'PNG image');
    expect(png.name).toBe('graph.png');
    if (SHOTS !== undefined) writeFileSync(join(SHOTS, 'export-xyz.png'), png.bytes);
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    // Twice the pixel density of a graph several nodes wide.
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(200);
    await expect(page.getByRole('status')).toContainText('Exported graph.png.');
    expect(errors).toEqual([]);
  });

  test('a picture of a large graph holds every node, though the canvas draws only those on screen', async ({ page }) => {
    const errors = watchErrors(page);
    const dir = mkdtempSync(join(tmpdir(), 'gradflow-e2e-big-'));
    const expr = Array.from({ length: 120 }, (_, i) => `sin(x${i})`).join(' + ');
    const file = join(dir, 'big.json');
    writeFileSync(file, execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'export', '--expr', expr], { maxBuffer: 64 * 1024 * 1024 }));
    const total = (JSON.parse(readFileSync(file, 'utf8')) as { nodes: unknown[] }).nodes.length;
    expect(total).toBeGreaterThan(200);
    await openEditor(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser).setFiles(file);
    await expect(page.locator('.react-flow')).toHaveAttribute('data-node-count', String(total));
    // Zoomed in on one corner, most nodes are not drawn.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await expect.poll(async () => page.locator('.react-flow__node').count()).toBeLessThan(total);
    const svg = (await exportItem(page, 'SVG image')).bytes.toString('utf8');
    expect(svg.match(/class="react-flow__node /g)?.length).toBe(total);
    // Afterwards the canvas draws only what is on screen again.
    await expect.poll(async () => page.locator('.react-flow__node').count()).toBeLessThan(total);
    expect(errors).toEqual([]);
  });

  test('says why an item does not apply: ONNX needs a trained network, LaTeX a scalar graph', async ({ page }) => {
    await openEditor(page);
    await loadExample(page, /^f = \(x \+ y\)/);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menuitem', { name: /^ONNX model/ })).toBeDisabled();
    await expect(page.getByRole('menuitem', { name: /^ONNX model/ })).toContainText('for trained networks');
    await page.keyboard.press('Escape');
    await loadExample(page, /Nielsen/);
    await expect(page.locator('.react-flow__node[data-op="dense"]')).toHaveCount(2);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menuitem', { name: /^LaTeX/ })).toBeDisabled();
    await expect(page.getByRole('menuitem', { name: /^ONNX model/ })).toContainText('train the network');
    await expect(page.getByRole('menuitem', { name: /^PyTorch/ })).toBeEnabled();
  });

  test('imports an ONNX model as a laid-out network with its weights, and exports it again', async ({ page }) => {
    const errors = watchErrors(page);
    // A trained model made with the command line, as a user would bring one.
    const dir = mkdtempSync(join(tmpdir(), 'gradflow-e2e-onnx-'));
    const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: 'pipe' });
    cli('train', 'public/examples/mnist-nielsen.json', '--epochs', '1', '--save', join(dir, 'w.json'));
    cli('export', 'public/examples/mnist-nielsen.json', '--format', 'onnx', '--weights', join(dir, 'w.json'), '-o', join(dir, 'digits.onnx'));

    await openEditor(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser).setFiles(join(dir, 'digits.onnx'));
    await expect(page.getByRole('status')).toContainText('Imported digits.onnx: 4 layers with their weights');
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    const ops = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-op')));
    expect(ops.sort()).toEqual(['dense', 'dense', 'mse', 'samples', 'sigmoid', 'sigmoid']);
    // Laid out left to right in chain order.
    const xs = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    expect(new Set(xs.map((x) => Math.round(x))).size).toBe(6);

    // The weights reached the Training tab: the ONNX item is available and gives the model back.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menuitem', { name: /^ONNX model/ })).toBeEnabled();
    await page.keyboard.press('Escape');
    const again = await exportItem(page, 'ONNX model');
    expect(again.name).toBe('network.onnx');
    const original = readFileSync(join(dir, 'digits.onnx'));
    // The same float32 weights, so the same size to within the node names and metadata.
    expect(Math.abs(again.bytes.length - original.length)).toBeLessThan(600);

    // A file that is not a model is refused in one line and leaves the canvas as it was.
    const bad = join(dir, 'bad.onnx');
    execFileSync('sh', ['-c', `printf 'not a model' > '${bad}'`]);
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser2).setFiles(bad);
    await expect(page.getByRole('alert')).toContainText('Could not import bad.onnx: not an ONNX model');
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    expect(errors).toEqual([]);
  });
});
