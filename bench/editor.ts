// Editor speed at scale: the same user actions on a 3,000-node graph and on a 30-node peer, in one run, in
// Chromium against a production build. Each figure is the time from the action to the frame that shows its
// result painted (or frame times while the user pans, zooms and drags), printed for both sizes with the ratio.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { createRng } from '../src/core/random';
import { evaluate } from '../src/core/eval/evaluate';
import { backwardSteps } from '../src/core/eval/stepper';
import { graphFromExpression } from '../src/core/expr/toGraph';
import { serializeGraph } from '../src/core/format/serialize';
import { randomGridDag } from '../src/core/graph/randomDag';
import type { Graph } from '../src/core/graph/types';

const BIG = 3000;
const SMALL = 30;
const EDITS = 15;
const REPEATS = 5;
const OUT_DIR = '.e2e-dist/bench-editor';
/** The figures the issue sets for the 3,000-node graph, in ms (frames: p95 frame time). */
const TARGET = { edit: 50, frame: 25, importPositioned: 1500, importAuto: 3000, tidy: 2000, action: 50, expression: 1000 } as const;

/** A sum of `terms` products of weights and (a few shared) inputs: a typical long expression. */
const expressionOf = (terms: number): string => Array.from({ length: terms }, (_, k) => `w${k} * sigmoid(x${k % 10})`).join(' + ');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Frame statistics while the user pans, zooms or drags. */
interface Frames { fps: number; p95: number }

/** Every figure of one graph size. */
interface Figures {
  importPositioned: number;
  importAuto: number;
  reload: number;
  edit: number;
  editLabels: number;
  pan: Frames;
  zoom: Frames;
  drag: Frames;
  runBackward: number;
  stepBackward: number;
  undo: number;
  redo: number;
  tidy: number;
  tidyLongestFrame: number;
  expression: number;
  expressionNodes: number;
  /** Main-thread CPU time per action (ms): edit, undo or redo, step backward, run backward. */
  cpu: { edit: number; undoRedo: number; step: number; run: number };
}

