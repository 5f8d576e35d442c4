import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { dragFromPalette, openEditor, watchErrors, wire } from './editor-helpers';
import { buildExpression, exportedText } from './rendered-edges';

/** Waits until the open graph is stored: the toolbar's badge says "Saved". */
async function saved(page: Page): Promise<void> {
  await expect(page.locator('.save-badge')).toHaveAttribute('data-save', 'saved');
}

/** Opens the Graphs tab and returns its list. */
async function graphsTab(page: Page) {
  await page.getByRole('tab', { name: 'Graphs', exact: true }).click();
  return page.getByRole('list', { name: 'Graphs' });
}

/** The names in the Graphs list, top to bottom. */
const names = (page: Page) => page.getByRole('list', { name: 'Graphs' }).locator('.library-name').allTextContents();

/** The graph as a file without positions, for comparing what two pages show. */
const structure = (text: string) => {
  const file = JSON.parse(text) as { nodes: Record<string, unknown>[]; edges: unknown[] };
  return { nodes: file.nodes.map((n) => ({ ...n, position: undefined })), edges: file.edges };
};

test.describe('the library of saved graphs', () => {
  test('a share link opened in a new tab is a new entry; Undo returns to the graph that was open', async ({ page, context }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByLabel('value of x').fill('-3');
    await saved(page);
    const mine = await exportedText(page);
    await buildExpression(page, 'a*b + c');
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Link copied');
    const url = page.url();
    // Back to the first graph in this tab, and saved, before the link opens elsewhere.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await saved(page);
    expect(await exportedText(page)).toBe(mine);

    const other = await context.newPage();
    await openEditor(other, url.slice(url.indexOf('/#')));
    await expect(other.getByRole('status')).toContainText('Opened the share link as “Shared graph”. Undo returns to “(x+y)·z”.');
    await expect(other.locator('.react-flow__node[data-id="c"]')).toHaveCount(1);
    // The address no longer carries the link: a reload shows the library's graph instead of opening it again.
    expect(other.url()).not.toContain('#graph=');
    await other.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(other.locator('.react-flow__node[data-id="c"]')).toHaveCount(0);
    expect(await exportedText(other)).toBe(mine);
    await graphsTab(other);
    expect((await names(other)).sort()).toEqual(['(x+y)·z', 'Shared graph']);
    expect(errors).toEqual([]);
  });

  test('a share link opened in the same tab keeps the open graph: Undo brings it back', async ({ page }) => {
    await openEditor(page);
    await buildExpression(page, 'exp(a)*b');
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Link copied');
    const link = page.url();
    await buildExpression(page, 'relu(a) + max(b, c)');
    await saved(page);
    const mine = await exportedText(page);
    await page.goto(link);
    await expect(page.getByRole('status')).toContainText('Opened the share link as “Shared graph”');
    await expect(page.locator('.react-flow__node[data-op="exp"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-op="relu"]')).toHaveCount(1);
    expect(await exportedText(page)).toBe(mine);
    await saved(page);
    await page.reload();
    await expect(page.locator('.react-flow__node[data-op="relu"]')).toHaveCount(1);
    await graphsTab(page);
    expect((await names(page)).sort()).toEqual(['(x+y)·z', 'Shared graph']);
  });

  const damaged: [string, string][] = [
    ['garbage', '{"format": "gradflow.graph", nodes: ['],
    ['a newer version', JSON.stringify({ format: 'gradflow.graph', version: 2, nodes: [{ id: 'a', op: 'input', value: 1 }] })],
    ['an unknown op', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate' }] })],
    ['200,000-deep nesting', `{"format":"gradflow.graph","version":1,"nodes":[],"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`],
    ['a 4 MB string', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: 'x'.repeat(4_000_000) })],
  ];
  for (const [what, text] of damaged) {
    test(`a damaged autosave (${what}) is kept as a backup, reported, and exports unchanged`, async ({ page }) => {
      // Seeded once, before the app starts, as an earlier gradflow would have left it.
      await page.addInitScript((t) => { if (sessionStorage.getItem('seeded') === null) { localStorage.setItem('gradflow.autosave', t); sessionStorage.setItem('seeded', '1'); } }, text);
      await openEditor(page);
      await expect(page.getByRole('alert')).toContainText('Your autosaved graph could not be opened');
      await expect(page.getByRole('alert')).toContainText('kept unchanged as the backup “Autosave backup”');
      await graphsTab(page);
      const row = page.locator('.library-entry.is-backup');
      await expect(row).toContainText('Autosave backup');
      await expect(row).toContainText('could not be opened');
      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: 'Export Autosave backup' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('Autosave backup.backup.txt');
      expect(readFileSync(await file.path(), 'utf8')).toBe(text);
      // Still there after a reload, and reported only once: the old copy now lives in the library.
      await saved(page);
      await page.reload();
      await graphsTab(page);
      await expect(page.locator('.library-entry.is-backup')).toContainText('Autosave backup');
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }

  test('a reload after every kind of edit restores the same graph', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const checkReload = async (what: string) => {
      await saved(page);
      const before = await exportedText(page);
      await page.reload();
      // The reopened view has settled (fitted or on the output) before the next drag reads positions.
      await expect(page.locator('.canvas-wrap')).toHaveAttribute('data-view', /^\d+$/);
      expect(await exportedText(page), `after ${what}`).toBe(before);
    };
    await page.getByLabel('value of x').fill('1/4');
    await checkReload('a value');
    const relu = await dragFromPalette(page, 'relu', 0.8, 0.7);
    await checkReload('a new node');
    const scale = await dragFromPalette(page, 'scale', 0.6, 0.85);
    await page.getByLabel(`a of ${scale}`).fill('3/2');
    await expect(page.getByLabel(`a of ${scale}`)).toHaveAttribute('aria-invalid', 'false');
    await checkReload('a parameter');
    const head = page.locator('.react-flow__node[data-id="z"] .op-head');
    const at = (await head.boundingBox())!;
    await page.mouse.move(at.x + 10, at.y + 5);
    await page.mouse.down();
    await page.mouse.move(at.x + 70, at.y + 45, { steps: 8 });
    await page.mouse.up();
    await checkReload('a move');
    await wire(page, 'f', relu, 0);
    await expect(page.locator(`.react-flow__edge[data-id]`)).toHaveCount(5);
    await checkReload('a wire');
    await page.locator(`.react-flow__node[data-id="${relu}"]`).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(page.locator('.react-flow__node')).toHaveCount(8);
    await checkReload('a paste');
    await page.locator('.react-flow__node').last().click();
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(7);
    await checkReload('a delete');
    await buildExpression(page, 'sigmoid(w*x + b) * 1e400');
    await checkReload('an expression with an infinite constant');
    // The undo history lives in the page; what a reload keeps is the graph after the undo.
    await buildExpression(page, 'x + y');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-op="sigmoid"]')).toHaveCount(1);
    await checkReload('an undo');
    await page.getByRole('button', { name: 'Examples', exact: true }).click();
    await page.getByRole('menuitem').filter({ hasText: 'fan-out' }).first().click();
    await expect(page.getByRole('status')).toContainText('Loaded the example');
    await checkReload('an example');
    expect(errors).toEqual([]);
  });

  test('New, Open, Rename, Duplicate, Delete, Undo delete and Export all', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await graphsTab(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await buildExpression(page, 'x*x + x');
    await saved(page);
    expect(await names(page)).toEqual(['Untitled', '(x+y)·z']);
    // Rename the open graph; the badge follows.
    await page.getByRole('button', { name: 'Rename Untitled' }).click();
    await page.getByRole('textbox', { name: 'New name for Untitled' }).fill('square plus x');
    await page.getByRole('textbox', { name: 'New name for Untitled' }).press('Enter');
    await expect(page.locator('.save-name')).toHaveText('square plus x');
    // Open the other one, then duplicate it.
    await page.getByRole('button', { name: 'Open (x+y)·z' }).click();
    await expect(page.locator('.react-flow__node[data-id="q"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Duplicate (x+y)·z' }).click();
    await expect(page.getByRole('status')).toContainText('Duplicated “(x+y)·z” as “(x+y)·z copy”');
    expect((await names(page)).sort()).toEqual(['(x+y)·z', '(x+y)·z copy', 'square plus x']);
    // Delete the open graph: the most recent other one opens; Undo delete brings it back, open.
    await page.getByRole('button', { name: 'Delete (x+y)·z', exact: true }).click();
    await expect(page.locator('.library-undo')).toContainText('Moved “(x+y)·z” to the trash.');
    expect((await names(page)).sort()).toEqual(['(x+y)·z copy', 'square plus x']);
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await expect(page.locator('.save-name')).toHaveText('(x+y)·z');
    expect((await names(page)).sort()).toEqual(['(x+y)·z', '(x+y)·z copy', 'square plus x']);
    // A closed graph goes to the trash, where it can be restored.
    await page.getByRole('button', { name: 'Delete (x+y)·z copy' }).click();
    await page.getByText('Trash (1)').click();
    await page.getByRole('button', { name: 'Restore (x+y)·z copy' }).click();
    expect((await names(page)).sort()).toEqual(['(x+y)·z', '(x+y)·z copy', 'square plus x']);
    await saved(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all (.zip)' }).click();
    const zip = await download;
    expect(zip.suggestedFilename()).toBe('gradflow-graphs.zip');
    const files = unzipSync(readFileSync(await zip.path()));
    expect(Object.keys(files).sort()).toEqual(['(x+y)·z copy.gradflow.json', '(x+y)·z.gradflow.json', 'square plus x.gradflow.json']);
    const square = JSON.parse(strFromU8(files['square plus x.gradflow.json'])) as { nodes: { op: string }[] };
    expect(square.nodes.map((n) => n.op).sort()).toEqual(['add', 'input', 'mul']);
    // Everything survives a reload.
    await page.reload();
    await graphsTab(page);
    expect((await names(page)).sort()).toEqual(['(x+y)·z', '(x+y)·z copy', 'square plus x']);
    expect(errors).toEqual([]);
  });

  test('an imported file opens as a new graph and the one before stays in the library', async ({ page }) => {
    await openEditor(page);
    await page.getByLabel('value of y').fill('6');
    await saved(page);
    const mine = structure(await exportedText(page));
    const path = join(tmpdir(), `gradflow-e2e-${process.pid}-lib-import.json`);
    writeFileSync(path, readFileSync('public/examples/fan-out.json', 'utf8'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
    await (await chooser).setFiles(path);
    await expect(page.getByRole('status')).toContainText(/Imported gradflow-e2e-\d+-lib-import\.json as “gradflow-e2e-\d+-lib-import”/);
    const imported = await exportedText(page);
    await saved(page);
    await page.reload();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    expect(await exportedText(page)).toBe(imported);
    await graphsTab(page);
    await page.getByRole('button', { name: 'Open (x+y)·z' }).click();
    expect(structure(await exportedText(page))).toEqual(mine);
  });
});

test('training results switch with the graph: another graph shows none, and back again shows its own', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Examples', exact: true }).click();
  await page.getByRole('menuitem', { name: /Nielsen's network\.py/ }).click();
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  const panel = page.getByTestId('training-panel');
  await expect(panel.getByTestId('data-status')).toHaveText(/8,000 training, 2,000 test digits/, { timeout: 15_000 });
  await panel.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const line = panel.getByTestId('epoch-list').locator('li');
  await expect(line).toHaveCount(1);
  const trained = await line.textContent();
  await expect(panel.getByTestId('confusion-matrix')).toBeVisible();

  // Another graph: none of the MNIST network's curves, digits, matrix or weights.
  await graphsTab(page);
  await page.getByRole('button', { name: 'Open (x+y)·z' }).click();
  await expect(page.locator('.react-flow__node[data-id="q"]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await expect(panel.getByTestId('epoch-list').locator('li')).toHaveCount(0);
  await expect(panel.getByTestId('confusion-matrix')).toHaveCount(0);
  await expect(panel.getByTestId('digit-grid')).toHaveCount(0);
  await expect(panel.getByTestId('weight-images').locator('canvas')).toHaveCount(0);

  // Back to the network: its own results again.
  await graphsTab(page);
  await page.getByRole('button', { name: /^Open MNIST: Nielsen/ }).click();
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Training', exact: true }).click();
  await expect(panel.getByTestId('epoch-list').locator('li')).toHaveText(trained!);
  await expect(panel.getByTestId('confusion-matrix')).toBeVisible();
  expect(errors).toEqual([]);
});
