import { GraphError, reason } from '../graph/errors';
import { FORMAT_VERSION } from './version';

/** A file's top level as plain JSON, before it is read into a Graph. */
export type FileValue = Record<string, unknown>;

/** One step of the format's history: rewrites a version `from` file into a version `from + 1` file. */
export interface Migration {
  from: number;
  /** One line on what changed, for the docs and error messages. */
  doc: string;
  migrate: (file: FileValue) => FileValue;
}

/**
 * Every migration, oldest first. Version 1 is the first version, so the table is empty;
 * a version 2 appends `{ from: 1, doc, migrate }` and raises FORMAT_VERSION.
 */
export const MIGRATIONS: readonly Migration[] = [];

/**
 * Brings a file of version `version` up to FORMAT_VERSION one step at a time.
 * A newer file is refused (this gradflow cannot know what it means); a version
 * with no migration path is refused naming it.
 */
export function migrateFile(file: FileValue, version: number, migrations: readonly Migration[] = MIGRATIONS, current = FORMAT_VERSION): FileValue {
  if (version > current) {
    throw new GraphError(`made by a newer gradflow (format version ${version}; this one reads up to ${current})`, { path: '/version' }, 'format', reason('format.madeByNewerGradflow', { version, current }));
  }
  let at = file;
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (step === undefined) {
      throw new GraphError(`format version ${version} is not one gradflow can read (versions ${firstReadable(migrations, current)} to ${current})`, { path: '/version' }, 'format',
        reason('format.unreadableVersion', { version, first: firstReadable(migrations, current), current }));
    }
    at = { ...step.migrate(at), version: v + 1 };
  }
  return at;
}

/** The oldest version that migrates all the way to `current`. */
function firstReadable(migrations: readonly Migration[], current: number): number {
  let v = current;
  while (migrations.some((m) => m.from === v - 1)) v--;
  return v;
}
