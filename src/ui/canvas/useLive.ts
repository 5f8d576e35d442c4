import { useLayoutEffect } from 'react';
import { useEditor, type EditorState } from '../store';

/**
 * Applies a slice of the store straight to the DOM whenever it changes, without re-rendering
 * (zustand's "transient updates"): a value edit on a 500-node graph rewrites a thousand labels, and
 * doing that through React renders would take several frames. `apply` writes only attributes and
 * text that React does not manage for that element, and (given the previous value) only what changed.
 */
export function useLive<T>(select: (state: EditorState) => T, apply: (value: T, previous: T | undefined) => void): void {
  useLayoutEffect(() => {
    let current = select(useEditor.getState());
    apply(current, undefined);
    return useEditor.subscribe((state) => {
      const next = select(state);
      if (next === current) return;
      const previous = current;
      current = next;
      apply(next, previous);
    });
    // The selector and writer close over an id and refs that are fixed for the component's life.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
}

/** Sets or removes an attribute; callers write only what changed, so the DOM is not read back to compare. */
export function setData(el: Element | null, name: string, value: string | undefined): void {
  if (el === null) return;
  if (value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** Sets an element's text if it differs, editing its text node in place (cheaper than replacing it). */
export function setText(el: Element | null, text: string): void {
  if (el === null) return;
  const node = el.firstChild;
  if (node !== null && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}
