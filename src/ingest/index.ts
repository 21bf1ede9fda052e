import type { Database } from '../db/database.js';
import type { EntityLabel } from '../model.js';
import { readJsonFile, validateFiles, type Dataset } from './validate.js';
import { writeDataset, type WriteSummary } from './write.js';

export { ValidationFailed, type Problem } from './validate.js';

/** Labels of the entities that already exist in the graph under the given keys. */
export function graphKeyLookup(db: Database) {
  return async (keys: string[]): Promise<Map<string, EntityLabel>> => {
    const rows = await db.read<{ key: string; label: EntityLabel }>(
      `MATCH (n:Entity) WHERE n.key IN $keys
       RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label`,
      { keys },
    );
    return new Map(rows.map((row) => [row.key, row.label]));
  };
}

/** Reads, validates every item of every file, and only then writes them all in one transaction. */
export async function importFiles(db: Database, files: string[]): Promise<{ dataset: Dataset; written: WriteSummary }> {
  const raw = await Promise.all(files.map(readJsonFile));
  const dataset = await validateFiles(raw, graphKeyLookup(db));
  const written = await writeDataset(db, dataset);
  return { dataset, written };
}