// In-page helpers, installed before any script of the app runs.
const PAGE_HELPERS = () => {
  const w = window as unknown as Record<string, unknown>;
  /** Resolves after the next frame has been rendered: a task queued from rAF runs once that frame is done. */
  const painted = () => new Promise<number>((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  /** Waits (checking after every frame and DOM change) until `ready()` holds, then for that frame to be painted. */
  const until = (ready: () => boolean, timeout = 120_000) => new Promise<number>((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      if (ready()) { observer.disconnect(); void painted().then(resolve); return true; }
      if (performance.now() - start > timeout) { observer.disconnect(); reject(new Error('timed out')); return true; }
      return false;
    };
    const observer = new MutationObserver(() => { check(); });
    if (check()) return;
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const poll = () => { if (!check()) requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  });
  const count = () => document.querySelector('.react-flow')?.getAttribute('data-node-count');
  /** Records frame intervals until stopped. */
  const recordFrames = () => {
    const frames: number[] = [];
    let last = performance.now();
    let on = true;
    const tick = (t: number) => { frames.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
    return () => { on = false; return frames; };
  };
  w.__bench = { painted, until, count, recordFrames };
  // The moment the loaded graph's count appears and is painted, measured from navigation start (reloads).
  w.__firstGraph = new Promise<number>((resolve) => {
    const look = () => {
      const n = count();
      if (n !== null && n !== undefined && Number(n) > 1000) { void painted().then(resolve); return; }
      requestAnimationFrame(look);
    };
    look();
  });
};

type Bench = {
  painted(): Promise<number>;
  until(ready: () => boolean, timeout?: number): Promise<number>;
  count(): string | null | undefined;
  recordFrames(): () => number[];
};
declare const __bench: Bench;

async function clickButton(page: Page, name: string, ready: string): Promise<number> {
  return page.evaluate(async ({ name, ready }) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim().endsWith(name));
    if (button === undefined) throw new Error(`no button ${name}`);
    // eslint-disable-next-line no-new-func
    const check = new Function(ready) as () => boolean;
    const t0 = performance.now();
    button.click();
    try {
      return (await __bench.until(check, 30_000)) - t0;
    } catch {
      throw new Error(`${name}: the page never showed ${ready} (status: ${document.querySelector('.status')?.textContent ?? 'none'}; fields: ${[...document.querySelectorAll<HTMLInputElement>('input[aria-label^="value of"]')].slice(0, 4).map((f) => `${f.ariaLabel}=${f.value}`).join(', ')})`);
    }
  }, { name, ready });
}

/** Imports `text` as a user's file through the Import button's file input; ms to the painted frame showing `nodes` nodes. */
async function importFile(page: Page, text: string, nodes: number): Promise<number> {
  await clickButton(page, 'New', 'return document.querySelector(".react-flow")?.getAttribute("data-node-count") === "0"');
  return page.evaluate(async ({ text, nodes }) => {
    const input = document.querySelector<HTMLInputElement>('input[data-testid="import-file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'big.gradflow.json', { type: 'application/json' }));
    input.files = transfer.files;
    const t0 = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return (await __bench.until(() => __bench.count() === String(nodes))) - t0;
  }, { text, nodes });
}

/** The viewport transform of the canvas. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(([-\d.e]+)\)/.exec(style);
  if (m === null) throw new Error(`unreadable viewport ${style}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** A point of the canvas showing empty pane (not a node, a label or a panel), where a drag pans. */
async function panePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let fy = 0.3; fy < 0.8; fy += 0.02) for (let fx = 0.3; fx < 0.8; fx += 0.02) {
      const x = r.left + fx * r.width;
      const y = r.top + fy * r.height;
      const el = document.elementFromPoint(x, y);
      if (el !== null && el.closest('.react-flow__node, .edge-label, .react-flow__panel, .react-flow__edge') === null && el.closest('.react-flow') !== null) return { x, y };
    }
    return undefined;
  });
  if (point === undefined) throw new Error('no empty pane to drag');
  return point;
}

async function frames(page: Page, act: () => Promise<void>): Promise<Frames> {
  await page.evaluate(() => { (window as unknown as { __stop: () => number[] }).__stop = __bench.recordFrames(); });
  const t0 = Date.now();
  await act();
  const elapsed = Date.now() - t0;
  const list = await page.evaluate(() => (window as unknown as { __stop: () => number[] }).__stop());
  const used = list.slice(1);
  return { fps: (used.length * 1000) / elapsed, p95: quantile(used, 0.95) };
}

/** Zooms in at the canvas centre until the graph is drawn at full size (as a user does to read or edit). */
async function zoomToFullSize(page: Page): Promise<void> {
  const box = (await page.locator('.react-flow').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let k = 0; k < 40 && (await viewport(page)).zoom < 0.99; k++) {
    await page.mouse.wheel(0, -100);
    await page.evaluate(() => __bench.painted());
  }
}

/** Edge ids each input reaches (the edges whose value depends on it). */
function reachOf(graph: Graph, id: string): Set<string> {
  const out = new Map<string, { id: string; target: string }[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), { id: e.id, target: e.target }]);
  const seen = new Set([id]);
  const edges = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const e of out.get(stack.pop()!) ?? []) {
      edges.add(e.id);
      if (!seen.has(e.target)) { seen.add(e.target); stack.push(e.target); }
    }
  }
  return edges;
}

/** Ids of edges whose value differs between two values of input `id`. */
function changedEdges(graph: Graph, id: string, from: number, to: number): string[] {
  const at = (v: number) => evaluate({ ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, value: v } : n)) }, { lenient: true }).edgeValue;
  const a = at(from);
  const b = at(to);
  return graph.edges.filter((_, e) => !Object.is(a[e], b[e])).map((e) => e.id);
}

