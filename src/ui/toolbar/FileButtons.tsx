import { useRef } from 'react';
import { exportGraph, importFile, shareLink } from '../files/io';

/** "Import JSON" (file picker), "Export JSON" (download) and "Share link". */
export function FileButtons() {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className="toolbar-group" role="group" aria-label="Files">
      <button type="button" title="Open a gradflow.graph JSON file (or drop one on the canvas)" onClick={() => picker.current?.click()}>Import JSON</button>
      <input ref={picker} type="file" accept=".json,application/json" hidden data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void importFile(file);
        }} />
      <button type="button" title="Download the graph as gradflow.graph JSON" onClick={() => exportGraph()}>Export JSON</button>
      <button type="button" title="Put the graph in the page address and copy the link" onClick={() => void shareLink()}>Share link</button>
    </div>
  );
}
