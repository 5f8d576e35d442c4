/** The toolbar's "Fuse into gate" and "Unfuse" actions on the editor's selection. */
import { useTranslation } from 'react-i18next';
import { errorLine, i18n } from '../i18n';
import { useEditor } from '../store';
import { unfuseGate } from '../../core/graph/fuse';
import { fuseSelection } from './fuse';

function fuse(): void {
  const { graph, selectedNodes, commit, select, say } = useEditor.getState();
  try {
    const result = fuseSelection(graph, selectedNodes);
    commit(result.graph);
    select(result.gateId === '' ? [] : [result.gateId], []);
    say('info', i18n.t('fuse.fused', { count: selectedNodes.length }));
  } catch (error) {
    say('error', errorLine(error));
  }
}

function unfuseSelected(gateIds: readonly string[]): void {
  const { graph, commit, select, say } = useEditor.getState();
  try {
    let next = graph;
    for (const id of gateIds) next = unfuseGate(next, id);
    commit(next);
    select([], []);
    say('info', i18n.t('fuse.unfused', { count: gateIds.length }));
  } catch (error) {
    say('error', errorLine(error));
  }
}

/** "Fuse into gate" for a selection of two or more nodes; "Unfuse" when selected nodes include gates. */
export function FuseButtons() {
  const count = useEditor((s) => s.selectedNodes.length);
  const gates = useEditor((s) => {
    const sel = new Set(s.selectedNodes);
    return s.graph.nodes.filter((n) => n.op === 'gate' && sel.has(n.id)).map((n) => n.id).join('\n');
  });
  const gateIds = gates === '' ? [] : gates.split('\n');
  const { t } = useTranslation();
  return (
    <div className="gf-fuse" role="group" aria-label={t('fuse.label')}>
      <button type="button" data-ui="fuse" disabled={count < 2} onClick={fuse}
        title={t('fuse.title')}>
        {t('fuse.fuse')}
      </button>
      {gateIds.length > 0 && (
        <button type="button" onClick={() => unfuseSelected(gateIds)} title={t('fuse.unfuseTitle')}>{t('fuse.unfuse')}</button>
      )}
    </div>
  );
}
