/** The dataset: the embedded MNIST split, or the four IDX files (plain or .gz) the user picks. */
import { useRef } from 'react';
import { loadEmbedded, loadIdxFiles } from './connection';
import { useTraining } from './store';

/** Dataset choice and what the worker holds. */
export function DataSection({ disabled }: { disabled: boolean }) {
  const data = useTraining((s) => s.data);
  const picker = useRef<HTMLInputElement>(null);

  const status = data.loading
    ? 'Loading…'
    : data.description !== null
      ? `${data.description}: ${data.train.toLocaleString('en-US')} training, ${data.test.toLocaleString('en-US')} test digits`
      : 'No data loaded';

  return (
    <fieldset className="gf-train-data" disabled={disabled}>
      <legend>Dataset</legend>
      <div className="gf-train-row">
        <button type="button" onClick={loadEmbedded} aria-pressed={data.kind === 'embedded' && data.error === null}>
          Embedded MNIST
        </button>
        <button type="button" onClick={() => picker.current?.click()} title="train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (plain or .gz)">
          IDX files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="IDX files"
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
