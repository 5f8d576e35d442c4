import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Space between two groups (gap, separator padding and border in styles.css). */
const GROUP_GAP = 21;

/**
 * How many groups of the given widths (gaps included) fit on `lines` rows of `room` px when they wrap in
 * order, the first row starting `first` px in; when not all fit, the last row also holds a `more` px button.
 */
export function fitCount(widths: readonly number[], room: number, first: number, lines: number, more: number): number {
  const fill = (lastRoom: number): number => {
    let line = 1;
    let x = first;
    for (let k = 0; k < widths.length; k++) {
      const limit = line === lines ? lastRoom : room;
      if (x + widths[k] <= limit) {
        x += widths[k];
        continue;
      }
      if (line === lines) return k;
      line += 1;
      x = 0;
      k -= 1;
    }
    return widths.length;
  };
  const all = fill(room);
  return all === widths.length ? all : fill(room - more);
}

/**
 * How many of `ids` (in order) show in the toolbar `bar`, which wraps onto `lines` rows; the rest go to its
 * "More" menu. Each group's width is measured while it is shown and remembered, so a group in the menu
 * knows when it fits again. `fixed` holds the panel toggles at the start. Re-checks whenever anything resizes.
 */
export function useOverflow(ids: readonly string[], bar: RefObject<HTMLElement | null>, fixed: RefObject<HTMLElement | null>, more: RefObject<HTMLElement | null>, lines: number) {
  const [inline, setInline] = useState(ids.length);
  const widths = useRef(new Map<string, number>());
  const slots = useRef(new Map<string, HTMLElement>());

  const measure = useCallback(() => {
    const el = bar.current;
    if (el === null) return;
    for (const [id, slot] of slots.current) if (slot.isConnected && slot.offsetWidth > 0) widths.current.set(id, slot.offsetWidth);
    const style = getComputedStyle(el);
    const room = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const fit = fitCount(ids.map((id) => (widths.current.get(id) ?? 120) + GROUP_GAP), room, fixed.current?.offsetWidth ?? 0, lines, (more.current?.offsetWidth || 80) + GROUP_GAP);
    setInline((now) => (now === fit ? now : fit));
  }, [ids, bar, fixed, more, lines]);

  useLayoutEffect(() => {
    // A ResizeObserver reports every element once when observed (after layout, before paint), so this
    // also measures the first render; it runs after each render because groups change width (Unfuse).
    const observer = new ResizeObserver(() => measure());
    if (bar.current !== null) observer.observe(bar.current);
    for (const slot of slots.current.values()) observer.observe(slot);
    return () => observer.disconnect();
  });

  /** A ref callback for the slot of group `id`. */
  const slot = useCallback((id: string) => (el: HTMLElement | null) => {
    if (el === null) slots.current.delete(id);
    else slots.current.set(id, el);
  }, []);

  return { inline, slot };
}
