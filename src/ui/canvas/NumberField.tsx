import { useId, useMemo, useRef, useState } from 'react';
import { numberRefusal, readNumber, type NumberRule } from '../core';
import { problemText } from '../../i18n/refusals';
import { t } from '../../i18n';
import { useEditor } from '../store';
import './numberField.css';

interface Props {
  label: string;
  value: number;
  prefix?: string;
  /** What the number must also be (a parameter: finite, whole, at least its minimum). */
  rule?: NumberRule;
  onNumber: (value: number) => void;
}

/** The number a draft means under `rule`, or why it means none. */
function read(draft: string, rule: NumberRule | undefined): { value: number } | { message: string } {
  const reading = readNumber(draft);
  // The core's sentence worded in the language shown.
  if (!reading.ok) return { message: problemText(reading) };
  const problem = rule === undefined ? undefined : numberRefusal(reading.value, rule);
  return problem === undefined ? { value: reading.value } : { message: problemText({ message: problem.text, reason: problem.reason }) };
}

/**
 * A number input that re-evaluates on every keystroke that means a number: `-2`, `1/3`, `pi/4`, `2^10`
 * (read by the core's readNumber). While the text means none, the node keeps the value it had before
 * the typing began (never a half-typed prefix such as 1e40 on the way to 1e400) and the field says why;
 * leaving it then restores the text and says so in the status line.
 */
export function NumberField({ label, value, prefix, rule, onNumber }: Props) {
  const [draft, setDraft] = useState(String(value));
  // An outside change (undo, paste, another panel) replaces the draft unless the draft already means it.
  const [seen, setSeen] = useState(value);
  // The number this field itself last sent (its own going back to `origin` is no outside change).
  const [sent, setSent] = useState<number | undefined>(undefined);
  // Parsed once per draft, not on every render: a big graph renders many fields.
  const reading = useMemo(() => read(draft, rule), [draft, rule]);
  if (!Object.is(seen, value)) {
    setSeen(value);
    // Our own number is acknowledged once; after that the same value arriving again (Redo) is an outside change.
    const own = sent !== undefined && Object.is(sent, value);
    if (own) setSent(undefined);
    else if (!('value' in reading) || !Object.is(reading.value, value)) setDraft(String(value));
  }
  // The value when the typing began: what the node goes back to while the text means no number.
  const origin = useRef(value);
  const messageId = useId();
  const invalid = 'message' in reading;
  return (
    <label className="num-field nodrag">
      {prefix !== undefined && <span className="num-prefix">{prefix}</span>}
      <input
        className={invalid ? 'nodrag nopan is-invalid' : 'nodrag nopan'}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? messageId : undefined}
        inputMode="decimal"
        spellCheck={false}
        value={draft}
        title={!invalid && String(reading.value) !== draft.trim() ? `= ${reading.value}` : undefined}
        onFocus={() => { origin.current = value; }}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = read(e.target.value, rule);
          const number = 'value' in next ? next.value : origin.current;
          setSent(number);
          if (!Object.is(value, number)) onNumber(number);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
          e.stopPropagation();
        }}
        onBlur={() => {
          if (!invalid) return;
          useEditor.getState().say('error', t('valueField.notChanged', { text: draft.trim().slice(0, 40), why: reading.message, label, value }));
          setDraft(String(value));
        }}
      />
      {invalid && <span className="num-error" id={messageId} aria-live="polite">{reading.message}</span>}
    </label>
  );
}
