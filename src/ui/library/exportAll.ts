import { strToU8, zipSync } from 'fflate';
import type { LibraryEntry } from './entries';

/** A name safe on every file system: no path separators, control or reserved characters, at most 80 characters. */
export function fileStem(name: string): string {
  // Control characters are exactly what must go, so the pattern names them.
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 80);
  return clean === '' ? 'graph' : clean;
}

/** The file names of the zip, one per entry, unique: graphs as .gradflow.json, backups as .backup.txt. */
export function zipNames(entries: readonly LibraryEntry[]): string[] {
  const used = new Set<string>();
  return entries.map((e) => {
    const stem = fileStem(e.name);
    const ext = e.kind === 'graph' ? '.gradflow.json' : '.backup.txt';
    let name = stem + ext;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${stem} (${k})${ext}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Every entry in one zip (fflate): graph files as they are saved, backups as the text that could not be read. */
export function libraryZip(entries: readonly LibraryEntry[], modified = new Date()): Uint8Array {
  const names = zipNames(entries);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  entries.forEach((e, k) => { files[names[k]] = [strToU8(e.text), { mtime: new Date(Math.max(e.updated, Date.UTC(1980, 0, 2)) || modified.getTime()) }]; });
  return zipSync(files, { level: 6 });
}
