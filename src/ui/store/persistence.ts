import LZString from 'lz-string';
import { parseGraph, serializeGraph, type Graph } from '../core';
import { t } from '../../i18n';
import { errorLine } from '../../i18n/refusals';

/** localStorage key where versions before the library autosaved one graph; the library migrates it. */
export const AUTOSAVE_KEY = 'gradflow.autosave';
/** URL hash prefix of a share link. */
export const SHARE_PREFIX = '#graph=';

const message = (error: unknown): string => errorLine(error);

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
