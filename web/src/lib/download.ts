import { h } from './dom.js';
import { addMessages, t } from './i18n.js';
import { CSV_BOM, type Cell, type GraphData, toGexf, toGraphML } from '../../../src/export/graph-files.js';

// What a view offers to take away: its API answer as CSV (UTF-8 with a BOM, so spreadsheet programs
// read the Chinese), JSON and, for graphs, GraphML and GEXF. Every file carries the graph version the
// answer was read at, so two downloads can be compared and a figure traced back to one state. The
// GraphML and GEXF writers are the CLI export's (src/export/graph-files.ts): one set of conventions.

export type { Cell, GraphData, GraphEdge, GraphNode } from '../../../src/export/graph-files.js';
export { toGexf, toGraphML };

/** One table of a view: the rows the page shows, in the columns it shows them. */
export interface Table {
  /** Part of the file name: `companies`, `figures-capex-2024`. */
  name: string;
  columns: string[];
  rows: Record<string, Cell>[];
}

/** Everything one view offers: select `graphVersion` in the same query as the data. */
export interface Downloadable {
  /** The view, for file names: `entity-bytedance`, `neighbourhood-h20-d1`. */
  name: string;
  graphVersion: string | null;
  tables: Table[];
  /** The API answer as the page received it. */
  json: unknown;
  graph?: GraphData;
}

export const GRAPH_VERSION_COLUMN = 'graphVersion';

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a BOM; the graph version is the last column of every row. */
export function toCsv(table: Table, graphVersion: string | null): string {
  const columns = [...table.columns, GRAPH_VERSION_COLUMN];
  const lines = [columns.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(columns.map((column) => csvCell(column === GRAPH_VERSION_COLUMN ? graphVersion : row[column])).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

export function toJson(download: Downloadable): string {
  return `${JSON.stringify({ graphVersion: download.graphVersion, view: download.name, data: download.json }, null, 2)}\n`;
}

/** Hands a text to the browser as a file (a Blob URL: nothing leaves the machine). */
export function save(fileName: string, type: string, body: string | Blob): void {
  const url = URL.createObjectURL(body instanceof Blob ? body : new Blob([body], { type }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = (download: Downloadable, part: string, extension: string) =>
  `${[download.name, part, download.graphVersion ?? 'empty'].filter(Boolean).join('-')}.${extension}`.replace(/[^\w.-]+/g, '_');

addMessages({ Download: '下载', 'Download this view’s data': '下载本视图的数据' });

/**
 * A "Download" menu for a view: a CSV per table, the JSON answer and, for a graph, GraphML and GEXF.
 * `extra` adds view-specific files (a graph's PNG and SVG).
 */
export function downloadMenu(download: Downloadable, extra: HTMLElement[] = []): HTMLElement {
  const button = (label: string, format: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'download', 'data-format': format, onclick }, label);
  const csvButtons = download.tables.map((table) =>
    button(download.tables.length > 1 ? `CSV: ${table.name}` : 'CSV', `csv:${table.name}`, () =>
      save(fileName(download, table.name, 'csv'), 'text/csv;charset=utf-8', toCsv(table, download.graphVersion)),
    ),
  );
  const graph = download.graph;
  return h(
    'details',
    { class: 'downloads', 'data-graph-version': download.graphVersion ?? '' },
    h('summary', { title: t('Download this view’s data') }, t('Download')),
    h(
      'div',
      { class: 'download-list' },
      csvButtons,
      button('JSON', 'json', () => save(fileName(download, '', 'json'), 'application/json', toJson(download))),
      graph
        ? [
            button('GraphML', 'graphml', () => save(fileName(download, '', 'graphml'), 'application/graphml+xml', toGraphML(graph, download.graphVersion))),
            button('GEXF', 'gexf', () => save(fileName(download, '', 'gexf'), 'application/gexf+xml', toGexf(graph, download.graphVersion))),
          ]
        : null,
      extra,
    ),
  );
}
