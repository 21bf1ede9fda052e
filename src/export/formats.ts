import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { decodeCell, JSON_SUFFIX } from '../ingest/csv.js';
import { ENTITY_FIELDS, type ExportedGraph, type ExportedSource, FACT_FIELDS, inFieldOrder, type Properties, QUOTE_FIELDS, SOURCE_FIELDS } from './items.js';

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
