/** Where each control a lesson can point at lives on the page. */
import type { LessonTarget } from '../../core/lessons';

/** A CSS selector per lesson target; controls carry `data-ui` so the selectors outlive text and layout changes. */
export const TARGET_SELECTORS: Readonly<Record<LessonTarget, string>> = {
  'step-forward': '[data-ui="step-forward"]',
  'step-backward': '[data-ui="step-backward"]',
  'run-backward': '[data-ui="run-backward"]',
  'reset-steps': '[data-ui="reset-steps"]',
  'chain-rule': '.chain-rule',
  quiz: '[data-ui="quiz"]',
  'grad-check': '[data-ui="grad-check"]',
  fuse: '[data-ui="fuse"]',
  examples: '[data-ui="examples"]',
  expression: '[data-ui="expression"]',
  palette: '.palette',
  canvas: '.canvas-wrap',
  'inspector-tab': '#tab-inspector',
  'training-tab': '#tab-training',
  'landscape-tab': '#tab-landscape',
  'strategies-tab': '#tab-strategies',
  'equations-tab': '#tab-equations',
  'landscape-run': '[data-ui="landscape-run"]',
  'strategies-run': '[data-ui="strategies-run"]',
  'sweep-run': '[data-ui="sweep-run"]',
  'equations-run': '[data-ui="equations-run"]',
  'equations-step': '[data-ui="equations-step"]',
  'training-compile': '[data-ui="training-compile"]',
  'training-start': '[data-ui="training-start"]',
  'training-settings': '[data-ui="training-settings"]',
};
