/** The dataset: embedded MNIST, the four IDX files (plain or .gz), a CSV file, or a built-in 2-D toy set. */
import { useTranslation } from 'react-i18next';
import { useRef, useState } from 'react';
import { TOY_KINDS, type ToyKind } from '../../core/data/toy';
import { loadCsvFile, loadEmbedded, loadIdxFiles, loadToy } from './connection';
import { useTraining } from './store';
import { reasonText } from '../i18n';

/** A number typed into a field, or the fallback when it is not one within [min, max]. */
const within = (text: string, min: number, max: number, fallback: number): number => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
};

/** Dataset choice and what the worker holds. */
export function DataSection({ disabled, inputs }: { disabled: boolean; inputs: number | undefined }) {
  const data = useTraining((s) => s.data);
  const picker = useRef<HTMLInputElement>(null);
  const csvPicker = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  const [toy, setToy] = useState<ToyKind>('spiral');
  const [noise, setNoise] = useState('0');
  const [seed, setSeed] = useState('1');
  const [testFraction, setTestFraction] = useState('0.2');
  const [standardize, setStandardize] = useState(true);

  const images = data.kind === 'embedded' || data.kind === 'idx';
  const counts = { train: data.train.toLocaleString('en-US'), test: data.test.toLocaleString('en-US') };
  // A toy set's name comes as a Reason and is worded in the language shown; a file's name is shown as it is.
  const described = data.descriptionReason === undefined ? data.description : reasonText(data.descriptionReason) ?? data.description;
  const status = data.loading
    ? t('training.loading')
    : described !== null
      ? data.kind === 'embedded'
        ? t('training.dataStatus', { data: t('training.embeddedName'), ...counts })
        // IDX files may hold any 28x28 images (Fashion-MNIST's are clothes), not only digits.
        : t(images ? 'training.dataStatusImages' : 'training.dataStatusSamples', { data: described, ...counts })
      : t('training.noData');
  const dataSeed = Math.round(within(seed, 0, 2 ** 31, 1));

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
        <button type="button" onClick={() => csvPicker.current?.click()} aria-pressed={data.kind === 'csv' && data.error === null} title={t('training.csvTitle')}>
          {t('training.csvFile')}
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
        <input
          ref={csvPicker}
          type="file"
          accept=".csv,text/csv"
          hidden
          aria-label={t('training.csvLabel')}
          data-testid="csv-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file !== undefined) void loadCsvFile(file, within(testFraction, 0, 0.95, 0.2), standardize, dataSeed);
          }}
        />
      </div>
      <div className="gf-train-row gf-train-csv">
        <label>
          <span>{t('training.testShare')}</span>
          <input type="number" step="0.05" min="0" max="0.95" value={testFraction} aria-label={t('training.testShareLabel')} onChange={(e) => setTestFraction(e.target.value)} />
        </label>
        <label className="gf-train-check">
          <input type="checkbox" checked={standardize} onChange={(e) => setStandardize(e.target.checked)} />
          <span>{t('training.standardize')}</span>
        </label>
      </div>
      {/* The toy sets are 2-D: offered to a network with 2 inputs (or a graph that is not a network yet). */}
      {(inputs === undefined || inputs === 2 || data.kind === 'toy') && <div className="gf-train-row gf-train-toy">
        <label>
          <span>{t('training.toySet')}</span>
          <select value={toy} aria-label={t('training.toyLabel')} onChange={(e) => setToy(e.target.value as ToyKind)}>
            {TOY_KINDS.map((k) => <option key={k} value={k}>{t(`training.toyNames.${k}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('training.noise')}</span>
          <input type="number" step="0.05" min="0" max="1" value={noise} aria-label={t('training.noiseLabel')} onChange={(e) => setNoise(e.target.value)} />
        </label>
        <label>
          <span>{t('training.dataSeed')}</span>
          <input type="number" step="1" min="0" value={seed} aria-label={t('training.dataSeed')} onChange={(e) => setSeed(e.target.value)} />
        </label>
        <button type="button" onClick={() => loadToy(toy, within(noise, 0, 1, 0), dataSeed)} aria-pressed={data.kind === 'toy' && data.error === null}>
          {t('training.loadToy')}
        </button>
      </div>}
      <p className="gf-train-status" data-testid="data-status">{status}</p>
      {data.error !== null && <p className="gf-train-error" role="alert">{data.error}</p>}
    </fieldset>
  );
}
