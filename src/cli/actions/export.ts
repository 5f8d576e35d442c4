// `gradflow export`, loaded when the command runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { networkToPytorch } from '../../core/export/pytorchNetwork';
import { scalarToPython } from '../../core/export/scalarScript';
import { trainOptionsFrom } from '../../core/net/defaults';
import { serializeGraph, toFileValue } from '../../core/format/serialize';
import { layoutGraph } from '../../core/graph/layout';
import { compileNetwork } from '../../core/net/compile';
import { isLayeredGraph } from '../../core/net/shapes';
import type { Network, NetworkSpec } from '../../core/net/types';
import { parseWeights } from '../../core/net/weights';
import { networkToOnnx } from '../../core/onnx/export';
import { asUsage, readGraphSource } from '../graphSource';
import { t } from '../../i18n';
import { errorLine } from '../../i18n/refusals';
import { UsageError } from '../usage';

/** What `gradflow export` reads from its command line. */
export interface ExportOptions {
  expr?: string;
  set: string[];
  format: string;
  weights?: string;
  output?: string;
}

const FORMATS = ['graph', 'pytorch', 'python', 'onnx'] as const;
type Format = (typeof FORMATS)[number];

/** Writes the exported graph, script or model where the command line says. */
export async function runExport(file: string | undefined, options: ExportOptions): Promise<void> {
  const format = options.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(t('cli.errors.format', { text: JSON.stringify(options.format) }));
  const graph = await readGraphSource(file, options);
  const title = file !== undefined ? basename(file) : (options.expr as string);
  const layered = isLayeredGraph(graph);
  if (options.weights !== undefined && !layered) throw new UsageError(t('cli.errors.weightsScalar'));
  let out: string | Uint8Array;
  if (format === 'graph') {
    if (options.weights !== undefined) throw new UsageError(t('cli.errors.weightsFormat'));
    out = serializeGraph(file === undefined ? await layoutGraph(graph) : graph);
  } else if (!layered) {
    if (format === 'onnx') throw new UsageError(t('cli.errors.onnxScalar'));
    out = asUsage(() => scalarToPython(graph, format, title));
  } else {
    if (format === 'python') throw new UsageError(t('cli.errors.pythonNetwork'));
    const spec = asUsage(() => compileNetwork(graph));
    const weights = options.weights === undefined ? undefined : readWeights(options.weights, spec);
    if (format === 'onnx') {
      if (weights === undefined) throw new UsageError(t('cli.errors.onnxWeights'));
      if (options.output === undefined) throw new UsageError(t('cli.errors.onnxOutput'));
      out = networkToOnnx(weights, { training: graph.training });
    } else {
      out = networkToPytorch(spec, { training: trainOptionsFrom(graph.training, spec.loss), weights, graphFile: toFileValue(graph), title });
    }
  }
  write(out, options.output);
}

/** A weights file for the network, or a one-line refusal naming the problem. */
function readWeights(path: string, spec: NetworkSpec): Network {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(t('cli.errors.weightsCannotRead', { file: path, code: (error as { code?: string }).code ?? String(error) }));
  }
  try {
    return parseWeights(text, spec);
  } catch (error) {
    throw new UsageError(t('cli.errors.weights', { file: path, problem: errorLine(error) }));
  }
}

function write(out: string | Uint8Array, path: string | undefined): void {
  if (path === undefined) {
    process.stdout.write(out);
    return;
  }
  try {
    writeFileSync(path, out);
  } catch (error) {
    throw new UsageError(t('cli.errors.write', { flag: '-o', file: path, code: (error as { code?: string }).code ?? String(error) }));
  }
}

