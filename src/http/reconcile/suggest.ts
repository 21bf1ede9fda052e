import type { Database } from '../../db/database.js';
import { candidatesByKey } from '../../graph/reconcile-candidates.js';
import { CONSTRAINT_PIDS } from './constraints.js';
import { ReconcileInputError } from './errors.js';
import { EXTENSION_PROPERTIES } from './extend.js';
import { parseQueries, reconcile } from './queries.js';
import { RECONCILE_TYPES } from './types.js';

// Suggest: what OpenRefine's autocomplete boxes ask while an analyst types ("tenc" → Tencent).

const SUGGEST_LIMIT = 10;

function prefixOf(params: URLSearchParams): string {
  const prefix = params.get('prefix');
  if (prefix === null)
    throw new ReconcileInputError('MISSING_PARAMETER', 'Suggest needs a "prefix" parameter: the text typed so far.', { parameter: 'prefix' });
  return prefix.trim();
}

const startsAnyWord = (text: string, prefix: string) =>
  text
    .toLowerCase()
    .split(/[\s_:-]+/)
    .some((word) => word.startsWith(prefix.toLowerCase())) || text.toLowerCase().startsWith(prefix.toLowerCase());

export async function suggestEntities(db: Database, params: URLSearchParams) {
  const prefix = prefixOf(params);
  if (!prefix) return { result: [] };
  const type = params.get('type');
  const queries = parseQueries(JSON.stringify({ s: { query: prefix, limit: SUGGEST_LIMIT, ...(type ? { type } : {}) } }));
  const { s } = await reconcile(db, queries);
  const found = await candidatesByKey(
    db,
    s!.result.map((c) => c.id),
  );
  return {
    result: s!.result.map((c) => ({
      id: c.id,
      name: c.name,
      ...(found.get(c.id)?.nameZh
        ? { description: [found.get(c.id)!.nameZh, c.description].filter(Boolean).join(' · ') }
        : c.description
          ? { description: c.description }
          : {}),
      notable: c.type,
    })),
  };
}

export function suggestTypes(params: URLSearchParams) {
  const prefix = prefixOf(params);
  return {
    result: RECONCILE_TYPES.filter((t) => startsAnyWord(t.id, prefix) || startsAnyWord(t.name, prefix)).map(({ id, name, description }) => ({
      id,
      name,
      description,
    })),
  };
}

const CONSTRAINT_ONLY = CONSTRAINT_PIDS.filter((pid) => !EXTENSION_PROPERTIES.some((p) => p.id === pid)).map((pid) => ({
  id: pid,
  name: pid,
  description: 'Constrains a match.',
}));

export function suggestProperties(params: URLSearchParams) {
  const prefix = prefixOf(params);
  const all = [...EXTENSION_PROPERTIES, ...CONSTRAINT_ONLY].map(({ id, name, description }) => ({ id, name, description }));
  return { result: all.filter((p) => startsAnyWord(p.id, prefix) || startsAnyWord(p.name, prefix)).slice(0, SUGGEST_LIMIT) };
}
