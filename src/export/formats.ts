import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { decodeCell, JSON_SUFFIX } from '../ingest/csv.js';
import { evidenceAids, namesByKey, toGraphData } from './graph-data.js';
import { CSV_BOM, toGexf as writeGexf, toGraphML as writeGraphML } from './graph-files.js';
import { ENTITY_FIELDS, type ExportedGraph, type ExportedSource, FACT_FIELDS, inFieldOrder, type Properties, QUOTE_FIELDS, SOURCE_FIELDS } from './items.js';

export const EXPORT_FILE_NAMES = ['sources', 'entities', 'relationships', 'facts', 'quotes'] as const;

/**
 * Writes one JSON array per item kind (the importer tells kinds apart by file name) and each source
 * text as sources/<key>.txt, which the source names as its textFile (resolved next to the JSON file).
 * Returns the JSON files, ready for importFiles.
 */
export async function writeJsonExport(graph: ExportedGraph, outDir: string): Promise<string[]> {
  const items = withReadingAids(await writeTextsAndVersion(graph, outDir));
  const files: string[] = [];
  for (const kind of EXPORT_FILE_NAMES) {
    const file = path.join(outDir, `${kind}.json`);
    await writeFile(file, `${JSON.stringify(items[kind], null, 2)}\n`);
    files.push(file);
  }
  return files;
}

/**
 * Beside each verbatim evidence, the cleaned and English text (graph-data.ts), and beside each key a
 * link or figure names, that item's name: columns to read, which the importer drops.
 */
function withReadingAids(graph: ExportedGraph): ExportedGraph {
  const names = namesByKey(graph);
  const named = (key: string) => names.get(key) ?? null;
  return {
    ...graph,
    relationships: graph.relationships.map((r) => ({ ...r, fromName: named(r.from), toName: named(r.to), ...evidenceAids(r.evidence) })),
    facts: graph.facts.map((f) => ({ ...f, subjectName: named(f.subject), ...evidenceAids(f.evidence) })),
    quotes: graph.quotes.map((q) => ({ ...q, ...evidenceAids(q.evidence) })),
  };
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
  const items = withReadingAids(await writeTextsAndVersion(graph, outDir));
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
    add(`relationships-${fileSlug(type)}`, ['type', 'from', 'fromName', 'to', 'toName'], { type, from, to, ...own, ...provenance });
  }
  for (const fact of items.facts) add('facts', FACT_FIELDS, fact);
  for (const quote of items.quotes) add('quotes', QUOTE_FIELDS, quote);

  const files: string[] = [];
  for (const [name, { fields, rows }] of tables) {
    const file = path.join(outDir, `${name}.csv`);
    await writeFile(file, `${CSV_BOM}${toCsv(fields, rows)}`);
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

/** GraphML for Gephi, NetworkX and yEd (conventions in graph-files.ts, the graph in graph-data.ts). */
export function toGraphML(graph: ExportedGraph): string {
  return writeGraphML(toGraphData(graph), graph.version);
}

/** GEXF 1.3 for Gephi and Gephi Lite, the same graph as toGraphML. */
export function toGexf(graph: ExportedGraph): string {
  return writeGexf(toGraphData(graph), graph.version);
}
