import type { Database } from '../db/database.js';
import { STATED_RELATIONSHIP_TYPES } from '../core/model.js';
import { graphVersion } from '../graph/history.js';
import { MAX_NEIGHBORHOOD_DEPTH } from '../graph/paths.js';
import {
  ENTITY_FIELDS,
  type ExportedEntity,
  type ExportedGraph,
  type ExportedQuote,
  type ExportedRelationship,
  type ExportedSource,
  type ExportedFact,
  FACT_FIELDS,
  inFieldOrder,
  type Properties,
  QUOTE_FIELDS,
  RELATIONSHIP_FIELDS,
  SOURCE_FIELDS,
} from './items.js';

export interface ExportOptions {
  /** Export only the entities within `depth` (1..3) stated hops of `key`, and what they need to import alone. */
  center?: { key: string; depth: number };
}

export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
}

interface NodeRow {
  label: string;
  properties: Properties;
}
interface RelationshipRow {
  type: string;
  from: string;
  to: string;
  properties: Properties;
}
interface QuoteRow {
  properties: Properties;
  about: string[];
  speakers: { key: string; name: string }[];
}

// Types come from the closed list in model.ts, never from input: safe to interpolate.
const STATED_TYPES = STATED_RELATIONSHIP_TYPES.join('|');
const NODE_COLUMNS = `[l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS properties`;

/** Reads of the whole graph before an export gives up on a graph that writes keep changing. */
const MAX_EXPORT_ATTEMPTS = 5;

/** Item fields that name other items which must travel with an export for it to import on its own. */
const REFERENCE_FIELDS = ['sources', 'vendor', 'market', 'relativeTo', 'estimatedBy'] as const;

/**
 * Reads the whole graph, or the neighbourhood of one entity, as import items. A neighbourhood
 * export also carries every source its items cite (and the sources those cite), and the entities
 * its items name in a property (a chip's vendor, a figure's market...), so it imports into an empty
 * database; links leading out of it (a quote's speaker, its other subjects) are cut instead.
 */
export async function exportGraph(db: Database, options: ExportOptions = {}): Promise<ExportedGraph> {
  const { center } = options;
  if (!center) {
    // The parts are read by separate statements, so a write between them could leave a link whose
    // end is not in the file: the graph version is read before and after, and the export read
    // again until it is the same, so the file is one version of the graph.
    for (let attempt = 1; ; attempt++) {
      const version = await graphVersion(db);
      const [nodes, relationships, facts, quotes] = await Promise.all([
        readNodes(db, null),
        readRelationships(db, null),
        readFacts(db, null),
        readQuotes(db, null),
      ]);
      if ((await graphVersion(db)) === version) return { ...assemble(nodes, relationships, facts, quotes), version };
      if (attempt === MAX_EXPORT_ATTEMPTS) throw new Error(`the graph changed during each of ${MAX_EXPORT_ATTEMPTS} export attempts; retry when writes pause`);
    }
  }

  const { key, depth } = center;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBORHOOD_DEPTH) {
    throw new RangeError(`depth must be an integer in 1..${MAX_NEIGHBORHOOD_DEPTH}, got ${depth}`);
  }
  const neighbourhood = await readNeighbourhood(db, key, depth);
  if (!neighbourhood.length) throw new UnknownEntityError(`no entity with key "${key}"`);
  const keys = neighbourhood.map((n) => n.properties.key as string);
  const [nodes, relationships, facts, quotes] = await Promise.all([
    readNodes(db, keys),
    readRelationships(db, keys),
    readFacts(db, keys),
    readQuotes(db, keys),
  ]);
  const graph = { ...assemble(nodes, relationships, facts, quotes), version: await graphVersion(db) };
  await addReferencedNodes(db, graph);

  const entityKeys = new Set(graph.entities.map((e) => e.key));
  const exported = new Set([...entityKeys, ...graph.sources.map((s) => s.key), ...graph.quotes.map((q) => q.key)]);
  const speakerNames = new Map(quotes.flatMap((q) => q.speakers.map((s) => [s.key, s.name] as const)));
  // Quotes are picked by an ABOUT link into the neighbourhood, so none is left without a subject.
  graph.quotes = graph.quotes.map((q) => {
    const about = q.about.filter((k) => exported.has(k));
    if (!q.speaker || entityKeys.has(q.speaker)) return { ...q, about };
    // A quote needs a speaker or a description of one: the speaker's name keeps who said it.
    const { speaker, ...rest } = q;
    return inFieldOrder({ ...rest, about, speakerDescription: q.speakerDescription ?? speakerNames.get(speaker) }, QUOTE_FIELDS) as ExportedQuote;
  });
  return graph;
}

