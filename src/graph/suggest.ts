import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import type { EntityLabel } from '../core/model.js';
import { SEARCH_INDEX, SearchTextError, toSearchQuery, withTypos } from './search.js';

/** How many closest values an unknown-input error lists. */
export const MAX_SUGGESTIONS = 5;

export interface KeySuggestions {
  /** The closest existing keys, best first. */
  keys: string[];
  /** True when the first key differs from the value only in case or spelling of separators: the client meant it. */
  sameKeyOtherCase: boolean;
}

/** The form keys are compared in: keys are lower-case words joined by hyphens (`china-mainland`). */
export function normaliseKey(value: string): string {
  return value
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, '-');
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn one string into the other. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Edits a key may be away from the value and still be suggested: a typo or two, never a different word. */
const closeEnough = (value: string) => Math.max(1, Math.min(3, Math.floor(value.length / 3)));

interface Candidate {
  key: string;
  /** 0: the key in another case; 1: a name, alias or ISO code spelled exactly; 2: a close key, a name search hit or a key the value begins. */
  tier: number;
  distance: number;
  score: number;
}

/**
 * The keys closest to a value that names no entity, in one statement, run only once a value is
 * known to be unknown: keys equal but for case (`Bytedance`), entities whose name, alias or ISO code
 * is the value (`cn` is China's code), keys a few edits away (`bytdance`, `H2O` for `h20`), and what
 * the name search finds forgiving typos, and keys that begin with the value. `labels` limits them to the types the argument takes.
 */
export async function suggestKeys(db: Database, value: string, labels: readonly EntityLabel[] | null = null): Promise<KeySuggestions> {
  const normalised = normaliseKey(value);
  if (!normalised) return { keys: [], sameKeyOtherCase: false };
  const search = searchQueries(value);
  const labelCondition = labels?.length ? 'AND any(l IN labels(n) WHERE l IN $labels)' : '';
  const rows = await db.read<{ key: string; tier: number; score: number }>(
    `CALL () {
       MATCH (n:Entity)
       WHERE (toLower(n.key) = $lower OR toLower(coalesce(n.isoCode, '')) = $lower OR toLower(n.name) = $lower
              OR toLower(coalesce(n.nameZh, '')) = $lower OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $lower))
             ${labelCondition}
       RETURN n.key AS key, 1 AS tier, 0.0 AS score
       UNION
       MATCH (n:Entity) WHERE abs(size(n.key) - size($normalised)) <= $maxEdits ${labelCondition}
       RETURN n.key AS key, 2 AS tier, 0.0 AS score
       UNION
       UNWIND $queries AS query
       CALL db.index.fulltext.queryNodes($index, query, {limit: 10}) YIELD node AS n, score
       WITH n, score WHERE true ${labelCondition}
       RETURN n.key AS key, 3 AS tier, score
       UNION
       MATCH (n:Entity) WHERE size($normalised) >= 3 AND n.key STARTS WITH $normalised ${labelCondition}
       RETURN n.key AS key, 4 AS tier, 0.0 AS score
     }
     RETURN key, min(tier) AS tier, max(score) AS score`,
    {
      lower: value.normalize('NFKC').trim().toLowerCase(),
      normalised,
      maxEdits: neo4j.int(closeEnough(normalised)),
      queries: search,
      index: SEARCH_INDEX,
      labels: labels?.length ? labels : null,
    },
  );
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const distance = editDistance(normalised, normaliseKey(row.key));
    const tier = distance === 0 ? 0 : row.tier === 1 ? 1 : 2;
    if (tier === 2 && row.tier === 2 && distance > closeEnough(normalised)) continue;
    // A search hit or a key the value begins (`caijing` of the long source keys) may be many edits
    // away, yet is meant more often than not: it ranks with the farthest typo.
    const far = (row.tier === 3 || row.tier === 4) && tier === 2;
    candidates.push({ key: row.key, tier, distance: far ? Math.min(distance, closeEnough(normalised)) : distance, score: row.score });
  }
  candidates.sort((a, b) => a.tier - b.tier || a.distance - b.distance || b.score - a.score || a.key.localeCompare(b.key));
  const keys = candidates.slice(0, MAX_SUGGESTIONS).map((c) => c.key);
  return { keys, sameKeyOtherCase: candidates[0]?.tier === 0 };
}

/** The name search for a value, forgiving typos; none for text the search refuses or cannot use. */
function searchQueries(value: string): string[] {
  try {
    const query = toSearchQuery(value);
    if (!query) return [];
    return [...query.lucene, ...(withTypos(query)?.lucene ?? [])];
  } catch (error) {
    if (error instanceof SearchTextError) return [];
    throw error;
  }
}

/**
 * A period as written by someone who means a year or a quarter: `FY24` and `'24` are 2024, `2024-Q4`
 * is 2024Q4. Used only to rank the periods that exist.
 */
function periodForm(value: string): string {
  const compact = value
    .trim()
    .toUpperCase()
    .replace(/[\s'’_-]+/g, '');
  const match = /^(?:FY|CY)?(\d{2}|\d{4})(Q[1-4])?$/.exec(compact);
  if (!match) return compact;
  const year = match[1]!.length === 2 ? `20${match[1]}` : match[1]!;
  return `${year}${match[2] ?? ''}`;
}

/** The periods that exist, closest to the one asked for first (all of them: a metric has a handful). */
export function rankPeriods(value: string, periods: readonly string[]): string[] {
  const wanted = periodForm(value);
  return [...periods].sort((a, b) => editDistance(wanted, a) - editDistance(wanted, b) || b.localeCompare(a));
}

/** The periods some figure of the metric is stated for. */
export async function periodsOf(db: Database, metric: string): Promise<string[]> {
  const rows = await db.read<{ period: string }>(
    'MATCH (f:FinancialFact {metric: $metric}) WHERE f.period IS NOT NULL RETURN DISTINCT f.period AS period ORDER BY period',
    { metric },
  );
  return rows.map((row) => row.period);
}