async function measure(browser: Browser, url: string, graph: Graph, expressionTerms: number): Promise<Figures> {
  const n = graph.nodes.length;
  const text = serializeGraph(graph);
  const unpositioned = serializeGraph({ ...graph, nodes: graph.nodes.map(({ position: _p, ...rest }) => rest) });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx names functions with a __name helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(PAGE_HELPERS);
  page.on('pageerror', (e) => console.error(`editor bench: page error: ${e.message}`));
  await page.goto(url);
  await page.locator('.react-flow').waitFor();

  const importPositioned: number[] = [];
  for (let k = 0; k < 2; k++) importPositioned.push(await importFile(page, text, n));
  await page.evaluate(() => __bench.until(() => false, 1500).catch(() => 0)); // let the opening fit settle

  // Pan, zoom and drag, at full size (where every label is drawn).
  await zoomToFullSize(page);
  let from = await panePoint(page);
  const pan = await frames(page, async () => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 500, from.y - 250, { steps: 40 });
    await page.mouse.move(from.x, from.y, { steps: 40 });
    await page.mouse.up();
  });
  const box = (await page.locator('.react-flow').boundingBox())!;
  const zoom = await frames(page, async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let k = 0; k < 12; k++) await page.mouse.wheel(0, 60);
    for (let k = 0; k < 12; k++) await page.mouse.wheel(0, -60);
  });
  await zoomToFullSize(page);
  const head = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const heads = [...document.querySelectorAll('.react-flow__node .op-head')].map((h) => h.getBoundingClientRect())
      .filter((b) => b.left > r.left + 100 && b.right < r.right - 400 && b.top > r.top + 100 && b.bottom < r.bottom - 300);
    const b = heads[0];
    return b === undefined ? undefined : { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  if (head === undefined) throw new Error('no node to drag');
  const drag = await frames(page, async () => {
    await page.mouse.move(head.x, head.y);
    await page.mouse.down();
    await page.mouse.move(head.x + 200, head.y + 150, { steps: 40 });
    await page.mouse.move(head.x, head.y, { steps: 40 });
    await page.mouse.up();
  });

  // Value edits: the visible input whose value reaches the most visible edge labels.
  const visible = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const inside = (el: Element) => { const b = el.getBoundingClientRect(); return b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom; };
    return {
      inputs: [...document.querySelectorAll('.react-flow__node[data-op="input"]')].filter(inside).map((e) => e.getAttribute('data-id')!),
      labels: [...document.querySelectorAll('[data-edge-id]')].filter(inside).map((e) => e.getAttribute('data-edge-id')!),
    };
  });
  const shown = new Set(visible.labels);
  const input = visible.inputs.map((id) => ({ id, reach: [...reachOf(graph, id)].filter((e) => shown.has(e)).length })).sort((a, b) => b.reach - a.reach)[0];
  if (input === undefined) throw new Error('no visible input to edit');
  const start = graph.nodes.find((node) => node.id === input.id)!.value as number;
  const values = Array.from({ length: EDITS }, (_, k) => Math.round((0.05 + (0.9 * ((k * 7) % EDITS)) / EDITS) * 1000) / 1000);
  const changed = values.map((v, k) => changedEdges(graph, input.id, k === 0 ? start : values[k - 1], v));
  // Main-thread CPU time (thread ticks) beside wall-clock: it barely depends on how busy the machine is.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpuNow = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  let cpu0 = await cpuNow();
  const edits = await page.evaluate(async ({ id, values, changed }) => {
    const field = document.querySelector<HTMLInputElement>(`input[aria-label="value of ${id}"]`);
    if (field === null) throw new Error(`no value field for ${id}`);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const times: number[] = [];
    const labels: number[] = [];
    for (let k = 0; k < values.length; k++) {
      await __bench.painted();
      // Every label of a changed edge that is in the document now must show the new value.
      const expected = new Set(changed[k]);
      const watched = [...document.querySelectorAll<HTMLElement>('[data-edge-id]')].filter((el) => expected.has(el.dataset.edgeId!));
      const before = watched.map((el) => el.getAttribute('data-value'));
      labels.push(watched.length);
      const t0 = performance.now();
      setter.call(field, String(values[k]));
      field.dispatchEvent(new Event('input', { bubbles: true }));
      times.push((await __bench.until(() => watched.every((el, i) => el.getAttribute('data-value') !== before[i]))) - t0);
    }
    return { times, labels };
  }, { id: input.id, values, changed });
  const editCpu = ((await cpuNow()) - cpu0) / values.length;

  // Undo and redo the edits (one step: typing into one field undoes together), until every label they
  // change that is on the page shows its value again.
  const last = values[values.length - 1];
  const labelsShow = (v: number) => {
    const edited = evaluate({ ...graph, nodes: graph.nodes.map((node) => (node.id === input.id ? { ...node, value: v } : node)) }, { lenient: true }).edgeValue;
    const expected = Object.fromEntries(changedEdges(graph, input.id, start, last).map((id) => [id, String(edited[graph.edges.findIndex((e) => e.id === id)])]));
    return `const want = ${JSON.stringify(expected)}; const ls = [...document.querySelectorAll('[data-edge-id]')].filter((e) => e.getAttribute('data-edge-id') in want); return ls.length > 0 && ls.every((e) => e.getAttribute('data-value') === want[e.getAttribute('data-edge-id')]);`;
  };
  const undone = labelsShow(start);
  const redone = labelsShow(last);
  const undo: number[] = [];
  const redo: number[] = [];
  cpu0 = await cpuNow();
  for (let k = 0; k < REPEATS; k++) {
    undo.push(await clickButton(page, 'Undo', undone));
    redo.push(await clickButton(page, 'Redo', redone));
  }
  const undoRedoCpu = ((await cpuNow()) - cpu0) / (2 * REPEATS);

  // Stepping: every backward step and the whole pass, until the gradients show on the visible labels.
  const onPath = new Set(backwardSteps(evaluate(graph, { lenient: true })).flatMap((s) => s.inputs.map((i) => i.edgeId)));
  const gradsShown = `const on = new Set(${JSON.stringify([...onPath])}); const ls = [...document.querySelectorAll('[data-edge-id]')].filter((e) => on.has(e.getAttribute('data-edge-id'))); return ls.length > 0 && ls.every((e) => e.hasAttribute('data-grad'));`;
  const stepBackward: number[] = [];
  const runBackward: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    await clickButton(page, 'Reset', 'return document.querySelector(".step-count") === null');
    const steps = [];
    for (let j = 1; j <= 3; j++) steps.push(await clickButton(page, 'Step backward', `return /Backward ${j}\\//.test(document.querySelector('.step-count')?.textContent ?? '')`));
    stepBackward.push(median(steps));
    await clickButton(page, 'Reset', 'return document.querySelector(".step-count") === null');
    runBackward.push(await clickButton(page, 'Run backward', gradsShown));
  }
  await clickButton(page, 'Reset', 'return document.querySelector(".step-count") === null');
  cpu0 = await cpuNow();
  for (let j = 1; j <= REPEATS; j++) await clickButton(page, 'Step backward', `return /Backward ${j}\\//.test(document.querySelector('.step-count')?.textContent ?? '')`);
  const stepCpu = ((await cpuNow()) - cpu0) / REPEATS;
  cpu0 = await cpuNow();
  await clickButton(page, 'Run backward', gradsShown);
  const runCpu = (await cpuNow()) - cpu0;

  // Reload of the autosaved graph: navigation start to the painted frame showing it.
  const reload: number[] = [];
  if (n > 1000) {
    // The library keeps the open graph (IndexedDB): wait until it says it is saved.
    await page.evaluate(() => __bench.until(() => document.querySelector('.save-badge')?.getAttribute('data-save') === 'saved'));
    for (let k = 0; k < 2; k++) {
      await page.reload();
      reload.push(await page.evaluate(() => (window as unknown as { __firstGraph: Promise<number> }).__firstGraph));
    }
  } else {
    for (let k = 0; k < 2; k++) {
      await page.reload();
      reload.push(await page.evaluate((count) => __bench.until(() => __bench.count() === count), String(n)));
    }
  }

  // Import without positions (laid out on the way in), Tidy layout (with the longest frame meanwhile).
  const importAuto = await importFile(page, unpositioned, n);
  const statusSays = (re: string) => `return /${re}/.test(document.querySelector('.status')?.textContent ?? '')`;
  const tidy = await page.evaluate(async (ready) => {
    const stop = __bench.recordFrames();
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Tidy layout')!;
    // eslint-disable-next-line no-new-func
    const check = new Function(ready) as () => boolean;
    const before = document.querySelector('.status')?.textContent;
    const t0 = performance.now();
    button.click();
    const t1 = await __bench.until(() => document.querySelector('.status')?.textContent !== before && check());
    const frames = stop();
    return { ms: t1 - t0, longest: Math.max(...frames) };
  }, statusSays('[Ll]aid out'));

  // An expression typed into the Expression box.
  const expression = expressionOf(expressionTerms);
  const expressionNodes = graphFromExpression(expression).nodes.length;
  const expressionMs = await page.evaluate(async ({ expression, nodes }) => {
    const box = document.querySelector<HTMLInputElement>('input[aria-label="Expression"]')!;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, expression);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await __bench.painted();
    const t0 = performance.now();
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    return (await __bench.until(() => __bench.count() === String(nodes))) - t0;
  }, { expression, nodes: expressionNodes });
  await page.close();

  return {
    importPositioned: Math.min(...importPositioned), importAuto, reload: Math.min(...reload),
    edit: median(edits.times.slice(1)), editLabels: median(edits.labels),
    pan, zoom, drag,
    runBackward: median(runBackward), stepBackward: median(stepBackward), undo: median(undo), redo: median(redo),
    tidy: tidy.ms, tidyLongestFrame: tidy.longest, expression: expressionMs, expressionNodes,
    cpu: { edit: editCpu, undoRedo: undoRedoCpu, step: stepCpu, run: runCpu },
  };
}

