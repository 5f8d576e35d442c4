import { useEditor } from '../store';
import { SHORTCUTS } from '../canvas/useShortcuts';

/** "Step forward", "Step backward", "Run backward" and "Reset", with their shortcuts in the tooltips. */
export function StepButtons() {
  const s = useEditor.getState();
  const phase = useEditor((st) => st.phase);
  const stepping = phase.kind !== 'values';
  return (
    <div className="toolbar-group step-buttons" role="group" aria-label="Stepping">
      <button type="button" data-ui="step-forward" title={`Step forward (${SHORTCUTS.stepForward}): reveal one node's value`} onClick={s.stepForward}>
        <span aria-hidden className="icon">▸</span>Step forward
      </button>
      <button type="button" data-ui="step-backward" className="accent" title={`Step backward (${SHORTCUTS.stepBackward}): one node of the backward pass`} onClick={s.stepBackward}>
        <span aria-hidden className="icon">◂</span>Step backward
      </button>
      <button type="button" data-ui="run-backward" title={`Run backward (${SHORTCUTS.runBackward}): the whole backward pass`} onClick={s.runBackward}>
        <span aria-hidden className="icon">◂◂</span>Run backward
      </button>
      <button type="button" data-ui="reset-steps" title={`Reset (${SHORTCUTS.reset}): values only, no gradients`} onClick={s.resetSteps} disabled={!stepping}>
        Reset
      </button>
    </div>
  );
}
