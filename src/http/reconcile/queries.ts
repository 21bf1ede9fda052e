import type { Database } from '../../db/database.js';
import type { EntityLabel } from '../../core/model.js';
import { type CandidateRecord, reconciliationCandidates } from '../../graph/reconcile-candidates.js';
import { SearchTextError, toSearchQuery } from '../../graph/search.js';
import { ReconcileInputError } from './errors.js';
import { nameForms, nameScore, searchableText } from './names.js';
import { constraintOutcome, type PropertyConstraint, parseConstraints } from './constraints.js';
import { labelOf, typeRef } from './types.js';

// Reconciliation queries: a batch as OpenRefine sends it ({"q0": {"query": "NVIDIA Corp", "type":
// "Company", "limit": 3, "properties": [{"pid": "country", "v": "US"}]}, ...}), answered in one
// statement, each candidate scored 0–100 by its names and the property constraints.

/** OpenRefine sends 10 per request by default; a batch this size still answers in well under a second. */
export const MAX_QUERIES_PER_BATCH = 50;
export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 25;
/** Read from the index for each query beyond what the client keeps: scoring by names reorders BM25's ranking. */
const CANDIDATES_READ = 25;
/** A candidate at least this good, and this far ahead of the next, is a match OpenRefine may accept without review. */
export const MATCH_SCORE = 85;
export const MATCH_MARGIN = 10;

interface ReconcileQuery {
  id: string;
  text: string;
  labels: EntityLabel[] | null;
  limit: number;
  constraints: PropertyConstraint[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function bad(message: string, value?: unknown): never {
  throw new ReconcileInputError('BAD_RECONCILE_QUERY', message, { parameter: 'queries', ...(value === undefined ? {} : { value }) });
}

/** The `queries` parameter, checked: every mistake names the query and what is wrong with it. */
export function parseQueries(text: string): ReconcileQuery[] {
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch (error) {
    bad(`The "queries" parameter is not JSON (${(error as Error).message}); send an object like {"q0": {"query": "Nvidia"}}.`);
  }
  if (!isObject(batch)) bad('The "queries" parameter must be a JSON object of queries by id, like {"q0": {"query": "Nvidia"}}.');
  const entries = Object.entries(batch);
  if (entries.length > MAX_QUERIES_PER_BATCH) {
    throw new ReconcileInputError(
      'TOO_MANY_QUERIES',
      `A batch holds at most ${MAX_QUERIES_PER_BATCH} queries (got ${entries.length}); send them in several requests.`,
      {
        parameter: 'queries',
        value: entries.length,
        limit: MAX_QUERIES_PER_BATCH,
      },
    );
  }
  return entries.map(([id, query]) => parseQuery(id, query));
}

function parseQuery(id: string, query: unknown): ReconcileQuery {
  if (!isObject(query)) bad(`Query "${id}" must be an object with a "query" string.`, query);
  const known = new Set(['query', 'type', 'limit', 'properties', 'type_strict']);
  const unknown = Object.keys(query).find((field) => !known.has(field));
  if (unknown) bad(`Query "${id}" has an unknown field "${unknown}"; a query has query, type, limit, properties and type_strict.`, unknown);
  const text = query.query ?? '';
  if (typeof text !== 'string') bad(`Query "${id}": "query" must be a string.`, text);
  const types = query.type === undefined ? [] : Array.isArray(query.type) ? query.type : [query.type];
  if (!types.every((t): t is string => typeof t === 'string')) bad(`Query "${id}": "type" must be a type id or a list of them.`, query.type);
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) bad(`Query "${id}": "limit" must be a positive whole number.`, limit);
  if (query.type_strict !== undefined && !['any', 'should', 'all'].includes(String(query.type_strict))) {
    bad(`Query "${id}": "type_strict" must be "any", "should" or "all".`, query.type_strict);
  }
  const constraints = parseConstraints(id, query.properties);
  if (!text.trim() && !constraints.length) bad(`Query "${id}" has neither a "query" text nor "properties" to match.`);
  return { id, text, labels: types.length ? types.map((t) => labelOf(t, `queries.${id}.type`)) : null, limit: Math.min(limit, MAX_LIMIT), constraints };
}

export interface Candidate {
  id: string;
  name: string;
  description?: string;
  score: number;
  match: boolean;
  type: { id: string; name: string }[];
  features: { id: string; value: number | boolean }[];
}

function scoreCandidate(query: ReconcileQuery, queryForms: string[], candidate: CandidateRecord): Omit<Candidate, 'match'> {
  const forms = [candidate.name, candidate.nameZh ?? '', candidate.key, ...candidate.aliases].flatMap(nameForms);
  const byName = queryForms.length ? nameScore(queryForms, forms) : 0;
  const outcome = constraintOutcome(query.constraints, candidate);
  const score = Math.max(0, Math.min(100, outcome.identified ? 100 : byName + outcome.adjustment));
  return {
    id: candidate.key,
    name: candidate.name,
    ...(candidate.description ? { description: candidate.description } : {}),
    score,
    type: [typeRef(candidate.label)],
    features: [{ id: 'name_score', value: byName }, ...outcome.features],
  };
}

/** Best first; `match` only for the best, when it is strong and clearly ahead of the next. */
function ranked(candidates: Omit<Candidate, 'match'>[], limit: number): Candidate[] {
  const sorted = candidates.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const [best, second] = sorted;
  return sorted.slice(0, limit).map((candidate) => ({
    ...candidate,
    match: candidate === best && best.score >= MATCH_SCORE && (!second || best.score - second.score >= MATCH_MARGIN),
  }));
}

/** Answers a batch: `{q0: {result: [...]}, ...}`, every query present even when nothing matches. */
export async function reconcile(db: Database, queries: ReconcileQuery[]): Promise<Record<string, { result: Candidate[] }>> {
  const searches = queries.map((query) => {
    try {
      const search = toSearchQuery(searchableText(query.text));
      return { lucene: search ? [...search.lucene, ...(search.fuzzy ?? [])] : [] };
    } catch (error) {
      if (error instanceof SearchTextError) bad(`Query "${query.id}": the text ${error.message}`, query.text);
      throw error;
    }
  });
  const candidates = await reconciliationCandidates(
    db,
    queries.map((query, i) => ({ lucene: searches[i]!.lucene, labels: query.labels })),
    CANDIDATES_READ,
  );
  return Object.fromEntries(
    queries.map((query, i) => {
      const queryForms = query.text.trim() ? nameForms(query.text) : [];
      return [
        query.id,
        {
          result: ranked(
            candidates[i]!.map((c) => scoreCandidate(query, queryForms, c)),
            query.limit,
          ),
        },
      ];
    }),
  );
}
