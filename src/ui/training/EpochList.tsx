/** Per-epoch test accuracy, as network.py prints it: "Epoch k: correct / total". */
import { useTraining } from './store';

/** One line per finished epoch. */
export function EpochList() {
  const epochs = useTraining((s) => s.epochs);
  if (epochs.length === 0) return null;
  return (
    <ol className="gf-train-epochs" aria-label="Test accuracy per epoch" data-testid="epoch-list">
      {epochs.map((e) => (
        <li key={e.epoch} data-accuracy={e.testAccuracy}>
          <span>Epoch {e.epoch}: {e.correct.toLocaleString('en-US')} / {e.total.toLocaleString('en-US')}</span>
          <span className="gf-train-acc">{(e.testAccuracy * 100).toFixed(1)}%</span>
          <span className="gf-train-dim">loss {e.trainLoss.toPrecision(3)} · {e.seconds.toFixed(2)} s</span>
        </li>
      ))}
    </ol>
  );
}