/** Runs the scenario on both sizes and prints every figure with the 30-node peer and the ratio. */
export async function run(): Promise<void> {
  const big = randomGridDag(createRng(7), BIG);
  const small = randomGridDag(createRng(7), SMALL);
  await build({ logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server = await preview({ logLevel: 'error', build: { outDir: OUT_DIR }, preview: { port: Number(process.env.GRADFLOW_BENCH_PORT ?? 4199), host: '127.0.0.1', strictPort: false } });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4199/';
  const executablePath = process.env.GRADFLOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const s = await measure(browser, url, small, 3);
    if (process.env.GRADFLOW_BENCH_SMALL_ONLY !== undefined) { console.log(JSON.stringify(s)); return; }
    const b = await measure(browser, url, big, 300);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const rows: [string, string, string, number, number, string][] = [
      ['import with positions → first frame', ms(s.importPositioned), ms(b.importPositioned), b.importPositioned, s.importPositioned, `< ${TARGET.importPositioned} ms`],
      ['import without positions (auto layout)', ms(s.importAuto), ms(b.importAuto), b.importAuto, s.importAuto, `< ${TARGET.importAuto} ms`],
      ['reload of the autosaved graph', ms(s.reload), ms(b.reload), b.reload, s.reload, 'fast'],
      [`edit a value → labels painted (${s.editLabels}/${b.editLabels} labels)`, ms(s.edit), ms(b.edit), b.edit, s.edit, `< ${TARGET.edit} ms, < 3× peer`],
      ['pan: p95 frame', ms(s.pan.p95), ms(b.pan.p95), b.pan.p95, s.pan.p95, `< ${TARGET.frame} ms`],
      ['pan: frames per second', s.pan.fps.toFixed(0), b.pan.fps.toFixed(0), b.pan.fps, s.pan.fps, '≥ 50'],
      ['zoom: p95 frame', ms(s.zoom.p95), ms(b.zoom.p95), b.zoom.p95, s.zoom.p95, `< ${TARGET.frame} ms`],
      ['zoom: frames per second', s.zoom.fps.toFixed(0), b.zoom.fps.toFixed(0), b.zoom.fps, s.zoom.fps, '≥ 50'],
      ['drag a node: p95 frame', ms(s.drag.p95), ms(b.drag.p95), b.drag.p95, s.drag.p95, `< ${TARGET.frame} ms`],
      ['drag a node: frames per second', s.drag.fps.toFixed(0), b.drag.fps.toFixed(0), b.drag.fps, s.drag.fps, '≥ 50'],
      ['Run backward → painted', ms(s.runBackward), ms(b.runBackward), b.runBackward, s.runBackward, `< ${TARGET.action} ms`],
      ['Step backward → painted', ms(s.stepBackward), ms(b.stepBackward), b.stepBackward, s.stepBackward, `< ${TARGET.action} ms`],
      ['Undo → painted', ms(s.undo), ms(b.undo), b.undo, s.undo, `< ${TARGET.action} ms`],
      ['  main-thread CPU per edit', ms(s.cpu.edit), ms(b.cpu.edit), b.cpu.edit, s.cpu.edit, 'load-independent'],
      ['  main-thread CPU per Undo or Redo', ms(s.cpu.undoRedo), ms(b.cpu.undoRedo), b.cpu.undoRedo, s.cpu.undoRedo, 'load-independent'],
      ['  main-thread CPU per Step backward', ms(s.cpu.step), ms(b.cpu.step), b.cpu.step, s.cpu.step, 'load-independent'],
      ['  main-thread CPU of Run backward', ms(s.cpu.run), ms(b.cpu.run), b.cpu.run, s.cpu.run, 'load-independent'],
      ['Redo → painted', ms(s.redo), ms(b.redo), b.redo, s.redo, `< ${TARGET.action} ms`],
      ['Tidy layout → painted', ms(s.tidy), ms(b.tidy), b.tidy, s.tidy, `< ${TARGET.tidy} ms`],
      ['Tidy layout: longest frame meanwhile', ms(s.tidyLongestFrame), ms(b.tidyLongestFrame), b.tidyLongestFrame, s.tidyLongestFrame, 'main thread free'],
      [`expression (${s.expressionNodes} / ${b.expressionNodes} nodes, 3 / 300 terms) → painted`, ms(s.expression), ms(b.expression), b.expression, s.expression, `< ${TARGET.expression} ms`],
    ];
    console.log(`editor: ${big.nodes.length}-node graph (${big.edges.length} edges) against a ${small.nodes.length}-node peer (${small.edges.length} edges), Chromium 1440x900, production build`);
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`editor: ${'figure'.padEnd(width)}  ${'30 nodes'.padStart(10)}  ${'3,000 nodes'.padStart(11)}  ${'ratio'.padStart(7)}  target (3,000)`);
    for (const [name, a, c, bv, sv, target] of rows) console.log(`editor: ${name.padEnd(width)}  ${a.padStart(10)}  ${c.padStart(11)}  ${(bv / sv).toFixed(2).padStart(6)}×  ${target}`);
    console.log(`editor: machine load average during the run: ${loadavg()[0].toFixed(1)} (wall-clock figures grow with it)`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

// Run directly with `npx tsx bench/editor.ts`.
if (import.meta.url === `file://${process.argv[1]}`) void run();
