// temporary profiling script (removed after use)
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { generateGraph } from './bench/editor';
import { serializeGraph } from './src/core/format/serialize';

const graph = generateGraph(500, 7);
const skipBuild = process.argv.includes('--nobuild');
if (!skipBuild) await build({ logLevel: 'error', build: { outDir: '.e2e-dist/h9prof', emptyOutDir: true, minify: false } });
const server = await preview({ logLevel: 'error', build: { outDir: '.e2e-dist/h9prof' }, preview: { port: 4188, host: '127.0.0.1' } });
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.addInitScript((text) => { localStorage.setItem('gradflow.autosave', text); }, serializeGraph(graph));
await page.goto(url);
await page.locator('[data-edge-id]').nth(graph.edges.length - 1).waitFor({ state: 'attached', timeout: 60000 });
await page.waitForTimeout(1000);
await page.screenshot({ path: '/tmp/h9/bench-page.png' });
const cdp = await page.context().newCDPSession(page);
if (process.argv.includes('--cpu')) {
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
  await page.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="value of n13"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    for (let k = 0; k < 30; k++) { await new Promise((r) => setTimeout(r, 40)); setter.call(input, String(0.1 + k * 0.03)); input.dispatchEvent(new Event('input', { bubbles: true })); }
  });
  const { profile } = await cdp.send('Profiler.stop') as any;
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  profile.samples.forEach((id: number, i: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const [id, t] of dt) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log((t / 1000 / 30).toFixed(2).padStart(7), 'ms/edit', k);
  // Inclusive times of chosen functions (outermost occurrence only).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = ['setState', 'evaluate', 'annotate', 'performWorkOnRoot', 'flushSyncWorkAcrossRoots_impl', 'commitRoot', 'renderRootSync', 'dispatchDiscreteEvent', 'toFlow', 'compileProgram', 'passView', 'withGraph'];
  const incl = new Map<string, number>();
  for (const [id, t] of dt) {
    const hit = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) { const f = (byId.get(cur) as any).callFrame.functionName; if (names.includes(f)) hit.add(f); }
    for (const f of hit) incl.set(f, (incl.get(f) ?? 0) + t);
  }
  for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1])) console.log('incl', (t / 1000 / 30).toFixed(2).padStart(7), 'ms/edit', k);
  // Components React rendered: children of renderWithHooks, by name, with sample counts.
  const comps = new Map<string, number>();
  for (const n of profile.nodes as any[]) if (n.callFrame.functionName === 'renderWithHooks') for (const c of n.children ?? []) { const f = (byId.get(c) as any).callFrame.functionName; comps.set(f, (comps.get(f) ?? 0) + 1); }
  console.log('rendered components (distinct call-tree nodes):', [...comps].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k}:${v}`).join(' '));
  const wip = new Map<string, number>();
  for (const n of profile.nodes as any[]) if (n.callFrame.functionName === 'createWorkInProgress') { const p = byId.get(parent.get(n.id)!) as any; const pp = byId.get(parent.get(p.id)!) as any; const k = p.callFrame.functionName + '<' + pp.callFrame.functionName; wip.set(k, (wip.get(k) ?? 0) + (dt.get(n.id) ?? 0)); }
  console.log('createWorkInProgress callers:', [...wip].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${(v / 1000 / 30).toFixed(2)}`).join(' '));
  await browser.close(); server.httpServer.close(); process.exit(0);
}
const events: any[] = [];
cdp.on('Tracing.dataCollected', (d: any) => events.push(...d.value));
const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'] } as any, transferMode: 'ReportEvents' } as any);
await page.evaluate((m) => { (window as any).__mode = m; }, process.env.MODE ?? 'edit');
await page.evaluate(async () => {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="value of n13"]')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const mode = (window as any).__mode as string;
  for (let k = 0; k < 20; k++) {
    await new Promise((r) => setTimeout(r, 60));
    if (mode === 'edges') { for (const el of document.querySelectorAll('.edge-value')) (el.firstChild as Text).data = String(Math.random()).slice(0, 6); continue; }
    if (mode === 'nodes') { for (const el of document.querySelectorAll('.op-value')) (el.firstChild as Text).data = String(Math.random()).slice(0, 6); continue; }
    if (mode === 'none') { document.querySelector('.edge-value')!.setAttribute('data-x', String(k)); continue; }
    setter.call(input, String(0.1 + k * 0.03));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await new Promise((r) => setTimeout(r, 200));
});
await cdp.send('Tracing.end');
await done;
writeFileSync('/tmp/h9/trace.json', JSON.stringify(events));
// Summarise main-thread top-level-ish event durations by name.
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tid = main?.tid;
const sums = new Map<string, { total: number; count: number }>();
for (const e of events) {
  if (e.tid !== tid || e.ph !== 'X' || e.dur === undefined) continue;
  const s = sums.get(e.name) ?? { total: 0, count: 0 };
  s.total += e.dur / 1000; s.count++;
  sums.set(e.name, s);
}
const rows = [...sums].sort((a, b) => b[1].total - a[1].total).slice(0, 40);
for (const [n, s] of rows) console.log(`${(s.total / 20).toFixed(2).padStart(8)} ms/edit  ${String(s.count).padStart(6)}  ${n}`);
await browser.close();
server.httpServer.close();
