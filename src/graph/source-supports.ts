import type { BatchQuery } from './batch.js';
import type { ChangeSetRecord } from './history.js';
import type { FactRecord } from './records.js';

// The reverse lookup of provenance: what one source states. Claims and figures name their sources
// in a `sources` list (no CITES edges, see the README's design notes), so a source's statements are
// the claims and figures whose list holds its key. Each family below is a batch query, so a source
// page's counts, its pages per kind, its rows and its imports go to Neo4j as one statement.

/** What a statement is about: a link, a figure, a quote, or an entity's properties. */
export const SUPPORT_KINDS = ['LINK', 'FIGURE', 'QUOTE', 'ENTITY'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** One statement of a source: a claim (link, quote, entity) or a figure, with its provenance. */
export interface SourceStatementRecord {
  kind: SupportKind;
  /** The claim's or the figure's key. */
  key: string;
  /** The entity (ENTITY, QUOTE), the link's key (LINK) or the figure's subject (FIGURE). */
  target: string;
  /** The label (ENTITY, QUOTE), the relationship type (LINK) or the metric (FIGURE). */
  about: string;
  from: string | null;
  to: string | null;
  sources: string[];
  evidence: string[];
  derived: boolean;
  /** True when every source of it is the curators' general knowledge. */
  curator: boolean;
  note?: string;
  locator?: string;
  confidence?: string;
  /** The values the claim gives, as stored (canonical JSON); null for a figure, whose values are `fact`. */
  values: string | null;
  recordedIn?: string;
  fact: FactRecord | null;
  /** The statement's place in the page order (kind, then row), with `key` breaking ties. */
  sortValue: string;
}

export interface SupportCountRecord {
  kind: SupportKind;
  count: number;
}

export interface SourceSummaryRecord {
  counts: SupportCountRecord[];
  /** How many rows of the file (distinct row locators) produced statements. */
  rows: number;
}

/** One row of a dataset file with the statements it produced. */
export interface SourceRowRecord {
  /** `line 412`: the locator up to its first colon. */
  row: string;
  line: number | null;
  statements: SourceStatementRecord[];
  sortValue: string;
}

interface PageRequest {
  source: string;
  /** One more than the page, to tell whether another follows. */
  limit: number;
  afterValue: string | null;
  afterKey: string | null;
}

export type SupportsRequest = PageRequest & { kind: SupportKind | null };

const LINE = `CASE WHEN item.locator =~ '(?s)line [0-9]+.*' THEN toInteger(split(substring(item.locator, 5), ':')[0]) END`;
const pad = (expression: string) => `right('000000000000' + toString(${expression}), 12)`;

/**
 * Every statement of the source `req.source`, as rows of (kind, item, fact, line). Retracted claims
 * are left out; a figure another write retracted is a RetractedFact, not a FinancialFact.
 */
const STATEMENTS = `CALL (req) {
    MATCH (c:Claim) WHERE req.source IN c.sources AND NOT c.retracted
    RETURN CASE WHEN c.kind = 'LINK' THEN 'LINK' WHEN c.type = 'Quote' THEN 'QUOTE' ELSE 'ENTITY' END AS kind,
           c {.key, .target, about: c.type, from: c.from, to: c.to, .sources, .evidence, .derived, .note, .locator, .confidence, .values, .recordedIn} AS item,
           null AS fact
    UNION ALL
    MATCH (f:FinancialFact) WHERE req.source IN f.sources
    RETURN 'FIGURE' AS kind,
           f {.key, target: f.subject, about: f.metric, from: null, to: null, .sources, .evidence, derived: false, .note, .locator, .confidence, values: null, .recordedIn} AS item,
           f {.*} AS fact
  }
  WITH i, req, kind, item, fact, ${LINE} AS line,
       all(k IN item.sources WHERE EXISTS { MATCH (s:Source {key: k}) WHERE s.kind = 'CURATOR_KNOWLEDGE' }) AS curator`;

const statementRow = (rank: string) => `item {.*, kind: kind, fact: fact, curator: curator, sortValue: toString(${rank}) + ':' + ${pad('coalesce(line, 0)')}}`;

const RANK = `CASE kind WHEN 'LINK' THEN 0 WHEN 'FIGURE' THEN 1 WHEN 'QUOTE' THEN 2 ELSE 3 END`;

const withRequest = (p: string) => `UNWIND range(0, size(${p}) - 1) AS i WITH i, ${p}[i] AS req`;

/** A page of a source's statements, optionally of one kind, ordered by kind, row and key. */
export const sourceSupports: BatchQuery<SupportsRequest, SourceStatementRecord> = {
  signature: 'source-supports',
  cypher: (p) =>
    `${withRequest(p)}
     ${STATEMENTS}
     WHERE req.kind IS NULL OR kind = req.kind
     WITH i, req, ${statementRow(RANK)} AS row
     WHERE req.afterValue IS NULL OR row.sortValue > req.afterValue OR (row.sortValue = req.afterValue AND row.key > req.afterKey)
     WITH i, req, row ORDER BY row.sortValue, row.key
     WITH i, req, collect(row)[0..toInteger(req.limit)] AS rows
     UNWIND rows AS row
     RETURN i, row`,
  toParam: (request) => request,
  decode: (row) => row as SourceStatementRecord,
};

/** How many statements of each kind a source makes, and how many rows of its file produced them. */
export const sourceSummary: BatchQuery<string, SourceSummaryRecord> = {
  signature: 'source-summary',
  cypher: (p) =>
    `UNWIND range(0, size(${p}) - 1) AS i WITH i, {source: ${p}[i]} AS req
     ${STATEMENTS}
     WITH i, kind, count(*) AS count, collect(DISTINCT split(item.locator, ':')[0]) AS rows
     WITH i, collect({kind: kind, count: count}) AS counts, reduce(all = [], r IN collect(rows) | all + [x IN r WHERE NOT x IN all]) AS rows
     RETURN i, {counts: counts, rows: size(rows)} AS row`,
  toParam: (source) => source,
  decode: (row) => row as SourceSummaryRecord,
};

/** A page of the rows of a source's file that produced statements, in file order, each with its statements. */
export const sourceRows: BatchQuery<PageRequest, SourceRowRecord> = {
  signature: 'source-rows',
  cypher: (p) =>
    `${withRequest(p)}
     ${STATEMENTS}
     WHERE item.locator IS NOT NULL
     WITH i, req, split(item.locator, ':')[0] AS rowId, line, ${statementRow(RANK)} AS statement
     ORDER BY statement.sortValue, statement.key
     WITH i, req, rowId, line, collect(statement) AS statements
     WITH i, req, {row: rowId, line: line, statements: statements, sortValue: ${pad('coalesce(line, 999999999999)')} + '|' + rowId} AS row
     WHERE req.afterValue IS NULL OR row.sortValue > req.afterValue
     WITH i, req, row ORDER BY row.sortValue
     WITH i, req, collect(row)[0..toInteger(req.limit)] AS rows
     UNWIND rows AS row
     RETURN i, row`,
  toParam: (request) => request,
  decode: (row) => row as SourceRowRecord,
};

export interface ImportsRequest {
  source: string;
  limit: number;
  /** The change set sequence number to page down from (newest first). */
  beforeSeq: number | null;
}

/** The writes that recorded a source's statements, newest first. */
export const sourceImports: BatchQuery<ImportsRequest, ChangeSetRecord> = {
  signature: 'source-imports',
  cypher: (p) =>
    `${withRequest(p)}
     MATCH (c:ChangeSet) WHERE req.source IN c.sources AND (req.beforeSeq IS NULL OR c.seq < req.beforeSeq)
     WITH i, req, c ORDER BY c.seq DESC
     WITH i, req, collect(c {.id, .seq, at: toString(c.at), .principal, .sources, .added, .changed, .retracted})[0..toInteger(req.limit)] AS rows
     UNWIND rows AS row
     RETURN i, row`,
  toParam: (request) => request,
  decode: (row) => row as ChangeSetRecord,
};
