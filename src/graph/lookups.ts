import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../core/model.js';
import type { BatchQuery } from './batch.js';
import {
  packedEntity,
  packedRelationshipProperties,
  type EntityRecord,
  type FactRecord,
  type LinkNeed,
  type LinkRecord,
  type Packed,
  type PropertyNeed,
  WHOLE_LINKS,
} from './records.js';

// The batched lookups the API is built from. Labels and relationship types are checked against
// the closed lists in model.ts before they are placed into Cypher text.

function assertLabel(label: string): EntityLabel {
  if (!(ENTITY_LABELS as readonly string[]).includes(label)) throw new Error(`Unknown label ${label}`);
  return label as EntityLabel;
}

function assertTypes(types: readonly string[]): RelationshipType[] {
  for (const type of types) {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`Unknown relationship type ${type}`);
  }
  return [...types] as RelationshipType[];
}

/** Kinds are interpolated into Cypher: only the upper-case words of model.ts's vocabularies pass. */
function assertKind(kind: string): string {
  if (!/^[A-Z][A-Z_]*$/.test(kind)) throw new Error(`Unknown kind ${kind}`);
  return kind;
}

const entityQueries = new Map<string, BatchQuery<string, EntityRecord>>();
const needSignature = (need: PropertyNeed) => (need === 'ALL' ? '*' : need.join(','));

/**
 * Entities by key, optionally of one label only (a Company lookup must not return a Chip), with
 * the properties a selection needs.
 */
export function entityByKey(label: EntityLabel | 'Entity' = 'Entity', need: PropertyNeed = 'ALL'): BatchQuery<string, EntityRecord> {
  const safeLabel = label === 'Entity' ? 'Entity' : assertLabel(label);
  const signature = `entity:${safeLabel}:${needSignature(need)}`;
  let query = entityQueries.get(signature);
  if (!query) {
    const entity = packedEntity('n', need);
    query = {
      signature,
      cypher: (p) =>
        `UNWIND range(0, size(${p}) - 1) AS i
         MATCH (n:${safeLabel} {key: ${p}[i]})
         RETURN i, ${entity.cypher} AS row`,
      toParam: (key) => key,
      decode: entity.unpack,
    };
    entityQueries.set(signature, query);
  }
  return query;
}

export interface LinkSpec {
  types: readonly RelationshipType[];
  direction: 'OUT' | 'IN' | 'BOTH';
  /** Only neighbours carrying one of these labels. */
  labels?: readonly EntityLabel[];
  /** Only neighbours whose `kind` is one of these (values of model.ts's closed kinds: a Policy of kind DESIGNATION_LIST). */
  kinds?: readonly string[];
}

/**
 * The links of `n` a spec names, as a Cypher pattern and WHERE clause binding `r` and `m`, and the
 * row each becomes: shared by the batched lookup and by statements that prefetch it.
 */
export function linkPattern(spec: LinkSpec, n: string): { pattern: string; where: string } {
  const types = assertTypes(spec.types);
  const labels = (spec.labels ?? []).map(assertLabel);
  const kinds = (spec.kinds ?? []).map(assertKind);
  const conditions = [
    // Labels are alternatives; parenthesised only where kinds narrow them, so a plain label filter reads as before.
    ...(labels.length ? [kinds.length ? `(${labels.map((l) => `m:${l}`).join(' OR ')})` : labels.map((l) => `m:${l}`).join(' OR ')] : []),
    ...(kinds.length ? [`m.kind IN [${kinds.map((k) => `'${k}'`).join(', ')}]`] : []),
  ];
  const [left, right] = spec.direction === 'OUT' ? ['-', '->'] : spec.direction === 'IN' ? ['<-', '-'] : ['-', '-'];
  return {
    pattern: `(${n})${left}[r:${types.join('|')}]${right}(m:Entity)`,
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
  };
}

/** The row of a link bound by linkPattern: the relationship `r` seen from `n`, with the node `m` at its other end. */
export function linkRow(n: string, need: LinkNeed): Packed<LinkRecord> {
  const properties = packedRelationshipProperties('r', need.relation);
  const node = packedEntity('m', need.node);
  return {
    cypher: `[type(r), startNode(r) = ${n}, ${properties.cypher}, ${node.cypher}]`,
    unpack: (value) => {
      const [type, outgoing, props, other] = value as [LinkRecord['type'], boolean, unknown, unknown];
      return { type, outgoing, properties: properties.unpack(props), node: node.unpack(other) };
    },
  };
}

