import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SEED_DATA_DIR } from '../../../src/ingest/seed.js';

// Fidelity of the seed to its article (issue #9; review: /work/shared/reviews/seed-fidelity.md):
// inference is marked and bounded, general knowledge is never cited to the article, and the
// article's own inconsistencies are flagged on the figures they touch. What the fidelity suites
// read besides the graph: the seed's files and the article's text.

export const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';
export const CURATOR = 'curator-knowledge';
const SEED_FILES = ['sources', 'companies', 'places', 'chips', 'data-centers', 'policies', 'people', 'groups', 'models', 'relationships', 'facts', 'quotes'];

export async function seedItems(): Promise<{ file: string; item: any }[]> {
  const all = await Promise.all(
    SEED_FILES.map(async (file) => (JSON.parse(await readFile(path.join(SEED_DATA_DIR, `${file}.json`), 'utf8')) as any[]).map((item) => ({ file, item }))),
  );
  return all.flat();
}
export const articleText = () => readFile(path.join(SEED_DATA_DIR, '..', 'sources', `${ARTICLE}.txt`), 'utf8');
