import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { OpName, Position } from '../core';
import { canvasElement } from './placement';

/** A palette item being dragged: which operator, and where the pointer is. */
export interface Ghost {
  op: OpName;
  x: number;
  y: number;
}

const THRESHOLD = 5;

/**
 * Dragging from the palette with pointer events (mouse, pen, touch alike): past a few pixels a
 * ghost follows the pointer; releasing over the canvas calls `onDrop` with the screen point.
 * A press without movement stays a click.
 */
export function usePaletteDrag(onDrop: (op: OpName, screen: Position) => void) {
  const [ghost, setGhost] = useState<Ghost | undefined>(undefined);
  const suppressClick = useRef(false);

  const onPointerDown = useCallback((event: ReactPointerEvent, op: OpName) => {
    if (event.button !== 0) return;
    const start = { x: event.clientX, y: event.clientY };
    let dragging = false;
    suppressClick.current = false;
    const move = (e: PointerEvent) => {
      if (!dragging && Math.hypot(e.clientX - start.x, e.clientY - start.y) < THRESHOLD) return;
      dragging = true;
      setGhost({ op, x: e.clientX, y: e.clientY });
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      setGhost(undefined);
      if (!dragging) return;
      suppressClick.current = true;
      const canvas = canvasElement();
      const under = document.elementFromPoint(e.clientX, e.clientY);
      if (canvas !== null && under !== null && canvas.contains(under)) onDrop(op, { x: e.clientX, y: e.clientY });
    };
    const cancel = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      setGhost(undefined);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
  }, [onDrop]);

  /** True once after a drag, so the click that ends it does not also add a node in view. */
  const consumeClick = useCallback(() => {
    const was = suppressClick.current;
    suppressClick.current = false;
    return was;
  }, []);

  return { ghost, onPointerDown, consumeClick };
}
