/** The toolbar's "Gradient check" toggle. */
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import './lecture.css';
import { BADGE_FIT as FIT, leftPaddingPx } from './badgeFit';
import { useLecture } from './store';
import { READABLE_ZOOM } from '../canvas/lod';

/** A badge's usual width in flow units, for badges not drawn at the current zoom. */
const BADGE_WIDTH = 110;

/**
 * Refits the view on the inputs that carry badges when a badge (hung left of its input) lies outside the
 * canvas or is not drawn at this zoom, so every badge can be read: no further out than the zoom where the
 * canvas draws them (its level of detail), even if that leaves other nodes out of view.
 */
function fitBadges(flow: ReactFlowInstance): void {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const badges = [...document.querySelectorAll<HTMLElement>('.react-flow__node .gf-grad-check')];
  if (pane === undefined || badges.length === 0) return;
  const hidden = badges.some((b) => {
    const r = b.getBoundingClientRect();
    return r.width === 0 || r.left < pane.left || r.top < pane.top || r.bottom > pane.bottom;
  });
  if (!hidden) return;
  const owners = badges.map((b) => b.closest<HTMLElement>('.react-flow__node')?.dataset.id).filter((id) => id !== undefined);
  const bounds = flow.getNodesBounds(owners);
  let overhang = 0;
  for (const badge of badges) {
    const id = badge.closest<HTMLElement>('.react-flow__node')?.dataset.id;
    const node = id === undefined ? undefined : flow.getInternalNode(id);
    if (node === undefined) continue;
    // offsetWidth is in flow units: the viewport's scale is a transform above it. 8 is the CSS gap. A badge
    // the current zoom does not draw has no width yet: take a typical one.
    overhang = Math.max(overhang, bounds.x - (node.internals.positionAbsolute.x - (badge.offsetWidth || BADGE_WIDTH) - 8));
  }
  void flow.fitView({
    nodes: owners.map((id) => ({ id })),
    padding: { top: FIT.side, right: FIT.side, bottom: FIT.bottom, left: `${leftPaddingPx(bounds.width, overhang, pane.width)}px` },
    minZoom: READABLE_ZOOM, maxZoom: FIT.maxZoom, duration: 250,
  });
}

/** Shows or hides the per-input gradient-check badges on the canvas. */
export function GradCheckToggle() {
  const on = useLecture((s) => s.gradCheck);
  const flow = useReactFlow();
  const { t } = useTranslation();
  return (
    <button type="button" data-ui="grad-check" aria-pressed={on} className={on ? 'is-on' : undefined}
      title={t('gradCheck.title')}
      onClick={() => {
        useLecture.setState({ gradCheck: !on });
        // Two frames: the badges render, then lay out, before they are measured.
        if (!on) requestAnimationFrame(() => requestAnimationFrame(() => fitBadges(flow)));
      }}>
      {t('gradCheck.button')}
    </button>
  );
}
