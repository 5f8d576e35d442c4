import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createRng } from '../src/core/random';
import { evaluate } from '../src/core/eval/evaluate';
import { serializeGraph } from '../src/core/format/serialize';
import { randomGridDag } from '../src/core/graph/random-dag';
import { openEditor, watchErrors } from './editor-helpers';

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

  // Zoom in at the middle of the canvas, as a user does to read and edit, until nodes are drawn full size.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoom = async () => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 0);
  await expect.poll(async () => {
    if (await zoom() < 0.99) await page.mouse.wheel(0, -200);
    return zoom();
  }, { timeout: 30_000 }).toBeGreaterThanOrEqual(0.99);

  // A visible label of an edge u -> v where u is fed by an input whose value field is on screen too.
  const inside = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const shown = (el: Element) => { const b = el.getBoundingClientRect(); return b.left > r.left && b.right < r.right && b.top > r.top && b.bottom < r.bottom; };
    return {
      fields: [...document.querySelectorAll('.react-flow__node[data-op="input"]')].filter((n) => n.querySelector('input') !== null && shown(n)).map((n) => n.getAttribute('data-id')!),
      labels: [...document.querySelectorAll<HTMLElement>('[data-edge-id]')].filter(shown).map((l) => l.dataset.edgeId!),
    };
  });
  const byId = new Map(graph.edges.map((e, k) => [e.id, k]));
  const inputs = new Set(inside.fields);
  const pick = inside.labels.map((id) => graph.edges[byId.get(id)!]).map((downstream) => ({
    downstream,
    feed: graph.edges.find((e) => e.target === downstream.source && inputs.has(e.source)),
  })).find((p) => p.feed !== undefined);
  expect(pick, 'a visible input feeding a node with a visible outgoing label').toBeDefined();
  const { downstream, feed } = pick!;
  const inputId = feed!.source;
  const newValue = 0.731;
  const edited = { ...graph, nodes: graph.nodes.map((n) => (n.id === inputId ? { ...n, value: newValue } : n)) };
  const before = evaluate(graph, { lenient: true }).edgeValue[byId.get(downstream.id)!];
  const after = evaluate(edited, { lenient: true }).edgeValue[byId.get(downstream.id)!];
  expect(after).not.toBe(before);

  const label = page.locator(`[data-edge-id="${downstream.id}"]`);
  await expect(label).toHaveAttribute('data-value', String(before));
  await page.getByLabel(`value of ${inputId}`, { exact: true }).fill(String(newValue));
  await expect(label).toHaveAttribute('data-value', String(after));
  // The counts stay those of the loaded graph.
  await expect(canvas).toHaveAttribute('data-node-count', String(graph.nodes.length));
  expect(errors).toEqual([]);
});
