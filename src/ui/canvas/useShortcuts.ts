import { useEffect } from 'react';
import { useEditor } from '../store';

/** True when the key press belongs to a text field, not to the editor. */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The shortcuts, also shown in the buttons' tooltips. */
export const SHORTCUTS = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z or Ctrl+Y',
  stepForward: 'F',
  stepBackward: 'B',
  runBackward: 'Shift+B',
  reset: 'R',
  copy: 'Ctrl+C',
  paste: 'Ctrl+V',
  duplicate: 'Ctrl+D',
  delete: 'Delete or Backspace',
} as const;

/** Global editor shortcuts: undo/redo, copy/paste/duplicate and stepping (ignored while typing in a field). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey) return;
      const s = useEditor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      // Copy and paste only take over when there are nodes to copy and no page text is selected.
      else if (mod && key === 'c') {
        if (s.selectedNodes.length === 0 || (window.getSelection()?.toString() ?? '') !== '') handled = false;
        else s.copy();
      } else if (mod && key === 'v') {
        if (s.clipboard === undefined) handled = false;
        else s.paste();
      } else if (mod && key === 'd') s.duplicate();
      else if (mod) handled = false;
      else if (key === 'f') s.stepForward();
      else if (key === 'b' && e.shiftKey) s.runBackward();
      else if (key === 'b') s.stepBackward();
      else if (key === 'r') s.resetSteps();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
