/** A grid of test digits with the network's predictions; wrong ones are marked. */
import { i18n } from '../i18n';
import { useTranslation } from 'react-i18next';
import { memo, useEffect, useRef, useState } from 'react';
import type { Digits } from '../../worker/protocol';
import { drawGrey, themeColor } from './pictures';
import { useTraining } from './store';

/** One digit drawn from `digits` at index k. */
const Digit = memo(function Digit({ digits, k }: { digits: Digits; k: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const label = digits.labels[k];
  const predicted = digits.predicted[k];
  const wrong = label !== predicted;
  useEffect(() => {
    if (canvas.current === null) return;
    const ink = themeColor(canvas.current, '--t-fg', [28, 28, 30]);
    const paper = themeColor(canvas.current, '--t-surface', [255, 255, 255]);
    drawGrey(canvas.current, digits.pixels, k * digits.side * digits.side, digits.side, ink, paper);
  }, [digits, k]);
  return (
    <li className={wrong ? 'gf-digit gf-digit-wrong' : 'gf-digit'} data-label={label} data-predicted={predicted} title={i18n.t('training.digitTitle', { label, predicted })}>
      <canvas ref={canvas} width={digits.side} height={digits.side} />
      <span>{wrong ? <>✗{predicted}<small>({label})</small></> : predicted}</span>
    </li>
  );
});

/** The digit grid with a switch between a spread of the test set and its first mistakes. */
export function DigitGrid() {
  const results = useTraining((s) => s.results);
  const { t } = useTranslation();
  const [view, setView] = useState<'all' | 'mistakes'>('all');
  // Only images have digits to show: a 2-D point or a CSV row is not a picture.
  if (results === null || results.grid.side < 8 || results.grid.side ** 2 * results.grid.count !== results.grid.pixels.length) return null;
  const digits = view === 'all' ? results.grid : results.mistakes;
  let wrong = 0;
  for (let k = 0; k < digits.count; k++) if (digits.labels[k] !== digits.predicted[k]) wrong++;
  return (
    <section className="gf-train-digits" aria-label={t('training.testDigits')}>
      <header className="gf-train-row">
        <h3>{t('training.testDigits')}</h3>
        <div role="group" aria-label={t('training.whichDigits')} className="gf-seg">
          <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')}>{t('training.sample')}</button>
          <button type="button" aria-pressed={view === 'mistakes'} onClick={() => setView('mistakes')}>{t('training.mistakes')}</button>
        </div>
        <span className="gf-train-dim">{t('training.wrong', { wrong, count: digits.count })}</span>
      </header>
      <ul className="gf-digit-grid" data-testid="digit-grid">
        {Array.from({ length: digits.count }, (_, k) => <Digit key={k} digits={digits} k={k} />)}
      </ul>
    </section>
  );
}
