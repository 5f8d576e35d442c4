import type { PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPS, type OpName } from '../core';
import { filterOps } from './filterOps';

interface Props {
  query: string;
  onPick: (op: OpName) => void;
  onPointerDown?: (event: ReactPointerEvent, op: OpName) => void;
}

/** The operators matching `query`, grouped as in the table; each a button named by its label with data-op. */
export function OpList({ query, onPick, onPointerDown }: Props) {
  const { t } = useTranslation();
  const groups = filterOps(query);
  if (groups.length === 0) return <p className="muted palette-empty">{t('palette.noMatch', { query })}</p>;
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} className="palette-group" aria-label={t(`opGroups.${group.id}`)}>
          <h3>{t(`opGroups.${group.id}`)}</h3>
          <div className="palette-items">
            {group.ops.map((op) => (
              <button
                key={op}
                type="button"
                className="palette-item"
                data-op={op}
                // A long symbol (softmax, softplus) takes the row: in half of it, symbol and name would both be cut.
                data-wide={OPS[op].symbol.length > 5 ? '' : undefined}
                aria-label={t(`ops.${op}.label`)}
                title={`${t(`ops.${op}.label`)}: ${t(`ops.${op}.doc`)}`}
                onClick={() => onPick(op)}
                onPointerDown={onPointerDown === undefined ? undefined : (e) => onPointerDown(e, op)}
              >
                <span className="palette-symbol">{OPS[op].symbol}</span>
                <span className="palette-label">{t(`ops.${op}.label`)}</span>
              </button>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
