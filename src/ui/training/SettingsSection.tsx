/** Epochs, batch size, learning rate and seed: the run's knobs, defaulting to the graph's `training` field. */
import type { TrainingDefaults } from '../../core/graph/types';
import type { TrainingSettings } from '../../worker/protocol';
import { checkSettings } from '../../worker/settings';
import { DEFAULT_SETTINGS, useTraining, type SettingsText } from './store';

type Field = keyof TrainingSettings;

const FIELDS: { key: Field; label: string; step: string; min: string }[] = [
  { key: 'epochs', label: 'Epochs', step: '1', min: '1' },
  { key: 'batchSize', label: 'Batch size', step: '1', min: '1' },
  { key: 'learningRate', label: 'Learning rate', step: 'any', min: '0' },
  { key: 'seed', label: 'Seed', step: '1', min: '0' },
];

/** The settings a graph's training defaults give (network.py's where the graph says nothing). */
export function settingsFrom(defaults: TrainingDefaults | undefined): TrainingSettings {
  return {
    epochs: defaults?.epochs ?? DEFAULT_SETTINGS.epochs,
    batchSize: defaults?.batchSize ?? DEFAULT_SETTINGS.batchSize,
    learningRate: defaults?.learningRate ?? DEFAULT_SETTINGS.learningRate,
    seed: defaults?.seed ?? DEFAULT_SETTINGS.seed,
  };
}

/** Puts a graph's defaults into the fields (a new example or import brings its own). */
export function resetSettings(defaults: TrainingDefaults | undefined): void {
  const settings = settingsFrom(defaults);
  const text = Object.fromEntries(FIELDS.map((f) => [f.key, String(settings[f.key])])) as SettingsText;
  useTraining.setState({ settings, settingsText: text, settingsProblem: null });
}

/** Updates one field; the store's settings change only to values that pass checkSettings. */
function change(field: Field, value: string): void {
  const text = { ...useTraining.getState().settingsText, [field]: value };
  const settings: TrainingSettings = {
    epochs: Number(text.epochs),
    batchSize: Number(text.batchSize),
    learningRate: Number(text.learningRate),
    seed: Number(text.seed),
  };
  const problem = Object.values(text).some((v) => v.trim() === '') ? 'fill in every field' : checkSettings(settings);
  useTraining.setState(problem === null ? { settingsText: text, settings, settingsProblem: null } : { settingsText: text, settingsProblem: problem });
}

/** The four number fields. */
export function SettingsSection({ disabled }: { disabled: boolean }) {
  const text = useTraining((s) => s.settingsText);
  const problem = useTraining((s) => s.settingsProblem);
  return (
    <fieldset className="gf-train-settings" data-ui="training-settings" disabled={disabled}>
      <legend>Settings</legend>
      {FIELDS.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input type="number" inputMode="decimal" step={f.step} min={f.min} value={text[f.key]} onChange={(e) => change(f.key, e.target.value)} />
        </label>
      ))}
      {problem !== null && <p className="gf-train-error" role="alert">{problem}</p>}
    </fieldset>
  );
}
