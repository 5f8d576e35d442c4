import type { ComponentType } from 'react';
import { ExportMenu } from './ExportMenu';
import { FuseButtons } from '../lecture/FuseButtons';
import { GradCheckToggle } from '../lecture/GradCheckToggle';
import { LessonsButton } from '../lessons/LessonsButton';
import { QuizToggle } from '../quiz/Quiz';
import { SaveBadge } from '../library/SaveBadge';

/** An extra toolbar control another part of the app contributes (see panels.tsx for how). */
export interface ToolbarItem {
  id: string;
  Component: ComponentType;
}

/** Extra toolbar controls, shown after the file buttons, in this order. */
export const TOOLBAR_ITEMS: ToolbarItem[] = [
  { id: 'save', Component: SaveBadge },
  { id: 'export', Component: ExportMenu },
  { id: 'lessons', Component: LessonsButton },
  { id: 'quiz', Component: QuizToggle },
  { id: 'grad-check', Component: GradCheckToggle },
  { id: 'fuse', Component: FuseButtons },
];
