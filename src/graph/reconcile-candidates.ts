import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import type { EntityLabel } from '../core/model.js';
import { SEARCH_INDEX } from './search.js';

// Candidates for the reconciliation API (src/http/reconcile): the full-text index proposes, the
// caller scores. A batch of queries (OpenRefine sends ten names at a time) is one statement.

/** What one reconciliation query asks the index: Lucene queries (each spelling, typos forgiven), and the types allowed. */
export interface CandidateRequest {
  lucene: string[];
  /** Null: any reconcilable type. */
  labels: readonly EntityLabel[] | null;
}

export interface CandidatePlace {
  key: string;
  name: string;
  nameZh: string | null;
  aliases: string[];
}

/** An entity a query may mean, with what its names and property constraints are compared against. */
export interface CandidateRecord {
  key: string;
  label: EntityLabel;
  name: string;
  nameZh: string | null;
  aliases: string[];
  description: string | null;
  kind: string | null;
  /** Where it is headquartered or located. */
  countries: CandidatePlace[];
  /** Canonical JSON strings {scheme, value, source} (a node property holds no maps). */
  identifiers: string[];
  /** The company that designs it (chips): its key and names. */
  vendor: CandidatePlace | null;
}

/** The candidate's fields, shared by reconciliation and by lookups of entities by key (suggest, preview). */
export const CANDIDATE_PROJECTION = (n: string) => `{
  key: ${n}.key,
  label: head([l IN labels(${n}) WHERE l <> 'Entity']),
  name: ${n}.name, nameZh: ${n}.nameZh, aliases: coalesce(${n}.aliases, []),
  description: ${n}.description, kind: ${n}.kind,
  countries: [(${n})-[:HEADQUARTERED_IN|LOCATED_IN]->(c:Entity) | c {.key, .name, .nameZh, aliases: coalesce(c.aliases, [])}],
  identifiers: coalesce(${n}.identifiers, []),
  vendor: coalesce(
    head(COLLECT { MATCH (v:Entity {key: ${n}.vendor}) RETURN v {.key, .name, .nameZh, aliases: coalesce(v.aliases, [])} }),
    head([(v:Company)-[:DESIGNS]->(${n}) | v {.key, .name, .nameZh, aliases: coalesce(v.aliases, [])}]))
}`;

/**
 * The entities each request's text hits, best Lucene score first, at most `limit` of each (the
 * scoring that follows looks at names, not at BM25, so a few more than the client wants are read).
 */
export async function reconciliationCandidates(db: Database, requests: readonly CandidateRequest[], limit: number): Promise<CandidateRecord[][]> {
  if (!requests.length) return [];
  const rows = await db.read<{ i: number; candidates: CandidateRecord[] }>(
    `UNWIND range(0, size($requests) - 1) AS i
     WITH i, $requests[i] AS req
     CALL (req) {
       UNWIND req.lucene AS lucene
       CALL db.index.fulltext.queryNodes($index, lucene) YIELD node, score
       WITH node, max(score) AS score
       WHERE any(l IN labels(node) WHERE l IN coalesce(req.labels, $reconcilable))
       RETURN node, score ORDER BY score DESC, node.key ASC LIMIT $limit
     }
     WITH i, collect(${CANDIDATE_PROJECTION('node')}) AS candidates
     RETURN i, candidates`,
    {
      index: SEARCH_INDEX,
      reconcilable: RECONCILABLE_LABELS,
      requests: requests.map((r) => ({ lucene: r.lucene, labels: r.labels })),
      limit: neo4j.int(limit),
    },
  );
  const byIndex = new Map(rows.map((row) => [Number(row.i), row.candidates]));
  return requests.map((_, i) => byIndex.get(i) ?? []);
}

/** Entities by key, with the same fields as candidates (absent keys are left out). */
export async function candidatesByKey(db: Database, keys: readonly string[]): Promise<Map<string, CandidateRecord>> {
  const rows = await db.read<{ candidate: CandidateRecord }>(
    `UNWIND $keys AS key
     MATCH (node:Entity {key: key})
     RETURN ${CANDIDATE_PROJECTION('node')} AS candidate`,
    { keys: [...new Set(keys)] },
  );
  return new Map(rows.map((row) => [row.candidate.key, row.candidate]));
}

/** Quotes are sentences, not things a spreadsheet names; every other entity type can be reconciled. */
export const RECONCILABLE_LABELS: readonly EntityLabel[] = [
  'Company',
  'CompanyGroup',
  'Organization',
  'Country',
  'Region',
  'Chip',
  'ChipFamily',
  'ProductCategory',
  'DataCenter',
  'Policy',
  'Person',
  'AIModel',
  'Source',
];
