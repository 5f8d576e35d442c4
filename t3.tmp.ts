import { benchGraph } from './bench/evaluator.ts';
import { compileProgram } from './src/core/index.ts';
const p = compileProgram(benchGraph(10000));
const n = p.ids.length;
let fsrc = '';
for (let k = 0; k < n; k++) { const i = p.order[k]; const a = p.slotSrc[p.slotStart[i]]; const b = p.slotSrc[p.slotStart[i] + 1];
  const op = p.graph.nodes[i].op;
  fsrc += op === 'input' ? `v[${i}]=leaf[${i}];` : op === 'add' ? `v[${i}]=v[${a}]+v[${b}];` : op === 'mul' ? `v[${i}]=v[${a}]*v[${b}];` : `v[${i}]=Math.sin(v[${a}]);`; fsrc += '\n'; }
const chunk = Number(process.argv[2]);
  const lines = fsrc.split('\n'); const fs: Function[] = [];
  for (let k = 0; k < n; k += chunk) fs.push(new Function('v', 'g', 'leaf', lines.slice(k, k + chunk).join('\n')));
  const v = new Float64Array(n);
  for (const warm of [10, 100, 1000, 3000]) {
  for (let r = 0; r < warm; r++) for (const f of fs) f(v, v, p.leafValue);
  const t0 = performance.now(); for (let r = 0; r < 100; r++) for (const f of fs) f(v, v, p.leafValue);
  console.log(chunk, warm, ((performance.now() - t0) * 1e6 / 100 / n).toFixed(1), 'ns/node forward');
  }
