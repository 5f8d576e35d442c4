/** The dataset: the embedded MNIST split, or the four IDX files (plain or .gz) the user picks. */
import { useTranslation } from 'react-i18next';
import { useRef } from 'react';
import { loadEmbedded, loadIdxFiles } from './connection';
import { useTraining } from './store';

/** Dataset choice and what the worker holds. */
export function DataSection({ disabled }: { disabled: boolean }) {
  const data = useTraining((s) => s.data);
  const picker = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();

  const status = data.loading
    ? t('training.loading')
    : data.description !== null
      ? t('training.dataStatus', { data: data.kind === 'embedded' ? t('training.embeddedName') : data.description, train: data.train.toLocaleString('en-US'), test: data.test.toLocaleString('en-US') })
      : t('training.noData');

  return (
    <fieldset className="gf-train-data" disabled={disabled}>
      <legend>{t('training.dataset')}</legend>
      <div className="gf-train-row">
        <button type="button" onClick={loadEmbedded} aria-pressed={data.kind === 'embedded' && data.error === null}>
          {t('training.embedded')}
        </button>
        <button type="button" onClick={() => picker.current?.click()} title={t('training.idxTitle')}>
          {t('training.idxFiles')}
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label={t('training.idxLabel')}
          data-testid="idx-files"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) void loadIdxFiles(files);
          }}
        />
      </div>
      <p className="gf-train-status" data-testid="data-status">{status}</p>
      {data.error !== null && <p className="gf-train-error" role="alert">{data.error}</p>}
    </fieldset>
  );
}