interface ClaimRow {
  label: string;
  key: string;
  values: string;
  sources: string[];
  evidence: string[];
  note: string | null;
  fullText?: string | null;
}

/** A claim as the properties of its item: the source's own values, with its provenance. */
function claimProperties({ key, values, sources, evidence, note, fullText }: ClaimRow): Properties {
  return Object.fromEntries(
    Object.entries({
      ...(JSON.parse(values) as Properties),
      key,
      // A primary source cites no other source.
      sources: sources.length ? sources : undefined,
      evidence: evidence.length ? evidence : undefined,
      note: note ?? undefined,
      fullText: fullText ?? undefined,
    }).filter(([, value]) => value !== undefined),
  );
}

/**
 * Every entity and source (quotes are read with their links), or those with the given keys: one
 * item per source's claim, so that importing the export restores every source's statement.
 */
async function readNodes(db: Database, keys: string[] | null): Promise<NodeRow[]> {
  const rows = await db.read<ClaimRow>(
    `MATCH (n:Entity) WHERE NOT n:Quote ${keys ? 'AND n.key IN $keys' : ''}
     MATCH (c:Claim {kind: 'ENTITY', target: n.key}) WHERE NOT c.retracted
     RETURN c.type AS label, n.key AS key, c.values AS values, c.sources AS sources, c.evidence AS evidence, c.note AS note,
            n.fullText AS fullText
     ORDER BY n.key, c.seq, c.key`,
    { keys },
  );
  return rows.map((row) => ({ label: row.label, properties: claimProperties(row) }));
}

/**
 * The entity and everything within `depth` hops of it through stated relationships. A variable-length
 * match returning DISTINCT end nodes lets the planner use a pruning breadth-first expand, so a hub
 * costs its distinct neighbours rather than every path to them. `depth` is a validated integer:
 * Cypher takes no parameter in a path length.
 */
function readNeighbourhood(db: Database, key: string, depth: number): Promise<NodeRow[]> {
  return db.read<NodeRow>(
    `MATCH (center:Entity {key: $key}) WHERE NOT center:Source AND NOT center:Quote
     MATCH (center)-[:${STATED_TYPES}*0..${depth}]-(n)
     WITH DISTINCT n
     RETURN ${NODE_COLUMNS}
     ORDER BY n.key`,
    { key },
  );
}

/**
 * One item per source's claim of a link, so every source's values travel. Only claims between
 * entities that exist: entities are retracted, never deleted, but a link to a node deleted by hand
 * would make the graph files name a node they do not hold (NetworkX and Gephi invent one).
 */
async function readRelationships(db: Database, keys: string[] | null): Promise<RelationshipRow[]> {
  const rows = await db.read<{
    type: string;
    from: string;
    to: string;
    values: string;
    evidence: string[];
    sources: string[];
    derived: boolean;
    note: string | null;
  }>(
    `MATCH (c:Claim {kind: 'LINK'}) WHERE NOT c.retracted ${keys ? 'AND c.from IN $keys AND c.to IN $keys' : ''}
       AND EXISTS { MATCH (:Entity {key: c.from}) } AND EXISTS { MATCH (:Entity {key: c.to}) }
     RETURN c.type AS type, c.from AS from, c.to AS to, c.values AS values, c.evidence AS evidence, c.sources AS sources,
            c.derived AS derived, c.note AS note
     ORDER BY c.type, c.from, c.to, c.target, c.seq, c.key`,
    { keys },
  );
  return rows.map(({ type, from, to, values, note, ...provenance }) => ({
    type,
    from,
    to,
    properties: { ...(JSON.parse(values) as Properties), ...provenance, ...(note ? { note } : {}) },
  }));
}

/** What the graph keeps of a figure for its history and conflicts, not part of what the source states. */
const FACT_BOOKKEEPING = ['digest', 'valuesDigest', 'seq', 'recordedIn', 'changedIn'];

async function readFacts(db: Database, subjects: string[] | null): Promise<Properties[]> {
  const rows = await db.read<{ properties: Properties }>(
    subjects
      ? `MATCH (s:Entity)-[:REPORTED]->(f:FinancialFact) WHERE s.key IN $subjects
         RETURN properties(f) AS properties ORDER BY f.key`
      : 'MATCH (f:FinancialFact) RETURN properties(f) AS properties ORDER BY f.key',
    { subjects },
  );
  return rows.map((row) => {
    const fact = Object.fromEntries(Object.entries(row.properties).filter(([name]) => !FACT_BOOKKEEPING.includes(name)));
    // Stored as a JSON string (Neo4j keeps no list of maps); the import shape is the list itself.
    if (typeof fact.checks === 'string') fact.checks = JSON.parse(fact.checks) as unknown;
    return fact;
  });
}

