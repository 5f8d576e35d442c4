/** A labelled number field that keeps what is typed and reports only valid numbers. */
import { useState } from 'react';

/** Props of NumberInput. */
export interface NumberInputProps {
  label: string;
  value: number;
  /** The number a text stands for, or undefined when it is not acceptable. */
  parse: (text: string) => number | undefined;
  onValue: (v: number) => void;
  title?: string;
  width?: string;
}

/** An input that turns red while its text is not a valid number, and keeps the last valid one. */
export function NumberInput({ label, value, parse, onValue, title, width = '5.5em' }: NumberInputProps) {
  const [text, setText] = useState(String(value));
  const bad = parse(text) === undefined;
  return (
    <label className="gf-lecture-field" title={title}>
      <span>{label}</span>
      <input type="text" inputMode="decimal" value={text} aria-invalid={bad} style={{ width }}
        onChange={(e) => {
          setText(e.target.value);
          const v = parse(e.target.value);
          if (v !== undefined) onValue(v);
        }} />
    </label>
  );
}
