import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { OPS } from '../core';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import { NumberField } from './NumberField';
import type { OpFlowNode } from './toFlow';

/** Vertical placement of input handle k out of `count`, in px from the node's top. */
export const portTop = (k: number, count: number, height: number): number => ((k + 1) * height) / (count + 1);

/** A computational-graph node: operator symbol, editable value or params, value (green) and gradient (red). */
function OpNodeView({ id, data, selected }: NodeProps<OpFlowNode>) {
  const def = OPS[data.op];
  const setValue = useEditor((s) => s.setValue);
  const setParam = useEditor((s) => s.setParam);
  const classes = ['op-node', data.current ? 'is-current' : '', selected ? 'is-selected' : '', data.problem !== null ? 'has-problem' : '', data.output ? 'is-output' : ''];
  const count = data.ports.length;
  const height = Math.max(84, 22 * count + 16);
  return (
    <div className={classes.join(' ')} style={{ minHeight: height }} title={def.doc}>
      {data.ports.map((port, k) => (
        <Handle
          key={k}
          id={`in${k}`}
          type="target"
          position={Position.Left}
          className={port.connected ? 'port is-connected' : 'port'}
          style={{ top: portTop(k, count, height) }}
          aria-label={`input ${port.label || k + 1} of ${data.name}`}
        >
          {port.label !== '' && <span className="port-label">{port.label}</span>}
        </Handle>
      ))}
      <div className="op-head">
        <span className="op-symbol">{def.symbol}</span>
        <span className="op-name" title={id}>{data.name}{data.output ? ' · out' : ''}</span>
      </div>
      {data.leafValue !== null && (
        <NumberField label={`value of ${data.name}`} value={data.leafValue} onNumber={(v) => setValue(id, v)} />
      )}
      {def.params.map((p, k) => p.kind === 'number' ? (
        <NumberField key={p.name} label={`${p.name} of ${data.name}`} prefix={`${p.name} =`} value={Number(data.params[k])} onNumber={(v) => setParam(id, p.name, v)} />
      ) : (
        <select key={p.name} className="nodrag param-choice" aria-label={`${p.name} of ${data.name}`} value={String(data.params[k])} onChange={(e) => setParam(id, p.name, e.target.value)}>
          {p.choices.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      ))}
      <div className="op-numbers">
        <span className="op-value" data-value={data.value === null ? undefined : full(data.value)}>{data.value === null ? ' ' : fmt(data.value)}</span>
        <span className="op-grad" data-grad={data.grad === null ? undefined : full(data.grad)} title={data.gradNote ?? undefined}>
          {data.grad === null ? ' ' : `∇ ${fmt(data.grad)}`}
          {data.gradNote !== null && <small className="op-fanout"> Σ {data.gradNote}</small>}
        </span>
      </div>
      {data.problem !== null && <div className="op-problem" title={data.problem} role="note">⚠ {shortProblem(data.problem)}</div>}
      <Handle id="out" type="source" position={Position.Right} className="port port-out" aria-label={`output of ${data.name}`} />
    </div>
  );
}

/** A few words for the node; the full message is in the tooltip and the inspector. */
function shortProblem(message: string): string {
  if (/has no edge/.test(message)) return 'unconnected input';
  if (/has value/.test(message)) return 'not a finite number';
  if (/gradient/.test(message)) return 'non-finite gradient';
  if (/layer operator/.test(message)) return 'layer: compile as network';
  if (/ambiguous/.test(message)) return 'which is the output?';
  return message.length > 28 ? `${message.slice(0, 27)}…` : message;
}

/** Memoised so only nodes whose data changed re-render. */
export const OpNode = memo(OpNodeView);
