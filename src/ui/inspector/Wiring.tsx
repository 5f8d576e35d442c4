import { useTranslation } from 'react-i18next';
import { portCount, portName } from '../core';
import { useEditor } from '../store';
import { nodeName } from '../names';

/** Wiring by keyboard: each input port of the node, with its source (disconnect) or a list to connect one. */
export function Wiring({ nodeId }: { nodeId: string }) {
  const graph = useEditor((s) => s.graph);
  const { t } = useTranslation();
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return null;
  const ports = portCount(graph, nodeId);
  if (ports === 0) return null;
  const { connect, remove } = useEditor.getState();
  const candidates = graph.nodes.filter((n) => n.id !== nodeId);
  return (
    <div className="wiring">
      <h3>{t('inspector.inputs')}</h3>
      {Array.from({ length: ports }, (_, port) => {
        const edge = graph.edges.find((e) => e.target === nodeId && e.targetPort === port);
        const name = portName(node.op, port);
        return (
          <div key={port} className="wiring-row">
            <span className="wiring-port">{name}</span>
            {edge !== undefined ? (
              <>
                <span>{nodeName(graph, edge.source)}</span>
                <button type="button" className="small" aria-label={t('inspector.disconnectInput', { port: name })} onClick={() => remove([], [edge.id])}>{t('inspector.disconnect')}</button>
              </>
            ) : (
              <select aria-label={t('inspector.connectInput', { port: name })} value="" onChange={(e) => { if (e.target.value !== '') connect(e.target.value, nodeId, port); }}>
                <option value="">{t('inspector.connectFrom')}</option>
                {candidates.map((n) => <option key={n.id} value={n.id}>{nodeName(graph, n.id)} ({n.op})</option>)}
              </select>
            )}
          </div>
        );
      })}
    </div>
  );
}
