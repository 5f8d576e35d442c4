/** The editor's Export menu actions: pictures, LaTeX, Python and PyTorch scripts, ONNX models (loaded when one is chosen). */
import { isLayeredGraph, toFileValue, type Graph } from '../core';
import { errorText as message } from './errorText';
import type { Network } from '../../core/net/types';
import { compileNetwork } from '../../core/net/compile';
import { graphLatexWithGradients } from '../../core/export/latex';
import { networkToPytorch } from '../../core/export/pytorchNetwork';
import { scalarToPython } from '../../core/export/scalarScript';
import { trainOptionsFrom } from '../../core/net/defaults';
import { networkWithParameters } from '../../worker/parameters';
import { useEditor } from '../store';
import { trainedFor } from '../store/trained';
import { t } from '../../i18n';
import { downloadBlob } from './download';
import { dataUrlBlob, wholeCanvasPicture, type PictureFlow } from './exportImage';

import { exportProblem, type ExportKind } from './exportKinds';


/** The network of the graph with the Training tab's weights for it, or undefined when it has none. */
function trainedNetwork(graph: Graph): Network | undefined {
  const parameters = trainedFor(graph);
  return parameters === null ? undefined : networkWithParameters(compileNetwork(graph), parameters);
}

const text = (content: string, type: string): Blob => new Blob([content], { type });

/** Makes the file of `kind` for the current graph and downloads it; a problem goes to the status line. */
export async function exportAs(kind: ExportKind, flow: PictureFlow): Promise<void> {
  const { graph, say } = useEditor.getState();
  const problem = exportProblem(kind, graph);
  if (problem !== null) {
    say('error', t('files.exportFailed', { detail: t(`exportMenu.problems.${problem}`) }));
    return;
  }
  const layered = isLayeredGraph(graph);
  const base = layered ? 'network' : 'graph';
  try {
    let name: string;
    let blob: Blob;
    switch (kind) {
      case 'png':
      case 'svg':
        name = `${base}.${kind}`;
        blob = await dataUrlBlob(await wholeCanvasPicture(flow, kind));
        break;
      case 'latex':
        name = `${base}.tex`;
        blob = text(graphLatexWithGradients(graph), 'application/x-tex');
        break;
      case 'python':
        name = `${base}.py`;
        blob = text(scalarToPython(graph, 'python', 'gradflow graph'), 'text/x-python');
        break;
      case 'pytorch': {
        name = `${base}.py`;
        if (!layered) blob = text(scalarToPython(graph, 'pytorch', 'gradflow graph'), 'text/x-python');
        else {
          const spec = compileNetwork(graph);
          blob = text(networkToPytorch(spec, { training: trainOptionsFrom(graph.training, spec.loss), weights: trainedNetwork(graph), graphFile: toFileValue(graph), title: 'gradflow network' }), 'text/x-python');
        }
        break;
      }
      case 'onnx': {
        name = `${base}.onnx`;
        const { networkToOnnx } = await import('../../core/onnx/export');
        blob = new Blob([networkToOnnx(trainedNetwork(graph) as Network, { training: graph.training }) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
        break;
      }
      default: {
        const never: never = kind;
        throw new Error(t('files.unknownExport', { kind: String(never) }));
      }
    }
    downloadBlob(name, blob);
    say('info', t('files.exported', { name }));
  } catch (error) {
    say('error', t('files.exportFailed', { detail: message(error) }));
  }
}
