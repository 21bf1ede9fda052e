import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { Database } from '../db/database.js';
import { graphVersion } from '../graph/history.js';
import { MAX_NEIGHBORHOOD_DEPTH } from '../graph/paths.js';
import { STATED_RELATIONSHIP_TYPES } from '../core/model.js';
import { decodeCell, JSON_SUFFIX } from '../ingest/csv.js';
import { entitySchema, factSchema, quoteSchema, relationshipSchema, sourceSchema } from '../ingest/shapes.js';

// Items leave in the shapes import files use, so an export is itself an importable dataset.
export type ExportedSource = z.input<typeof sourceSchema>;
export type ExportedEntity = z.input<typeof entitySchema>;
export type ExportedRelationship = z.input<typeof relationshipSchema>;
export type ExportedFact = z.input<typeof factSchema>;
export type ExportedQuote = z.input<typeof quoteSchema>;

export interface ExportedGraph {
  sources: ExportedSource[];
  entities: ExportedEntity[];
  relationships: ExportedRelationship[];
  facts: ExportedFact[];
  quotes: ExportedQuote[];
  /** Source key -> the full text stored with that source. */
  texts: Map<string, string>;
  /** The graph version (latest change set) the export was read at. */
  version: string | null;
}

export interface ExportOptions {
  /** Export only the entities within `depth` (1..3) stated hops of `key`, and what they need to import alone. */
  center?: { key: string; depth: number };
}

export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
}

type Properties = Record<string, unknown>;
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
    const [version, nodes, relationships, facts, quotes] = await Promise.all([
      graphVersion(db),
      readNodes(db, null),
      readRelationships(db, null),
      readFacts(db, null),
      readQuotes(db, null),
    ]);
    return { ...assemble(nodes, relationships, facts, quotes), version };
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

/** One item per source's claim of a link, so every source's values travel. */
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

// Fields in the order the shapes declare them, so exported files read like the seed files.
const SOURCE_FIELDS = Object.keys(sourceSchema.shape);
const RELATIONSHIP_FIELDS = Object.keys(relationshipSchema.shape);
const FACT_FIELDS = Object.keys(factSchema.shape);
const QUOTE_FIELDS = Object.keys(quoteSchema.shape);
const ENTITY_FIELDS = new Map<string, string[]>(
  entitySchema.options.map((option) => [option.shape.label.value, ['key', 'label', ...Object.keys(option.shape)]]),
);

/**
 * Declared fields first, in declaration order, then any the shapes do not know (which validation
 * will then name, rather than the export silently losing them). Absent values are left out.
 */
