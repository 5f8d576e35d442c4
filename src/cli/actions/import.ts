// `gradflow import`, loaded when the command runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { serializeGraph, toFileValue } from '../../core/format/serialize';
import { GraphError } from '../../core/graph/errors';
import { serializeWeights } from '../../core/net/weights';
import { onnxToNetwork } from '../../core/onnx/import';
import { t } from '../../i18n';
import { refusalText } from '../../i18n/refusals';
import { fileSystemReason } from '../graphSource';
import { UsageError } from '../usage';

/** What `gradflow import` reads from its command line. */
export interface ImportOptions {
  output?: string;
  weightsOut?: string;
}

/** Reads an ONNX model and writes its graph (stdout or -o) and, with --weights-out, its weights. */
export async function runImport(model: string, options: ImportOptions): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(model);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(t('cli.errors.cannotRead', { file: model, reason: code === 'EACCES' ? String(code) : fileSystemReason(code, error) }));
  }
  let result: ReturnType<typeof onnxToNetwork>;
  try {
    result = onnxToNetwork(bytes);
  } catch (error) {
    if (error instanceof GraphError) throw new UsageError(t('cli.errors.inFile', { file: model, problem: refusalText(error) }));
    throw error;
  }
  const graphText = serializeGraph(result.graph);
  const put = (path: string, text: string, flag: string): void => {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new UsageError(t('cli.errors.write', { flag, file: path, code: (error as { code?: string }).code ?? String(error) }));
    }
  };
  if (options.weightsOut !== undefined) put(options.weightsOut, serializeWeights(result.network, toFileValue(result.graph)) + '\n', '--weights-out');
  if (options.output !== undefined) put(options.output, graphText, '-o');
  else process.stdout.write(graphText);
}
