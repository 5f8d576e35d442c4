/** The first layer's weights, one 28 x 28 picture per neuron: what each hidden unit looks for. */
import { i18n } from '../i18n';
import { useTranslation } from 'react-i18next';
import { memo, useEffect, useRef } from 'react';
import { drawSigned } from './pictures';
import { useTraining } from './store';

const SIDE = 28;

const Unit = memo(function Unit({ weights, j }: { weights: Float32Array; j: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    drawSigned(canvas.current, weights, j * SIDE * SIDE, SIDE);
  }, [weights, j]);
  return <canvas ref={canvas} width={SIDE} height={SIDE} title={i18n.t('training.neuron', { n: j + 1 })} />;
});

/** All first-layer neurons, when the network's inputs are 28 x 28 images. */
export function WeightImages() {
  const first = useTraining((s) => s.results?.firstLayer ?? null);
  const { t } = useTranslation();
  if (first === null) return null;
  return (
    <section className="gf-train-weights" aria-label={t('training.firstLayer')}>
      <h3>{t('training.firstLayer')} <span className="gf-train-dim">{t('training.firstLayerNote', { count: first.units })}</span></h3>
      <div className="gf-weight-grid" data-testid="weight-images">
        {Array.from({ length: first.units }, (_, j) => <Unit key={j} weights={first.weights} j={j} />)}
      </div>
    </section>
  );
}
