import { parseGraph, serializeGraph, toFileValue, type Graph } from '../core';
import { LayoutCancelled, tidy } from '../toolbar/layout';
import { library } from '../library';
import { useEditor } from '../store';
import { shareHash } from '../store/persistence';
import { downloadText } from './download';
import { t } from '../../i18n';
import { errorText as message } from './errorText';
import { localizedExample } from './exampleLabels';

/** A graph with positions for every node: files without them are laid out first (in the layout worker). */
async function positioned(graph: Graph, name: string): Promise<Graph> {
  return graph.nodes.every((n) => n.position !== undefined) ? graph : tidy(graph, t('layoutJob.whatFile', { name }));
}

/** Validates a file's text and opens it as a new saved graph; an invalid file shows the validator's message and changes nothing. */
export async function importText(text: string, name: string): Promise<boolean> {
  let refused: string | undefined;
  try {
    refused = await library.importText(text, name);
  } catch (error) {
    if (!(error instanceof LayoutCancelled)) throw error;
    useEditor.getState().say('info', t('layoutJob.importCancelled', { name }));
    return false;
  }
  if (refused === undefined) return true;
  useEditor.getState().say('error', t('files.importFailed', { name, detail: refused }));
  return false;
}

/** Reads a user's file (picker or drop) and imports it: a graph file, or an ONNX model. */
export async function importFile(file: File): Promise<boolean> {
  const onnx = /\.onnx$/i.test(file.name);
  // Models carry their weights: a 784-100-10 network is 300 kB, a large one tens of MB.
  const limit = onnx ? 200_000_000 : 20_000_000;
  if (file.size > limit) {
    useEditor.getState().say('error', t(onnx ? 'files.modelTooLarge' : 'files.tooLarge', { name: file.name }));
    return false;
  }
  return onnx ? importOnnx(new Uint8Array(await file.arrayBuffer()), file.name) : importText(await file.text(), file.name);
}

/**
 * Reads an ONNX model as a layered graph with its weights: the graph opens as a new saved graph (Undo
 * returns to the previous one) and the weights load into the Training tab, as "Load weights" does. A
 * model that cannot be read changes nothing.
 */
export async function importOnnx(bytes: Uint8Array, name: string): Promise<boolean> {
  const { say } = useEditor.getState();
  try {
    // The ONNX schema and the training panel's code load only for a model.
    const [{ onnxToNetwork }, { serializeWeights }, { compileInto }, { loadWeights }] = await Promise.all([
      import('../../core/onnx/import'), import('../../core/net/weights'), import('../training/CompileSection'), import('../training/connection'),
    ]);
    const { graph, network } = onnxToNetwork(bytes);
    const opened = library.openGraph(graph, name.replace(/\.onnx$/i, '') || name, t('files.importedModel', { name, layers: network.spec.layers.length }));
    if (typeof opened === 'string') throw new Error(opened);
    compileInto(graph);
    loadWeights(graph, serializeWeights(network, toFileValue(graph)));
    return true;
  } catch (error) {
    say('error', t('files.importFailed', { name, detail: message(error) }));
    return false;
  }
}

/** Downloads the current graph as a gradflow.graph JSON file. */
export function exportGraph(filename = 'graph.gradflow.json'): void {
  const { graph, say } = useEditor.getState();
  let text: string;
  try {
    text = serializeGraph(graph);
  } catch (error) {
    say('error', t('files.exportFailed', { detail: message(error) }));
    return;
  }
  downloadText(filename, text);
  say('info', t('files.exported', { name: filename }));
}

/** One entry of public/examples/index.json. */
export interface ExampleEntry {
  file: string;
  title: string;
  description: string;
}

const examplesBase = (): string => `${import.meta.env.BASE_URL}examples/`;

/** The shipped examples listed in public/examples/index.json. */
export async function listExamples(): Promise<ExampleEntry[]> {
  const response = await fetch(`${examplesBase()}index.json`);
  if (!response.ok) throw new Error(t('examples.http', { status: response.status }));
  const list: unknown = await response.json();
  if (!Array.isArray(list)) throw new Error(t('examples.notAList'));
  return list.filter((e): e is ExampleEntry => typeof e === 'object' && e !== null && typeof (e as ExampleEntry).file === 'string' && typeof (e as ExampleEntry).title === 'string');
}

/** Fetches, validates and opens one shipped example as a new saved graph. */
export async function loadExample(entry: ExampleEntry): Promise<void> {
  let graph: Graph;
  try {
    const response = await fetch(examplesBase() + entry.file);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    graph = await positioned(localizedExample(parseGraph(await response.text())), entry.title);
  } catch (error) {
    if (error instanceof LayoutCancelled) return;
    useEditor.getState().say('error', t('files.exampleFailed', { name: entry.file, detail: message(error) }));
    return;
  }
  const title = t(`examples.items.${entry.file.replace(/\.json$/, '')}.title`, { defaultValue: entry.title });
  library.openGraph(graph, title, t('files.loadedExample', { title }));
}

/** Puts the graph in the URL hash and copies the link; says so (or shows the link when copying is not allowed). */
export async function shareLink(): Promise<string> {
  const { graph, say } = useEditor.getState();
  let hash: string;
  try {
    hash = shareHash(graph);
  } catch (error) {
    say('error', t('files.linkFailed', { detail: message(error) }));
    return '';
  }
  const url = `${location.origin}${location.pathname}${location.search}${hash}`;
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url);
    say('info', t('files.linkCopied', { length: url.length }));
  } catch {
    say('info', t('files.linkShown', { url }));
  }
  return url;
}
