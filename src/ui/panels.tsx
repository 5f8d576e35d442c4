/**
 * Extension points of the editor, for other panels of the app:
 * - Side panel tabs: add an entry to PANELS below ({ id, title, Component }); the tab bar lists them in order.
 * - Toolbar controls: add an entry to TOOLBAR_ITEMS in ./toolbar/registry.tsx ({ id, Component }).
 * - The graph: `useEditor` from ./store. Read `useEditor((s) => s.graph)` (and `s.evaluation`), load a whole graph
 *   with `useEditor.getState().loadGraph(graph, message?)` (undoable, validated callers only), apply an edit with
 *   `commit(nextGraph)`, and report with `say('info' | 'error', text)`.
 */
import type { ComponentType } from 'react';
import { Inspector } from './inspector/Inspector';
import { LibraryPanel } from './library/LibraryPanel';
import { TrainingTab } from './training/TrainingTab';
import { EquationsTab, LandscapeTab, StrategiesTab } from './lecture/tabs';

/** A tab of the right-hand side panel. */
export interface PanelEntry {
  id: string;
  title: string;
  Component: ComponentType;
}

/** The side panel's tabs, in order. */
export const PANELS: PanelEntry[] = [
  { id: 'inspector', title: 'Inspector', Component: Inspector },
  { id: 'library', title: 'Graphs', Component: LibraryPanel },
  { id: 'training', title: 'Training', Component: TrainingTab },
  { id: 'landscape', title: 'Landscape', Component: LandscapeTab },
  { id: 'strategies', title: 'Strategies', Component: StrategiesTab },
  { id: 'equations', title: 'Four equations', Component: EquationsTab },
];
