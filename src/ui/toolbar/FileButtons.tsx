import { useRef } from 'react';
import { warmLayout } from './layout';
import { useTranslation } from 'react-i18next';
import { exportGraph, importFile, shareLink } from '../files/io';

/** "Import JSON" (file picker: graph files and ONNX models), "Export JSON" (download) and "Share link". */
export function FileButtons() {
  const picker = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  return (
    <div className="toolbar-group" role="group" aria-label={t('files.label')}>
      <button type="button" title={t('files.importTitle')} onClick={() => { warmLayout(); picker.current?.click(); }}>{t('files.import')}</button>
      <input ref={picker} type="file" accept=".json,.onnx,application/json" hidden data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void importFile(file);
        }} />
      <button type="button" title={t('files.exportTitle')} onClick={() => exportGraph()}>{t('files.export')}</button>
      <button type="button" title={t('files.shareTitle')} onClick={() => void shareLink()}>{t('files.share')}</button>
    </div>
  );
}
