import LZString from 'lz-string';
import { parseGraph, serializeGraph, type Graph } from '../core';
import { DEFAULT_GRAPH } from './defaultGraph';
import { t } from '../../i18n';

/** localStorage key of the autosaved graph. */
export const AUTOSAVE_KEY = 'gradflow.autosave';
/** URL hash prefix of a share link. */
export const SHARE_PREFIX = '#graph=';

/** Where the first graph came from, and what to tell the user about it. */
export interface Initial {
  graph: Graph;
  source: 'link' | 'autosave' | 'default';
  /** Set when a share link could not be read: nothing was loaded from it. */
  linkError?: string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The graph in a share-link hash, an error message when the link is broken, or undefined when there is none. */
export function graphFromHash(hash: string): { graph: Graph } | { error: string } | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const text = LZString.decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length));
  if (text === null || text === '') return { error: t('files.brokenLinkData') };
  try {
    return { graph: parseGraph(text, { lenient: true }) };
  } catch (error) {
    return { error: t('files.brokenLink', { detail: message(error) }) };
  }
}

/** The hash of a share link for `graph`. */
export function shareHash(graph: Graph): string {
  return SHARE_PREFIX + LZString.compressToEncodedURIComponent(serializeGraph(graph));
}

function readAutosave(): Graph | undefined {
  try {
    const text = globalThis.localStorage?.getItem(AUTOSAVE_KEY);
    return text === null || text === undefined ? undefined : parseGraph(text, { lenient: true });
  } catch {
    // A damaged or foreign autosave must not stop the editor from starting.
    return undefined;
  }
}

/** The graph to start with: a share link, else the autosave, else the (x+y)·z example. */
export function initialGraph(): Initial {
  const hash = globalThis.location?.hash ?? '';
  const fromLink = graphFromHash(hash);
  if (fromLink !== undefined && 'graph' in fromLink) return { graph: fromLink.graph, source: 'link' };
  const saved = readAutosave();
  const base: Initial = saved !== undefined ? { graph: saved, source: 'autosave' } : { graph: DEFAULT_GRAPH, source: 'default' };
  return fromLink !== undefined ? { ...base, linkError: fromLink.error } : base;
}

/** Writes the graph to localStorage; a full or blocked storage is reported, not thrown. */
export function writeAutosave(graph: Graph): string | undefined {
  try {
    globalThis.localStorage?.setItem(AUTOSAVE_KEY, serializeGraph(graph));
    return undefined;
  } catch (error) {
    return t('files.autosaveFailed', { detail: message(error) });
  }
}
