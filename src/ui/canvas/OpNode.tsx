import { i18n } from '../i18n';
import { memo, useRef, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { OPS } from '../core';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import { GradCheckBadge } from '../lecture/GradCheckBadge';
import { nodeMinHeight, portTop } from './geometry';
import { NumberField } from './NumberField';
import type { NodeNumbers } from '../store/annotate';
import type { OpFlowNode } from './toFlow';
import { setData, setText, useLive } from './useLive';
import { useHandleRefresh } from './useHandleRefresh';

const NO_NUMBERS: NodeNumbers = { leafValue: null, value: null, grad: null, gradNote: null, problem: null, problemShort: null, output: false, current: false };

/** A computational-graph node: operator symbol, editable value or params, value (green) and gradient (red). */
function OpNodeView({ id, data, selected }: NodeProps<OpFlowNode>) {
  const def = OPS[data.op];
  // Actions are read when used, not subscribed to: hundreds of nodes need not listen for them.
  const { setValue, setParam } = useEditor.getState();
  // Highlights follow the numbers and are written live, so a value edit re-renders no node.
  const rootRef = useRef<HTMLDivElement>(null);
  useLive((s) => s.annotations.nodes.get(id), (n: NodeNumbers | undefined, was: NodeNumbers | undefined) => {
    if (was !== undefined && n !== undefined && was.current === n.current && (was.problem === null) === (n.problem === null) && was.output === n.output) return;
    setData(rootRef.current, 'data-current', n?.current === true ? '' : undefined);
    setData(rootRef.current, 'data-problem', n !== undefined && n.problem !== null ? '' : undefined);
    setData(rootRef.current, 'data-output', n?.output === true ? '' : undefined);
  });
  const classes = ['op-node', selected ? 'is-selected' : ''];
  const count = data.ports.length;
  useHandleRefresh(id, count);
  const height = nodeMinHeight(count);
  return (
    <div ref={rootRef} className={classes.join(' ')} style={{ minHeight: height }} title={i18n.t(`ops.${data.op}.doc`)}>
      {data.ports.map((port, k) => (
        <Handle
          key={k}
          id={`in${k}`}
          type="target"
          position={Position.Left}
          className={port.connected ? 'port is-connected' : 'port'}
          style={{ top: portTop(k, count, height) }}
          aria-label={i18n.t('canvas.inputOf', { port: port.label || k + 1, node: data.name })}
        >
          {port.label !== '' && <span className="port-label">{port.label}</span>}
        </Handle>
      ))}
      <div className={def.leaf ? 'op-head is-leaf' : 'op-head'}>
        {/* A variable is its name; an operator shows its symbol and, smaller, its name. */}
        <span className="op-symbol">{def.leaf ? data.name : data.symbol}</span>
        <span className="op-name" title={id}>{def.leaf ? i18n.t(`ops.${data.op}.label`).toLowerCase() : data.name}</span>
      </div>
      {data.hasValue && <LeafValue id={id} name={data.name} onNumber={(v) => setValue(id, v)} />}
      {def.params.map((p, k) => p.kind === 'number' ? (
        <NumberField key={p.name} label={i18n.t('canvas.paramOf', { param: p.name, node: data.name })} prefix={`${p.name} =`} value={Number(data.params[k])} rule={{ finite: true, integer: p.integer, min: p.min }} onNumber={(v) => setParam(id, p.name, v)} />
      ) : p.kind === 'shape' ? (
        <ShapeField key={`${p.name}:${String(data.params[k])}`} label={i18n.t('canvas.paramOf', { param: p.name, node: data.name })} name={p.name} text={String(data.params[k])} onShape={(dims) => setParam(id, p.name, dims)} />
      ) : (
        <select key={p.name} className="nodrag param-choice" aria-label={i18n.t('canvas.paramOf', { param: p.name, node: data.name })} value={String(data.params[k])} onChange={(e) => setParam(id, p.name, e.target.value)}>
          {p.choices.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      ))}
      <Readout id={id} symbol={def.leaf ? data.name : data.symbol} />
      <GradCheckBadge id={id} op={data.op} />
      <Handle id="out" type="source" position={Position.Right} className="port port-out" aria-label={i18n.t('canvas.outputOf', { node: data.name })} />
    </div>
  );
}

/**
 * The node's value (green), gradient (red) and problem, written live from the store (see useLive); and the
 * compact face drawn instead of the details when zoomed out (styles.css shows it by the canvas's data-lod).
 */
const Readout = memo(function Readout({ id, symbol }: { id: string; symbol: string }) {
  const valueRef = useRef<HTMLSpanElement>(null);
  const gradRef = useRef<HTMLSpanElement>(null);
  const compactValueRef = useRef<HTMLSpanElement>(null);
  const compactGradRef = useRef<HTMLSpanElement>(null);
  const gradTextRef = useRef<HTMLSpanElement>(null);
  const noteRef = useRef<HTMLElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  useLive((s) => s.annotations.nodes.get(id), (found: NodeNumbers | undefined, previous: NodeNumbers | undefined) => {
    const n = found ?? NO_NUMBERS;
    const was = previous;
    const changed = <K extends keyof NodeNumbers>(k: K): boolean => was === undefined || !Object.is(was[k], n[k]);
    if (changed('value')) {
      setData(valueRef.current, 'data-value', n.value === null ? undefined : full(n.value));
      setText(valueRef.current, n.value === null ? ' ' : fmt(n.value));
      setText(compactValueRef.current, n.value === null ? '' : fmt(n.value));
    }
    if (changed('grad') || changed('gradNote')) {
      setData(gradRef.current, 'data-grad', n.grad === null ? undefined : full(n.grad));
      setData(gradRef.current, 'title', n.gradNote ?? undefined);
      setText(gradTextRef.current, n.grad === null ? ' ' : `∇ ${fmt(n.grad)}`);
      setText(noteRef.current, n.gradNote === null ? '' : ` Σ ${n.gradNote}`);
      setText(compactGradRef.current, n.grad === null ? '' : `∇ ${fmt(n.grad)}`);
    }
    const problem = problemRef.current;
    if (problem !== null && changed('problem')) {
      problem.hidden = n.problem === null;
      setData(problem, 'title', n.problem ?? undefined);
      setText(problem, n.problemShort === null ? '' : `⚠ ${n.problemShort}`);
    }
  });
  return (
    <>
      <div className="op-numbers">
        <span ref={valueRef} className="op-value" />
        <span ref={gradRef} className="op-grad"><span ref={gradTextRef} /><small ref={noteRef} className="op-fanout" /></span>
      </div>
      <div ref={problemRef} className="op-problem" role="note" hidden />
      {/* Hidden from assistive technology: it repeats the details above in larger type. */}
      <div className="op-compact" aria-hidden>
        <span className="op-compact-symbol">{symbol}</span>
        <span ref={compactValueRef} className="op-compact-value" />
        <span ref={compactGradRef} className="op-compact-grad" />
      </div>
    </>
  );
});

/** The value field of an input or const node: the only part of a node a value edit re-renders. */
function LeafValue({ id, name, onNumber }: { id: string; name: string; onNumber: (v: number) => void }) {
  const value = useEditor((s) => s.annotations.nodes.get(id)?.leafValue ?? null);
  return value === null ? null : <NumberField label={i18n.t('canvas.valueOf', { node: name })} value={value} onNumber={onNumber} />;
}

/** Memoised so only nodes whose data changed re-render. */
export const OpNode = memo(OpNodeView);

/** A shape such as 1x28x28, committed on Enter or blur when every part is a whole number >= 1. */
function ShapeField({ label, name, text, onShape }: { label: string; name: string; text: string; onShape: (dims: number[]) => void }) {
  // Keyed by the committed text, so an undo or a file load starts a fresh draft.
  const [draft, setDraft] = useState(text);
  const commit = (): void => {
    const dims = draft.split(/[x×, ]+/).filter((t) => t !== '').map(Number);
    if ((dims.length === 1 || dims.length === 3) && dims.every((d) => Number.isInteger(d) && d >= 1)) onShape(dims);
    else setDraft(text);
  };
  return (
    <label className="nodrag param-shape">
      <span>{name} =</span>
      <input aria-label={label} value={draft} placeholder="C x H x W" size={8} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
    </label>
  );
}
