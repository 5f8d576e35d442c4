/** The network's answer for the drawing: one bar per class, the winner highlighted. */
import { useTranslation } from 'react-i18next';

/** Ten horizontal bars with percentages. */
export function ProbabilityBars({ probabilities }: { probabilities: Float64Array }) {
  const { t } = useTranslation();
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
  return (
    <div className="gf-probs" data-testid="probabilities" data-predicted={best}>
      <p className="gf-probs-answer">
        {t('training.prediction')} <strong data-testid="pad-prediction">{best}</strong>{' '}
        <span className="gf-train-dim">{(probabilities[best] * 100).toFixed(0)}%</span>
      </p>
      <ol>
        {Array.from(probabilities, (p, i) => (
          <li key={i} className={i === best ? 'gf-prob-best' : undefined} data-class={i} data-probability={p}>
            <span className="gf-prob-label">{i}</span>
            <span className="gf-prob-track">
              <span className="gf-prob-bar" style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
            <span className="gf-prob-value">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
