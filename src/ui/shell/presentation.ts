import { useEffect } from 'react';
import { useEditor } from '../store';
import { passSteps } from '../store/phase';
import { useShell } from './layout';

/** True when the key press belongs to a text field, not to the presentation. */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The names of presentation mode's single keys, as the buttons' tooltips show them (the next-step keys are in the catalogs). */
export const PRESENT_KEYS = { enter: 'P', reset: 'Home', leave: 'Esc' } as const;

/** The next step of a lecture: finish a forward pass being stepped, else one more node of the backward pass. */
export function nextStep(): void {
  const s = useEditor.getState();
  const total = s.evaluation === undefined ? 0 : passSteps(s.evaluation).forward.length;
  if (s.phase.kind === 'forward' && s.phase.done < total) s.stepForward();
  else s.stepBackward();
}

/** Refits once the layout has settled: the canvas changes size when the toolbar and panels come or go. */
const refitAfterLayout = (): void => {
  requestAnimationFrame(() => requestAnimationFrame(() => useEditor.getState().requestFit()));
};

/** Starts or ends presentation mode; the canvas refits to the larger type. */
export function setPresenting(on: boolean): void {
  if (useShell.getState().presenting === on) return;
  useShell.setState({ presenting: on, drawer: undefined });
  refitAfterLayout();
}

/** Keyboard of presentation mode: P starts it; while on, Space/→/Page Down step, Home resets, Esc leaves. */
export function usePresentationKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const presenting = useShell.getState().presenting;
      if (!presenting) {
        if (e.key.toLowerCase() === 'p' && !e.shiftKey) {
          e.preventDefault();
          setPresenting(true);
        }
        return;
      }
      let handled = true;
      if (e.key === 'Escape') setPresenting(false);
      else if (e.key === ' ' || e.key === 'ArrowRight' || e.key === 'PageDown') nextStep();
      else if (e.key === 'Home') useEditor.getState().resetSteps();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
