import { useState } from 'react';
import { parseNumber } from '../format';

interface Props {
  label: string;
  value: number;
  prefix?: string;
  onNumber: (value: number) => void;
}

/** A number input that re-evaluates on every valid keystroke and keeps a half-typed "-" or "1e" as a draft. */
export function NumberField({ label, value, prefix, onNumber }: Props) {
  const [draft, setDraft] = useState(String(value));
  // An outside change (undo, paste, another panel) replaces the draft unless the draft already means it.
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (parseNumber(draft) !== value) setDraft(String(value));
  }
  const valid = parseNumber(draft) !== undefined;
  return (
    <label className="num-field nodrag">
      {prefix !== undefined && <span className="num-prefix">{prefix}</span>}
      <input
        className={valid ? 'nodrag nopan' : 'nodrag nopan is-invalid'}
        aria-label={label}
        aria-invalid={!valid}
        inputMode="decimal"
        spellCheck={false}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = parseNumber(e.target.value);
          if (v !== undefined) onNumber(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
          e.stopPropagation();
        }}
        onBlur={() => { if (!valid) setDraft(String(value)); }}
      />
    </label>
  );
}
