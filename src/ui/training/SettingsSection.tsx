/** Epochs, batch size, learning rate, seed and optimiser: the run's knobs, defaulting to the graph's `training` field. */
import { errorLine, i18n, reasonText } from '../i18n';
import { useTranslation } from 'react-i18next';
import type { TrainingDefaults } from '../../core/graph/types';
import { optimizerFromTraining, optimizerRefusal, OPTIMIZERS, type OptimizerKind, type OptimizerSettings } from '../../core/net/optimizer';
import type { TrainingSettings } from '../../worker/protocol';
import { checkSettings } from '../../worker/settings';
import { DEFAULT_SETTINGS, useTraining, type SettingsText } from './store';

type Field = keyof SettingsText;

/** The fields in order; their labels are training.fields.<key> in the catalogs. */
const FIELDS: { key: Field; step: string; min: string }[] = [
  { key: 'epochs', step: '1', min: '1' },
  { key: 'batchSize', step: '1', min: '1' },
  { key: 'learningRate', step: 'any', min: '0' },
  { key: 'seed', step: '1', min: '0' },
];

/** The settings a graph's training defaults give (network.py's where the graph says nothing). */
export function settingsFrom(defaults: TrainingDefaults | undefined): TrainingSettings {
  return {
    epochs: defaults?.epochs ?? DEFAULT_SETTINGS.epochs,
    batchSize: defaults?.batchSize ?? DEFAULT_SETTINGS.batchSize,
    learningRate: defaults?.learningRate ?? DEFAULT_SETTINGS.learningRate,
    seed: defaults?.seed ?? DEFAULT_SETTINGS.seed,
    optimizer: optimizerFromTraining(defaults),
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
    optimizer: useTraining.getState().settings.optimizer,
  };
  const bad = checkSettings(settings);
  const problem = Object.values(text).some((v) => v.trim() === '') ? i18n.t('training.fillIn') : bad === null ? null : errorLine(bad);
  useTraining.setState(problem === null ? { settingsText: text, settings, settingsProblem: null } : { settingsText: text, settingsProblem: problem });
}

/** Picks the update rule, keeping the graph's hyper-parameters for it (else the defaults). */
function changeOptimizer(kind: OptimizerKind, defaults: TrainingDefaults | undefined): void {
  const optimizer = optimizerFromTraining({ ...defaults, optimizer: kind });
  useTraining.setState((s) => ({ settings: { ...s.settings, optimizer }, settingsProblem: null }));
}

/** Sets momentum μ when it is in [0, 1). */
function changeMomentum(text: string): void {
  const optimizer: OptimizerSettings = { kind: 'momentum', momentum: Number(text) };
  const refusal = optimizerRefusal(optimizer);
  const problem = text.trim() === '' ? i18n.t('training.fillIn') : refusal === null ? null : reasonText(refusal.reason) ?? refusal.text;
  useTraining.setState((s) => (problem === null ? { settings: { ...s.settings, optimizer }, settingsProblem: null } : { settingsProblem: problem }));
}

/** The four number fields and the optimiser. */
export function SettingsSection({ disabled, defaults }: { disabled: boolean; defaults?: TrainingDefaults }) {
  const text = useTraining((s) => s.settingsText);
  const problem = useTraining((s) => s.settingsProblem);
  const optimizer = useTraining((s) => s.settings.optimizer ?? { kind: 'sgd' as const });
  const { t } = useTranslation();
  return (
    <fieldset className="gf-train-settings" data-ui="training-settings" disabled={disabled}>
      <legend>{t('training.settings')}</legend>
      {FIELDS.map((f) => (
        <label key={f.key}>
          <span>{t(`training.fields.${f.key}`)}</span>
          <input type="number" inputMode="decimal" step={f.step} min={f.min} value={text[f.key]} onChange={(e) => change(f.key, e.target.value)} />
        </label>
      ))}
      <label>
        <span>{t('training.optimizer')}</span>
        <select value={optimizer.kind} onChange={(e) => changeOptimizer(e.target.value as OptimizerKind, defaults)}>
          {OPTIMIZERS.map((o) => <option key={o} value={o}>{t(`training.optimizers.${o}`)}</option>)}
        </select>
      </label>
      {optimizer.kind === 'momentum' && (
        <label>
          <span>{t('training.momentum')}</span>
          <input type="number" inputMode="decimal" step="any" min="0" max="0.999" defaultValue={String(optimizer.momentum ?? 0.9)} key={`momentum-${defaults?.momentum ?? 0.9}`} onChange={(e) => changeMomentum(e.target.value)} />
        </label>
      )}
      {optimizer.kind === 'adam' && (
        <p className="gf-train-dim" data-testid="adam-settings">{t('training.adamSettings', { beta1: optimizer.beta1 ?? 0.9, beta2: optimizer.beta2 ?? 0.999, epsilon: optimizer.epsilon ?? 1e-8 })}</p>
      )}
      {problem !== null && <p className="gf-train-error" role="alert">{problem}</p>}
    </fieldset>
  );
}
