/** ConvNetJS-style views of an image network: one test image through every layer (feature maps) and the learned conv filters. */
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterView, LayerView } from '../../worker/protocol';
import { inspectTestImage } from './connection';
import { drawSigned } from './pictures';
import { useTraining } from './store';

/** One square map (a channel of a layer, or one filter's channel), diverging colours around 0. */
const Map = memo(function Map({ values, offset, side, title }: { values: Float32Array; offset: number; side: number; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    drawSigned(canvas.current, values, offset, side);
  }, [values, offset, side]);
  return <canvas ref={canvas} width={side} height={side} title={title} style={{ width: `${Math.max(24, Math.min(56, side * 2))}px` }} />;
});

/** A layer's channels as small images; a vector layer (dense, softmax) as its numbers' count. */
function LayerRow({ view }: { view: LayerView }) {
  const { t } = useTranslation();
  const square = view.height === view.width && view.height > 1;
  return (
    <li className="gf-layer-row" data-node-id={view.nodeId}>
      <span className="gf-layer-name">{view.op} <code>{view.nodeId}</code> <span className="gf-train-dim">{view.channels}x{view.height}x{view.width}</span></span>
      {square ? (
        <div className="gf-layer-maps" data-testid={`maps-${view.nodeId}`}>
          {Array.from({ length: view.channels }, (_, c) => (
            <Map key={c} values={view.values} offset={c * view.height * view.width} side={view.width} title={t('training.channelTitle', { id: view.nodeId, channel: c + 1 })} />
          ))}
        </div>
      ) : (
        <span className="gf-train-dim">{t('training.vectorOf', { count: view.values.length })}</span>
      )}
    </li>
  );
}

/** One conv layer's filters, one row per filter, one small image per input channel. */
function Filters({ filters }: { filters: FilterView }) {
  const { kernel, channels } = filters;
  const shown = Math.min(channels, 8);
  const { t } = useTranslation();
  const names = { id: filters.nodeId, filters: filters.filters, kernel, channels, shown };
  const heading = channels === 1 ? t('training.filterHeading', names) : shown < channels ? t('training.filterChannelsFirst', names) : t('training.filterChannels', names);
  return (
    <div className="gf-filters" data-testid={`filters-${filters.nodeId}`}>
      <h4>{heading}</h4>
      <div className="gf-filter-grid" style={{ gridTemplateColumns: `repeat(${shown}, auto)` }}>
        {Array.from({ length: filters.filters }, (_, f) =>
          Array.from({ length: shown }, (_, c) => (
            <Map key={`${f}-${c}`} values={filters.weights} offset={(f * channels + c) * kernel * kernel} side={kernel} title={t('training.filterTitle', { filter: f + 1, channel: c + 1 })} />
          )))}
      </div>
    </div>
  );
}

/** The test image's number: typed freely, asked for on Enter or when the field loses focus. */
function IndexField({ index, max, label, onIndex }: { index: number; max: number; label: string; onIndex: (index: number) => void }) {
  const [draft, setDraft] = useState(String(index));
  const commit = (): void => {
    const v = Number(draft);
    if (draft.trim() !== '' && Number.isInteger(v) && v !== index) onIndex(v);
    else setDraft(String(index));
  };
  return <input type="number" min="0" max={max} value={draft} aria-label={label} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />;
}

/** The layer views of the latest results, with a chooser for the test image. */
export function LayerViews() {
  const views = useTraining((s) => s.results?.layers ?? null);
  const total = useTraining((s) => s.results?.total ?? 0);
  const { t } = useTranslation();
  if (views === null) return null;
  const go = (index: number): void => inspectTestImage(Math.max(0, Math.min(total - 1, index)));
  return (
    <section className="gf-train-layers" aria-label={t('training.insideLabel')} data-testid="layer-views" data-index={views.index}>
      <header className="gf-train-row">
        <h3>{t('training.inside')}</h3>
        <div role="group" aria-label={t('training.testImage')} className="gf-seg">
          <button type="button" aria-label={t('training.previousImage')} onClick={() => go(views.index - 1)} disabled={views.index === 0}>‹</button>
          <label className="gf-layer-index">
            <span>{t('training.testImageWord')}</span>
            <IndexField key={views.index} index={views.index} max={total - 1} label={t('training.testImageNumber')} onIndex={go} />
          </label>
          <button type="button" aria-label={t('training.nextImage')} onClick={() => go(views.index + 1)} disabled={views.index >= total - 1}>›</button>
        </div>
        <span className="gf-train-dim" data-testid="inspected">{t('training.digitTitle', { label: views.label, predicted: views.predicted })}</span>
      </header>
      <ul className="gf-layer-list">
        <LayerRow view={views.input} />
        {views.outputs.map((v) => <LayerRow key={v.nodeId} view={v} />)}
      </ul>
      {views.filters.length > 0 && (
        <section className="gf-train-filters" aria-label={t('training.filters')}>
          <h3>{t('training.filters')} <span className="gf-train-dim">{t('training.filtersNote')}</span></h3>
          {views.filters.map((f) => <Filters key={f.nodeId} filters={f} />)}
        </section>
      )}
    </section>
  );
}