const linkQueries = new Map<string, BatchQuery<string, LinkRecord>>();

/** The relationships of the given types around each entity, with the node at the other end. */
export function linksOf(spec: LinkSpec, need: LinkNeed = WHOLE_LINKS): BatchQuery<string, LinkRecord> {
  const signature = `links:${spec.direction}:${spec.types.join('|')}:${(spec.labels ?? []).join('|')}:${(spec.kinds ?? []).join('|')}:${needSignature(need.relation)}:${needSignature(need.node)}`;
  let query = linkQueries.get(signature);
  if (!query) {
    const { pattern, where } = linkPattern(spec, 'n');
    const row = linkRow('n', need);
    query = {
      signature,
      cypher: (p) =>
        `UNWIND range(0, size(${p}) - 1) AS i
         MATCH (n:Entity {key: ${p}[i]})
         MATCH ${pattern}
         ${where}
         RETURN i, ${row.cypher} AS row`,
      toParam: (key) => key,
      decode: row.unpack,
    };
    linkQueries.set(signature, query);
  }
  return query;
}

export interface FactFilter {
  subject: string;
  metric?: string | null;
  period?: string | null;
}

/**
 * The figures a subject reported, of one metric and period when those are not null, as a pattern
 * and WHERE clause binding `f`, and the row each becomes: shared by the batched lookup and by
 * statements that prefetch it. `subject` is the inside of a node pattern; `metric` and `period`
 * are Cypher expressions.
 */
export function factsPattern(subject: string, metric: string, period: string): { pattern: string; where: string; row: string } {
  return {
    pattern: `(${subject})-[:REPORTED]->(f:FinancialFact)`,
    where: `WHERE (${metric} IS NULL OR f.metric = ${metric}) AND (${period} IS NULL OR f.period = ${period})`,
    row: 'f {.*}',
  };
}

const requestedFacts = factsPattern('s:Entity {key: req.subject}', 'req.metric', 'req.period');

export const factsOf: BatchQuery<FactFilter, FactRecord> = {
  signature: 'facts',
  cypher: (p) =>
    `UNWIND range(0, size(${p}) - 1) AS i
     WITH i, ${p}[i] AS req
     MATCH ${requestedFacts.pattern}
     ${requestedFacts.where}
     RETURN i, ${requestedFacts.row} AS row`,
  toParam: (filter) => ({ subject: filter.subject, metric: filter.metric ?? null, period: filter.period ?? null }),
  decode: (row) => row as FactRecord,
};

/** Figures by key, for results that name their figures (totals). */
export const factByKey: BatchQuery<string, FactRecord> = {
  signature: 'fact',
  cypher: (p) =>
    `UNWIND range(0, size(${p}) - 1) AS i
     MATCH (f:FinancialFact {key: ${p}[i]})
     RETURN i, f {.*} AS row`,
  toParam: (key) => key,
  decode: (row) => row as FactRecord,
};

/** A claim as the API shows it: one source's statement of a link. */
export interface SupportRecord {
  source: string;
  sources: string[];
  evidence: string[];
  derived: boolean;
  note?: string;
  /** Where in a dataset file the statement is (`line 412: ...`), and the publisher's confidence in it. */
  locator?: string;
  confidence?: string;
  /** The values that source gives (units, period...). */
  properties: Record<string, unknown>;
  seq: number;
  recordedIn: string;
}

/** The claims that support each link (by the link's key), retracted ones left out. */
export const supportOf: BatchQuery<string, SupportRecord> = {
  signature: 'support',
  cypher: (p) =>
    `UNWIND range(0, size(${p}) - 1) AS i
     MATCH (c:Claim {target: ${p}[i]}) WHERE c.kind = 'LINK' AND NOT c.retracted
     RETURN i, c {.source, .sources, .evidence, .derived, .note, .locator, .confidence, .values, .seq, .recordedIn} AS row`,
  toParam: (key) => key,
  decode: (row) => {
    const { values, ...claim } = row as Omit<SupportRecord, 'properties'> & { values: string };
    return { ...claim, properties: JSON.parse(values) as Record<string, unknown> };
  },
};
