import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { OPS, type OpName, type Position } from '../core';
import { useEditor } from '../store';
import { firstMatch } from './filterOps';
import { OpList } from './OpList';
import { canvasCentre, centred } from './placement';
import { usePaletteDrag } from './usePaletteDrag';

/** The operator palette: grouped, filterable; drag an item onto the canvas, or click / Enter to add it in view. */
export function Palette() {
  const [query, setQuery] = useState('');
  const { t } = useTranslation();
  const addNode = useEditor((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const dropAt = useCallback((op: OpName, screen: Position) => {
    addNode(op, centred(screenToFlowPosition(screen)));
  }, [addNode, screenToFlowPosition]);
  const { ghost, onPointerDown, consumeClick } = usePaletteDrag(dropAt);
  const addInView = (op: OpName) => {
    if (consumeClick()) return;
    const k = useEditor.getState().graph.nodes.length;
    addNode(op, screenToFlowPosition(canvasCentre(k)));
  };
  return (
    <aside className="palette" id="palette" aria-label={t('palette.label')}>
      <input
        className="palette-filter"
        type="search"
        placeholder={t('palette.filterPlaceholder')}
        aria-label={t('palette.filter')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const op = firstMatch(query);
            if (op !== undefined) addInView(op);
          }
        }}
      />
      <div className="palette-list">
        <OpList query={query} onPick={addInView} onPointerDown={onPointerDown} />
      </div>
      <p className="palette-hint muted">{t('palette.hint')}</p>
      {ghost !== undefined && (
        <div className="palette-ghost" style={{ left: ghost.x, top: ghost.y }} aria-hidden>
          <span className="palette-symbol">{OPS[ghost.op].symbol}</span> {t(`ops.${ghost.op}.label`)}
        </div>
      )}
    </aside>
  );
}
