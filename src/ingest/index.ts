import type { Database } from '../db/database.js';
import type { EntityLabel } from '../core/model.js';
import type { ItemKind } from './shapes.js';
import { readCsvFile } from './csv.js';
import { readJsonFile, validateFiles, ValidationFailed, type Dataset, type ExistingEntity, type Problem, type RawFile } from './validate.js';
import { rowCount, writeDataset, type WriteSummary } from './write.js';

export { ValidationFailed, type Problem } from './validate.js';

/** The entities that already exist in the graph under the given keys: labels, and sources' texts. */
export function graphKeyLookup(db: Database) {
  return async (keys: string[]): Promise<Map<string, ExistingEntity>> => {
    const rows = await db.read<{ key: string; label: EntityLabel; fullText: string | null }>(
      `MATCH (n:Entity) WHERE n.key IN $keys
       RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.fullText AS fullText`,
      { keys },
    );
    return new Map(rows.map(({ key, ...entity }) => [key, entity]));
  };
}

/** A data file by its extension: JSON arrays or CSV rows of the same items. */
export function readDataFile(file: string): Promise<RawFile> {
  if (file.toLowerCase().endsWith('.csv')) return readCsvFile(file);
  if (file.toLowerCase().endsWith('.json')) return readJsonFile(file);
  throw new ValidationFailed([{ file, index: -1, item: '(file)', message: 'is neither .json nor .csv' }]);
}

export interface ImportOptions {
  /** Recorded with the change set: `import` unless said otherwise (`seed`). */
  principal?: string;
  /** The files are the whole of what the principal states: see WriteOptions.complete. */
  complete?: boolean;
  /** The folder imported: sources' text files are read only inside it (default: each file's folder). */
  textRoot?: string;
  /** Told before writing how many rows will be written, so a progress display can size itself. */
  onStart?: (rows: number) => void;
  onProgress?: (rows: number) => void;
}

/**
 * Reads every file, validates every item of all of them together (a file may reference keys
 * another one defines), and only then writes them all in one transaction: one bad item and
 * nothing is written.
 */
export async function importFiles(db: Database, files: string[], options: ImportOptions = {}): Promise<{ dataset: Dataset; written: WriteSummary }> {
  const raw: RawFile[] = [];
  const unreadable: Problem[] = [];
  for (const file of files) {
    try {
      raw.push(await readDataFile(file));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      unreadable.push(...error.problems);
    }
  }
  if (unreadable.length) throw new ValidationFailed(unreadable);
  const dataset = await validateFiles(raw, graphKeyLookup(db), options.textRoot);
  options.onStart?.(rowCount(dataset));
  const written = await writeDataset(db, dataset, { principal: options.principal ?? 'import', complete: options.complete, onProgress: options.onProgress });
  return { dataset, written };
}

/**
 * Validates and writes items that arrive in a request rather than a file (one mutation): the same
 * checks and the same transactional write as a file import.
 */
export async function importItems(
  db: Database,
  kind: ItemKind,
  values: unknown[],
  origin: string,
  principal: string,
): Promise<{ dataset: Dataset; written: WriteSummary }> {
  const raw = { file: origin, kind, baseDir: null, items: values.map((value, index) => ({ value, origin: { file: origin, index } })) };
  const dataset = await validateFiles([raw], graphKeyLookup(db));
  const written = await writeDataset(db, dataset, { principal });
  return { dataset, written };
}
