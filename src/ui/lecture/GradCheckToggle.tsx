/** The toolbar's "Gradient check" toggle. */
import './lecture.css';
import { useLecture } from './store';

/** Shows or hides the per-input gradient-check badges on the canvas. */
export function GradCheckToggle() {
  const on = useLecture((s) => s.gradCheck);
  return (
    <button type="button" aria-pressed={on} className={on ? 'is-on' : undefined}
      title="Compare each input's backprop gradient with a centred difference: good below 1e-7, acceptable up to 1e-4 near kinks, wrong above 1e-2"
      onClick={() => useLecture.setState({ gradCheck: !on })}>
      Gradient check
    </button>
  );
}
