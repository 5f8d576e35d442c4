/** The 10 x 10 confusion matrix of the test set: rows are true labels, columns predictions, shaded by share. */
import { useTranslation } from 'react-i18next';
import { useTraining } from './store';

const CLASSES = Array.from({ length: 10 }, (_, i) => i);

/** A shaded table; the diagonal (correct) in the value colour, mistakes in the gradient colour. */
export function ConfusionMatrix() {
  const results = useTraining((s) => s.results);
  const { t } = useTranslation();
  if (results === null) return null;
  const m = results.confusion;
  const rowTotal = CLASSES.map((r) => CLASSES.reduce((sum, c) => sum + m[r * 10 + c], 0));
  return (
    <section className="gf-train-confusion" aria-label={t('training.confusion')}>
      <h3>{t('training.confusion')} <span className="gf-train-dim">{t('training.correct', { correct: results.correct.toLocaleString('en-US'), total: results.total.toLocaleString('en-US') })}</span></h3>
      <p className="gf-cm-axes gf-train-dim">{t('training.axes')}</p>
      <table data-testid="confusion-matrix">
        <thead>
          <tr>
            <th scope="col" className="gf-cm-corner"><span className="gf-sr">{t('training.corner')}</span></th>
            {CLASSES.map((c) => <th key={c} scope="col">{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {CLASSES.map((r) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {CLASSES.map((c) => {
                const n = m[r * 10 + c];
                const share = rowTotal[r] > 0 ? n / rowTotal[r] : 0;
                // Mistakes are rare, so they are shaded on a stretched scale to stay visible.
                const alpha = r === c ? share : Math.min(1, Math.sqrt(share) * 1.5);
                return (
                  <td
                    key={c}
                    className={r === c ? 'gf-cm-hit' : 'gf-cm-miss'}
                    style={{ '--share': alpha.toFixed(3) } as React.CSSProperties}
                    title={t('training.cell', { count: n, label: r, predicted: c, share: (share * 100).toFixed(1) })}
                  >
                    {n > 0 ? n : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
