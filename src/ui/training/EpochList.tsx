/** Per-epoch test accuracy, as network.py prints it: "Epoch k: correct / total". */
import { useTranslation } from 'react-i18next';
import { useTraining } from './store';

/** One line per finished epoch. */
export function EpochList() {
  const epochs = useTraining((s) => s.epochs);
  const { t } = useTranslation();
  if (epochs.length === 0) return null;
  return (
    <ol className="gf-train-epochs" aria-label={t('training.perEpoch')} data-testid="epoch-list">
      {epochs.map((e) => (
        <li key={e.epoch} data-accuracy={e.testAccuracy}>
          <span>{t('training.epochLine', { epoch: e.epoch, correct: e.correct.toLocaleString('en-US'), total: e.total.toLocaleString('en-US') })}</span>
          <span className="gf-train-acc">{(e.testAccuracy * 100).toFixed(1)}%</span>
          <span className="gf-train-dim">{t('training.epochLoss', { loss: e.trainLoss.toPrecision(3), seconds: e.seconds.toFixed(2) })}</span>
        </li>
      ))}
    </ol>
  );
}
