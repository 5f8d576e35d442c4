import { expect, type Page } from '@playwright/test';

/** Fails the test on any uncaught page error: nothing the user does may crash the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Opens the editor and waits for the canvas to show the graph. */
export async function openEditor(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  // The first view has opened (fitted, or focused on the output): what a test reads of positions stays put.
  await expect(page.locator('.canvas-wrap')).toHaveAttribute('data-view', /^\d+$/);
}

/** A point on the canvas, as fractions of its width and height. */
export async function canvasPoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.canvas-wrap').boundingBox())!;
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/** Drags a palette item onto the canvas with the mouse and returns the new node's id. */
export async function dragFromPalette(page: Page, op: string, fx: number, fy: number): Promise<string> {
  const before = await nodeIds(page);
  const item = page.locator(`.palette [data-op="${op}"]`);
  const from = (await item.boundingBox())!;
  const to = await canvasPoint(page, fx, fy);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.length + 1);
  const after = await nodeIds(page);
  return after.find((id) => !before.includes(id))!;
}

/** Ids of the nodes on the canvas. */
export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
}

/** Connects `source`'s output to input `port` of `target` by dragging between the handles. */
export async function wire(page: Page, source: string, target: string, port: number): Promise<void> {
  const from = (await page.locator(`.react-flow__handle[data-nodeid="${source}"][data-handleid="out"]`).boundingBox())!;
  const to = (await page.locator(`.react-flow__handle[data-nodeid="${target}"][data-handleid="in${port}"]`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Every edge as [source, target, port, value, grad] read from the canvas. */
export async function edgeNumbers(page: Page): Promise<Record<string, { value?: number; grad?: number; localGrad?: number }>> {
  return page.locator('[data-edge-id]').evaluateAll((els) => Object.fromEntries(els.map((e) => {
    const d = (e as HTMLElement).dataset;
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    return [d.edgeId!, { value: num(d.value), grad: num(d.grad), localGrad: num(d.localGrad) }];
  })));
}

/** The label element of the edge from `source` into `target`. */
export function edgeBetween(page: Page, source: string, target: string) {
  return page.locator(`[data-edge-id][data-source="${source}"][data-target="${target}"]`);
}

/** Waits until a fit animation has settled: two reads of the viewport's transform a few frames apart agree. */
export async function settled(page: Page): Promise<void> {
  let previous = '';
  await expect.poll(async () => {
    const now = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
    const same = now === previous;
    previous = now;
    return same;
  }, { intervals: [100, 100, 200, 200, 400] }).toBe(true);
}

/**
 * Runs `load` (an example, an import, a typed expression) and waits until the canvas has opened the new
 * graph: its `data-view` counter moves once the opening fit or focus has finished animating.
 */
export async function opens(page: Page, load: () => Promise<void>): Promise<void> {
  const canvas = page.locator('.canvas-wrap');
  // The graph on screen has opened first, so the counter read here is its own.
  await expect(canvas).toHaveAttribute('data-view', /^\d+$/);
  const before = (await canvas.getAttribute('data-view'))!;
  await load();
  await expect(canvas).not.toHaveAttribute('data-view', before);
}

/** Loads a shipped example by (part of) its title and waits until it is shown and the view has settled. */
export async function loadExample(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples', exact: true }).click();
  await page.getByRole('menuitem', { name: title }).click();
  await expect(page.locator('.status-slot')).toContainText('Loaded the example');
  await settled(page);
}
