import { useEffect, useRef } from 'react';
import type { LessonTarget } from '../../core/lessons';
import { TARGET_SELECTORS } from './targets';

/**
 * A ring around the control a lesson talks about. It is drawn over the page rather than by restyling the
 * control, so it follows the control through re-renders, scrolling and layout changes without touching it.
 */
export function Highlight({ target }: { target: LessonTarget }) {
  const ring = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let frame = 0;
    let last = '';
    const place = () => {
      const el = document.querySelector<HTMLElement>(TARGET_SELECTORS[target]);
      const box = el?.getBoundingClientRect();
      const visible = box !== undefined && box.width > 0 && box.height > 0;
      const key = visible ? `${box.left},${box.top},${box.width},${box.height}` : 'hidden';
      if (key !== last && ring.current !== null) {
        last = key;
        ring.current.hidden = !visible;
        if (visible) Object.assign(ring.current.style, { left: `${box.left - 4}px`, top: `${box.top - 4}px`, width: `${box.width + 8}px`, height: `${box.height + 8}px` });
      }
      frame = requestAnimationFrame(place);
    };
    place();
    return () => cancelAnimationFrame(frame);
  }, [target]);
  return <div ref={ring} className="lesson-highlight" data-target={target} aria-hidden hidden />;
}
