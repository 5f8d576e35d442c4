import type { PointerEvent as ReactPointerEvent } from 'react';
import { OPS, type OpName } from '../core';
import { filterOps } from './filterOps';

interface Props {
  query: string;
  onPick: (op: OpName) => void;
  onPointerDown?: (event: ReactPointerEvent, op: OpName) => void;
}

/** The operators matching `query`, grouped as in the table; each a button named by its label with data-op. */
export function OpList({ query, onPick, onPointerDown }: Props) {
  const groups = filterOps(query);
  if (groups.length === 0) return <p className="muted palette-empty">No operator matches “{query}”.</p>;
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} className="palette-group" aria-label={group.title}>
          <h3>{group.title}</h3>
          <div className="palette-items">
            {group.ops.map((op) => (
              <button
                key={op}
                type="button"
                className="palette-item"
                data-op={op}
                aria-label={OPS[op].label}
                title={`${OPS[op].label}: ${OPS[op].doc}`}
                onClick={() => onPick(op)}
                onPointerDown={onPointerDown === undefined ? undefined : (e) => onPointerDown(e, op)}
              >
                <span className="palette-symbol">{OPS[op].symbol}</span>
                <span className="palette-label">{OPS[op].label}</span>
              </button>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
