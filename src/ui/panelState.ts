/** Which side-panel tab is open, in a store so a lesson can open the tab it talks about. */
import { create } from 'zustand';

/** The open side-panel tab's id (see PANELS). */
export const usePanelTab = create<{ active: string | undefined }>(() => ({ active: undefined }));

/** Opens the side-panel tab `id`. */
export function openPanel(id: string): void {
  usePanelTab.setState({ active: id });
}