/** Quotes (all, or those about one of `keys`), one per source's claim, with their subjects and speaker read back from the links the loader made. */
async function readQuotes(db: Database, keys: string[] | null): Promise<QuoteRow[]> {
  const rows = await db.read<ClaimRow & Omit<QuoteRow, 'properties'>>(
    `${keys ? 'MATCH (e:Entity)<-[:ABOUT]-(q:Quote) WHERE e.key IN $keys WITH DISTINCT q' : 'MATCH (q:Quote)'}
     MATCH (c:Claim {kind: 'ENTITY', target: q.key}) WHERE NOT c.retracted
     RETURN 'Quote' AS label, q.key AS key, c.values AS values, c.sources AS sources, c.evidence AS evidence, c.note AS note,
            COLLECT { MATCH (q)-[:ABOUT]->(t:Entity) RETURN t.key ORDER BY t.key } AS about,
            COLLECT { MATCH (p:Person)-[:SAID]->(q) RETURN p {.key, .name} } AS speakers
     ORDER BY q.key, c.seq, c.key`,
    { keys },
  );
  return rows.map((row) => ({ properties: claimProperties(row), about: row.about, speakers: row.speakers }));
}

/** Fetches what the items name but the export lacks, then what those name, until nothing is missing. */
async function addReferencedNodes(db: Database, graph: ExportedGraph): Promise<void> {
  const known = new Set([...graph.entities.map((e) => e.key), ...graph.sources.map((s) => s.key)]);
  const missingFrom = (items: object[]) => [...new Set(items.flatMap(referencedKeys))].filter((key) => !known.has(key));
  let missing = missingFrom([...graph.entities, ...graph.sources, ...graph.relationships, ...graph.facts, ...graph.quotes]);
  while (missing.length) {
    for (const key of missing) known.add(key);
    const found = assemble(await readNodes(db, missing), [], [], []);
    graph.entities.push(...found.entities);
    graph.sources.push(...found.sources);
    for (const [key, text] of found.texts) graph.texts.set(key, text);
    missing = missingFrom([...found.entities, ...found.sources]);
  }
  graph.entities.sort(byKey);
  graph.sources.sort(byKey);
}

function referencedKeys(item: object): string[] {
  const fields = item as Record<string, unknown>;
  return REFERENCE_FIELDS.flatMap((field) => {
    const value = fields[field];
    return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  });
}

function assemble(nodes: NodeRow[], relationships: RelationshipRow[], facts: Properties[], quotes: QuoteRow[]): Omit<ExportedGraph, 'version'> {
  const graph: Omit<ExportedGraph, 'version'> = { sources: [], entities: [], relationships: [], facts: [], quotes: [], texts: new Map() };
  for (const { label, properties } of nodes) {
    if (label === 'Source') {
      // `name` is derived from the titles on import; the text travels apart, as a textFile.
      const { name, fullText, ...source } = properties;
      graph.sources.push(inFieldOrder({ ...source, label }, SOURCE_FIELDS) as ExportedSource);
      if (typeof fullText === 'string') graph.texts.set(source.key as string, fullText);
    } else {
      graph.entities.push(inFieldOrder({ ...properties, label }, ENTITY_FIELDS.get(label) ?? ['key', 'label']) as ExportedEntity);
    }
  }
  for (const { type, from, to, properties } of relationships) {
    const { key, evidence, sources, derived, note, ...own } = properties;
    graph.relationships.push(
      inFieldOrder({ type, from, to, properties: sortedFields(own), evidence, sources, derived, note }, RELATIONSHIP_FIELDS) as ExportedRelationship,
    );
  }
  for (const { key, ...fact } of facts) {
    // The import shape asks for `period` even when a figure has none; the graph stores none as absent.
    graph.facts.push(inFieldOrder({ ...fact, period: fact.period ?? null }, FACT_FIELDS) as ExportedFact);
  }
  for (const { properties, about, speakers } of quotes) {
    const { name, ...quote } = properties;
    graph.quotes.push(inFieldOrder({ ...quote, speaker: speakers[0]?.key, about }, QUOTE_FIELDS) as ExportedQuote);
  }
  return graph;
}

function sortedFields(item: Properties): Properties {
  return Object.fromEntries(
    Object.keys(item)
      .sort()
      .map((name) => [name, item[name]]),
  );
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
