import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { OpName, Position } from '../core';
import { OpList } from '../palette/OpList';
import { firstMatch } from '../palette/filterOps';

interface Props {
  /** Where the box opens, relative to the canvas element. */
  at: Position;
  onPick: (op: OpName) => void;
  onClose: () => void;
}

/** The palette's search, opened by double-clicking the canvas; the chosen operator lands at that spot. */
export function QuickAdd({ at, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const { t } = useTranslation();
  return (
    <div className="quick-add nodrag nopan nowheel" style={{ left: at.x, top: at.y }} role="dialog" aria-label={t('canvas.addHere')}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <input
        autoFocus
        type="search"
        aria-label={t('canvas.search')}
        placeholder={t('canvas.addPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const op = firstMatch(query);
            if (op !== undefined) onPick(op);
          }
        }}
        onBlur={(e) => { if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) onClose(); }}
      />
      <div className="quick-add-list">
        <OpList query={query} onPick={onPick} />
      </div>
    </div>
  );
}
