/** The Training tab: data, settings, compile, run controls, live curves, and what the trained network does. */
import { useEffect } from 'react';
import type { Graph } from '../../core';
import { CompileSection } from './CompileSection';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ensureData } from './connection';
import { Curves } from './Curves';
import { DataSection } from './DataSection';
import { DecisionBoundary } from './DecisionBoundary';
import { DigitGrid } from './DigitGrid';
import { EditGuard } from './EditGuard';
import { followTrainingDefaults, useEditorGraph } from './editorLink';
import { EpochList } from './EpochList';
import { DrawingPad } from './pad/DrawingPad';
import { LayerViews } from './LayerViews';
import { RunControls } from './RunControls';
import { showResultsFor, workerHoldsShown } from './runs';
import { SettingsSection } from './SettingsSection';
import { useTraining } from './store';
import { WeightImages } from './WeightImages';
import { WeightsFiles } from './WeightsFiles';
import './training.css';

/** The size of the graph's samples node, if it has one. */
function inputCount(graph: Graph): number | undefined {
  const size = graph.nodes.find((n) => n.op === 'samples')?.params?.size;
  return typeof size === 'number' ? size : undefined;
}

/** The whole panel; the embedded MNIST split loads into the worker the first time it opens. */
export function TrainingPanel() {
  const graph = useEditorGraph();
  const status = useTraining((s) => s.status);
  const hasNetwork = useTraining(workerHoldsShown);
  // The pad draws 28x28 digits: it belongs to image data only.
  const images = useTraining((s) => s.data.kind === 'embedded' || s.data.kind === 'idx');
  const active = status === 'running' || status === 'paused';

  useEffect(ensureData, []);
  useEffect(followTrainingDefaults, []);
  // Results belong to their graph: another graph shows its own or none (also once a run ends).
  useEffect(() => showResultsFor(graph), [graph, status]);

  return (
    <div className="gf-train" data-testid="training-panel">
      <DataSection disabled={active} inputs={inputCount(graph)} />
      <SettingsSection disabled={active} defaults={graph.training} />
      <CompileSection graph={graph} disabled={active} />
      <RunControls graph={graph} />
      <EditGuard />
      <Curves />
      <EpochList />
      <WeightsFiles graph={graph} canSave={hasNetwork} busy={active} />
      {images && <DrawingPad ready={hasNetwork} />}
      <DecisionBoundary />
      <DigitGrid />
      <ConfusionMatrix />
      <WeightImages />
      <LayerViews />
    </div>
  );
}