function inFieldOrder(item: Properties, fields: string[]): Properties {
  const names = [...new Set([...fields, ...Object.keys(item).sort()])];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
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

export const EXPORT_FILE_NAMES = ['sources', 'entities', 'relationships', 'facts', 'quotes'] as const;

/**
 * Writes one JSON array per item kind (the importer tells kinds apart by file name) and each source
 * text as sources/<key>.txt, which the source names as its textFile (resolved next to the JSON file).
 * Returns the JSON files, ready for importFiles.
 */
export async function writeJsonExport(graph: ExportedGraph, outDir: string): Promise<string[]> {
  const items = await writeTextsAndVersion(graph, outDir);
  const files: string[] = [];
  for (const kind of EXPORT_FILE_NAMES) {
    const file = path.join(outDir, `${kind}.json`);
    await writeFile(file, `${JSON.stringify(items[kind], null, 2)}\n`);
    files.push(file);
  }
  return files;
}

/** Writes the source texts and the graph version, and returns the items with each text's textFile. */
async function writeTextsAndVersion(graph: ExportedGraph, outDir: string): Promise<ExportedGraph> {
  await mkdir(outDir, { recursive: true });
  if (graph.texts.size) await mkdir(path.join(outDir, 'sources'), { recursive: true });
  for (const [key, text] of graph.texts) await writeFile(path.join(outDir, 'sources', `${key}.txt`), text);
  const sources = graph.sources.map((s) =>
    graph.texts.has(s.key) ? (inFieldOrder({ ...s, textFile: `sources/${s.key}.txt` }, SOURCE_FIELDS) as ExportedSource) : s,
  );
  // Not .json or .csv: importing the folder reads every such file as items.
  await writeFile(path.join(outDir, 'graph-version.txt'), `${graph.version ?? ''}\n`);
  return { ...graph, sources };
}

/**
 * Writes the items as CSV in the import's shape (src/ingest/csv.ts): sources.csv, one
 * entities-<label>.csv per label and one relationships-<type>.csv per type (the importer tells kinds
 * apart by file name), facts.csv and quotes.csv, with the texts as for JSON. Returns the CSV files,
 * ready for importFiles.
 */
export async function writeCsvExport(graph: ExportedGraph, outDir: string): Promise<string[]> {
  const items = await writeTextsAndVersion(graph, outDir);
  const tables = new Map<string, { fields: string[]; rows: Properties[] }>();
  const add = (name: string, fields: string[], row: Properties) => {
    const table = tables.get(name);
    if (table) table.rows.push(row);
    else tables.set(name, { fields, rows: [row] });
  };
  for (const source of items.sources) add('sources', SOURCE_FIELDS, source);
  for (const entity of items.entities) add(`entities-${fileSlug(entity.label)}`, ENTITY_FIELDS.get(entity.label) ?? [], entity);
  for (const { type, from, to, properties, ...provenance } of items.relationships) {
    const own = Object.fromEntries(Object.entries(properties ?? {}).map(([name, value]) => [`properties.${name}`, value]));
    add(`relationships-${fileSlug(type)}`, ['type', 'from', 'to'], { type, from, to, ...own, ...provenance });
  }
  for (const fact of items.facts) add('facts', FACT_FIELDS, fact);
  for (const quote of items.quotes) add('quotes', QUOTE_FIELDS, quote);

  const files: string[] = [];
  for (const [name, { fields, rows }] of tables) {
    const file = path.join(outDir, `${name}.csv`);
    await writeFile(file, toCsv(fields, rows));
    files.push(file);
  }
  return files;
}

/** `DataCenter` -> `data-center`, `DEPENDS_ON` -> `depends-on`. */
function fileSlug(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/**
 * A header of every field the rows have, the shape's fields first in its order (then a link's own
 * properties by name, then the rest as first seen), and one line per row. A column whose
 * every value reads back unchanged from a plain cell stays plain (lists joined with `|`); any other
 * is written as JSON under a `:json` header, so nothing is lost or changes type on the way back.
 */
function toCsv(fields: string[], rows: Properties[]): string {
  const seen = new Set(rows.flatMap((row) => Object.keys(row)));
  const properties = [...seen].filter((column) => column.startsWith('properties.')).sort();
  const columns = [...new Set([...fields.filter((field) => seen.has(field)), ...properties, ...seen])];
  const plain = (value: unknown) => (Array.isArray(value) ? value.map(String).join('|') : String(value));
  // Null and absent are one thing to every field but a fact's period, which the importer restores;
  // so is an empty list to an item's own list fields, whose shapes default them.
  const present = (column: string, value: unknown) =>
    value !== undefined && value !== null && !(Array.isArray(value) && !value.length && !column.startsWith('properties.'));
  const headers = columns.map((column) =>
    rows.every((row) => !present(column, row[column]) || isDeepStrictEqual(decodeCell(column, plain(row[column])), row[column]))
      ? column
      : `${column}${JSON_SUFFIX}`,
  );
  const lines = [headers.map(csvCell).join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((column, i) => {
          const value = row[column];
          if (!present(column, value)) return '';
          return csvCell(headers[i] === column ? plain(value) : JSON.stringify(value));
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Quoted when it holds a delimiter, quote or line break, as csv-parse reads it back. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface GraphMLElement {
  attributes: Properties;
}
interface GraphMLNode extends GraphMLElement {
  id: string;
}
interface GraphMLEdge extends GraphMLElement {
  source: string;
  target: string;
}

/**
 * GraphML 1.0 for Gephi, NetworkX and yEd: entities, sources and quotes are nodes; stated
 * relationships, and the SAID and ABOUT links a quote implies, are directed edges. Figures are left
 * out: they are values of their subject, not actors in the network, and would crowd every layout
 * (the JSON export carries them). Source texts are left out too. Lists become "a | b" strings.
 */
export function toGraphML(graph: ExportedGraph): string {
  const nodes: GraphMLNode[] = [
    ...graph.entities.map(({ key, ...entity }) => ({ id: key, attributes: entity })),
    ...graph.sources.map(({ key, textFile, ...source }) => ({ id: key, attributes: { ...source, name: source.titleEn ?? source.title } })),
    ...graph.quotes.map(({ key, speaker, about, ...quote }) => ({
      id: key,
      attributes: { ...quote, label: 'Quote', name: quote.textEn ?? quote.text },
    })),
  ];
  const edges: GraphMLEdge[] = graph.relationships.map(({ type, from, to, properties, ...provenance }) => ({
    source: from,
    target: to,
    // The relationship type wins over a property that happens to share its name.
    attributes: { ...properties, ...provenance, type },
  }));
  for (const quote of graph.quotes) {
    const provenance = { evidence: quote.evidence, sources: quote.sources, derived: false };
    if (quote.speaker) edges.push({ source: quote.speaker, target: quote.key, attributes: { ...provenance, type: 'SAID' } });
    for (const subject of quote.about) edges.push({ source: quote.key, target: subject, attributes: { ...provenance, type: 'ABOUT' } });
  }

  const nodeKeys = declareKeys('node', nodes);
  const edgeKeys = declareKeys('edge', edges);
  const data = (keys: GraphMLKey[], attributes: Properties) =>
    keys
      .filter((k) => attributes[k.name] !== undefined && attributes[k.name] !== null)
      .map((k) => `      <data key="${k.id}">${xmlText(formatValue(attributes[k.name]))}</data>\n`)
      .join('');

  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ...[...nodeKeys, ...edgeKeys].map((k) => `  <key id="${k.id}" for="${k.domain}" attr.name="${xmlText(k.name)}" attr.type="${k.type}"/>\n`),
    '  <graph id="compute-atlas" edgedefault="directed">\n',
    `    <desc>Compute Atlas graph version ${xmlText(graph.version ?? 'none')}</desc>\n`,
    ...nodes.map((n) => `    <node id="${xmlText(n.id)}">\n${data(nodeKeys, n.attributes)}    </node>\n`),
    ...edges.map((e, i) => `    <edge id="e${i}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">\n${data(edgeKeys, e.attributes)}    </edge>\n`),
    '  </graph>\n',
    '</graphml>\n',
  ].join('');
}

interface GraphMLKey {
  id: string;
  domain: 'node' | 'edge';
  name: string;
  type: 'string' | 'double' | 'boolean';
}

/** One key per attribute name, typed double or boolean only when every value is one. */
function declareKeys(domain: GraphMLKey['domain'], elements: GraphMLElement[]): GraphMLKey[] {
  const values = new Map<string, unknown[]>();
  for (const { attributes } of elements) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null) continue;
      const seen = values.get(name);
      if (seen) seen.push(value);
      else values.set(name, [value]);
    }
  }
  return [...values.keys()].sort().map((name) => {
    const seen = values.get(name)!;
    const type = seen.every((v) => typeof v === 'number') ? 'double' : seen.every((v) => typeof v === 'boolean') ? 'boolean' : 'string';
    return { id: `${domain}_${name}`, domain, name, type };
  });
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(' | ') : String(value);
}

// XML 1.0 admits only these characters; anything else (most C0 controls, lone surrogates, U+FFFE/F) makes the file unreadable.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlText(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
