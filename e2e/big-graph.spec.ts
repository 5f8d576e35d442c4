import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createRng } from '../src/core/random';
import { evaluate } from '../src/core/eval/evaluate';
import { serializeGraph } from '../src/core/format/serialize';
import { randomDag, randomGridDag } from '../src/core/graph/randomDag';
import { BIG_LAYOUT } from '../src/core/graph/layout';
import type { Graph } from '../src/core/graph/types';
import { openEditor, settled, watchErrors } from './editor-helpers';
import { exportedText } from './rendered-edges';

const graph = randomGridDag(createRng(7), 3000);

test('a 3,000-node graph imports through Import JSON, and a value edit updates a visible label downstream', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const file = join(tmpdir(), `gradflow-e2e-${process.pid}-big.gradflow.json`);
  writeFileSync(file, serializeGraph(graph));
  await openEditor(page);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
  await (await chooser).setFiles(file);
  const canvas = page.locator('.react-flow');
  await expect(canvas).toHaveAttribute('data-node-count', String(graph.nodes.length), { timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-edge-count', String(graph.edges.length));
  // Only what is on screen is drawn: far fewer nodes than the graph has.
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(graph.nodes.length / 2);

  // Show the whole graph (Fit View), pick an input on the left half with two operators just right of it,
  // then zoom in on it with the wheel, as a user does to read and edit, until nodes are drawn full size.
  await page.locator('.react-flow__controls-fitview').click();
  await settled(page);
  const candidates = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node[data-op="input"]')].map((n) => {
      const b = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id')!, x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }).filter((c) => c.x > r.left + r.width * 0.1 && c.x < r.left + r.width * 0.5 && c.y > r.top + r.height * 0.25 && c.y < r.top + r.height * 0.6);
  });
  const at = new Map(graph.nodes.map((n) => [n.id, n.position!]));
  const near = (from: string, to: string) => { const a = at.get(from)!; const b = at.get(to)!; return b.x > a.x && b.x - a.x <= 420 && Math.abs(b.y - a.y) <= 280; };
  let pick: { input: typeof candidates[number]; edge: (typeof graph.edges)[number] } | undefined;
  for (const input of candidates) {
    const next = graph.edges.find((e1) => e1.source === input.id && near(input.id, e1.target)
      && graph.edges.some((e2) => e2.source === e1.target && near(input.id, e2.target)));
    const edge = next === undefined ? undefined : graph.edges.find((e2) => e2.source === next.target && near(input.id, e2.target));
    if (edge !== undefined) { pick = { input, edge }; break; }
  }
  expect(pick, 'an input with two operators downstream close by').toBeDefined();
  const { input, edge } = pick!;
  await page.mouse.move(input.x, input.y);
  const zoom = async () => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 0);
  await expect.poll(async () => {
    if (await zoom() < 0.99) await page.mouse.wheel(0, -200);
    return zoom();
  }, { timeout: 30_000 }).toBeGreaterThanOrEqual(0.99);

  // The label of the wire out of the input's consumer: its value must follow the edit.
  const inputId = input.id;
  const edgeId = edge.id;
  const byId = new Map(graph.edges.map((e, k) => [e.id, k]));
  const newValue = 0.731;
  const before = evaluate(graph, { lenient: true }).edgeValue[byId.get(edgeId)!];
  const after = evaluate({ ...graph, nodes: graph.nodes.map((n) => (n.id === inputId ? { ...n, value: newValue } : n)) }, { lenient: true }).edgeValue[byId.get(edgeId)!];
  expect(after).not.toBe(before);

  const label = page.locator(`[data-edge-id="${edgeId}"]`);
  await expect(label).toBeInViewport();
  await expect(label).toHaveAttribute('data-value', String(before));
  await page.getByLabel(`value of ${inputId}`, { exact: true }).fill(String(newValue));
  await expect(label).toHaveAttribute('data-value', String(after));
  // The counts stay those of the loaded graph.
  await expect(canvas).toHaveAttribute('data-node-count', String(graph.nodes.length));
  expect(errors).toEqual([]);
});

/** Imports `g` through Import JSON and waits until the canvas holds all of it. */
async function importGraph(page: Page, g: Graph, name: string): Promise<void> {
  const file = join(tmpdir(), `gradflow-e2e-${process.pid}-${name}.gradflow.json`);
  writeFileSync(file, serializeGraph(g));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON', exact: true }).click();
  await (await chooser).setFiles(file);
  await expect(page.locator('.react-flow')).toHaveAttribute('data-node-count', String(g.nodes.length), { timeout: 60_000 });
}

/** Node positions of an exported file, by id. */
function positionsOf(text: string): Map<string, { x: number; y: number }> {
  const file = JSON.parse(text) as { nodes: { id: string; position: { x: number; y: number } }[] };
  return new Map(file.nodes.map((n) => [n.id, n.position]));
}

test('Tidy layout lays the 3,000-node graph out left to right, and Undo puts every node back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openEditor(page);
  await importGraph(page, graph, 'big-tidy');
  const before = await exportedText(page);

  await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
  await expect.poll(async () => (await exportedText(page)) !== before, { timeout: 60_000 }).toBe(true);
  const laid = positionsOf(await exportedText(page));
  // Layered: every wire runs from a column to a column further right.
  const backwards = graph.edges.filter((e) => laid.get(e.source)!.x >= laid.get(e.target)!.x);
  expect(backwards).toEqual([]);
  await expect(page.locator('.react-flow')).toHaveAttribute('data-node-count', String(graph.nodes.length));

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => (await exportedText(page)) === before).toBe(true);
  expect(errors).toEqual([]);
});

test('Tidy layout of a 784-node graph shows its progress in the worker, and Cancel leaves every node where it was', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  // Below the fast layout's threshold elk lays it out; long-range wires make that a second or more: time to cancel.
  const medium = randomDag(createRng(7), 780, { recentChance: 0 });
  expect(medium.nodes.length).toBeLessThan(BIG_LAYOUT);
  await openEditor(page);
  await importGraph(page, medium, 'medium-tidy');
  const before = await exportedText(page);

  await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
  // Read and cancel at once: the layout is quick enough that a slow look could miss it.
  const progress = page.locator('.layout-progress');
  const cancel = progress.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  const shown = await progress.textContent();
  await cancel.click();
  expect(shown).toContain(`(${medium.nodes.length} nodes)`);
  await expect(progress).toHaveCount(0);
  await expect(page.locator('.status')).toContainText('Tidy layout cancelled: nothing moved.');
  expect(await exportedText(page)).toBe(before);
  await expect(page.locator('.react-flow')).toHaveAttribute('data-node-count', String(medium.nodes.length));
  expect(errors).toEqual([]);
});
