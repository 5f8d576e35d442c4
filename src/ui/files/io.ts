import { GraphError, layoutGraph, parseGraph, placeSuffix, serializeGraph, type Graph } from '../core';
import { useEditor } from '../store';
import { shareHash } from '../store/persistence';
import { downloadText } from './download';
import { t } from '../../i18n';

// The same words and place as the command line prints (core/graph/quote.ts).
const message = (error: unknown): string => {
  if (error instanceof GraphError) return error.message + placeSuffix(error.message, error.place);
  return error instanceof Error ? error.message : String(error);
};

/** A graph with positions for every node: files without them are laid out first. */
async function positioned(graph: Graph): Promise<Graph> {
  return graph.nodes.every((n) => n.position !== undefined) ? graph : layoutGraph(graph);
}

/** Validates and loads a file's text; an invalid file shows the validator's message and changes nothing. */
export async function importText(text: string, name: string): Promise<boolean> {
  const { loadGraph, say } = useEditor.getState();
  let graph: Graph;
  try {
    graph = await positioned(parseGraph(text));
  } catch (error) {
    say('error', t('files.importFailed', { name, detail: message(error) }));
    return false;
  }
  loadGraph(graph, t('files.imported', { name }));
  return true;
}

/** Reads a user's file (picker or drop) and imports it. */
export async function importFile(file: File): Promise<boolean> {
  if (file.size > 20_000_000) {
    useEditor.getState().say('error', t('files.tooLarge', { name: file.name }));
    return false;
  }
  return importText(await file.text(), file.name);
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

/** Fetches, validates and loads one shipped example. */
export async function loadExample(entry: ExampleEntry): Promise<void> {
  const { loadGraph, say } = useEditor.getState();
  try {
    const response = await fetch(examplesBase() + entry.file);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    loadGraph(await positioned(parseGraph(await response.text())), t('files.loadedExample', { title: t(`examples.items.${entry.file.replace(/\.json$/, '')}.title`, { defaultValue: entry.title }) }));
  } catch (error) {
    say('error', t('files.exampleFailed', { name: entry.file, detail: message(error) }));
  }
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
