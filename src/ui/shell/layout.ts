import { useSyncExternalStore } from 'react';
import { create } from 'zustand';

/** Below this width (px) the side columns become drawers over a full-width canvas (styles.css agrees). */
export const NARROW_PX = 700;
const NARROW_QUERY = `(max-width: ${NARROW_PX}px)`;

/** The app shell's view state: which side columns show, which drawer is open on a phone, presentation mode. */
export interface ShellState {
  /** Wide screens: the palette column is shown (it can be collapsed). */
  palette: boolean;
  /** Wide screens: the side panel column is shown. */
  panel: boolean;
  /** Narrow screens: the one drawer open over the canvas, if any. */
  drawer: 'palette' | 'panel' | undefined;
  /** Presentation mode: toolbar and panels hidden, larger type, keyboard stepping. */
  presenting: boolean;
}

/** The shell's state; view state only, so it lives apart from the editor store and is not autosaved. */
export const useShell = create<ShellState>(() => ({ palette: true, panel: true, drawer: undefined, presenting: false }));

/** True on a narrow (phone) screen. */
export const isNarrow = (): boolean => typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches;

function subscribeNarrow(onChange: () => void): () => void {
  const query = matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Re-renders when the screen crosses the narrow breakpoint. */
export const useNarrow = (): boolean => useSyncExternalStore(subscribeNarrow, isNarrow, () => false);

/** Shows or hides a side column: a drawer on a narrow screen, a collapsible column otherwise. */
export function toggleSide(side: 'palette' | 'panel'): void {
  useShell.setState((s) => (isNarrow() ? { drawer: s.drawer === side ? undefined : side } : { [side]: !s[side] }));
}
