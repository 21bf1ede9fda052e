import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.js';
import { applySchema } from '../graph/schema.js';
import { importFiles } from './index.js';

export const SEED_DATA_DIR = fileURLToPath(new URL('../../seed/data', import.meta.url));

export async function seedFiles(dir = SEED_DATA_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return names.map((name) => path.join(dir, name));
}

/** Creates constraints and indexes, then upserts the curated seed graph, retracting what it no longer states. Safe to run any number of times. */
export async function loadSeed(db: Database, dir = SEED_DATA_DIR) {
  await applySchema(db);
  // The seed's texts sit beside its data folder (seed/sources next to seed/data).
  // The seed is complete: what an earlier seed stated and this one no longer does is retracted.
  return importFiles(db, await seedFiles(dir), { textRoot: path.dirname(dir), principal: 'seed', complete: true });
}
