import { h } from './dom.js';
import { addMessages, t } from './i18n.js';

// What a view offers to take away: its API answer as CSV (UTF-8 with a BOM, so spreadsheet programs
// read the Chinese), JSON and, for graphs, GraphML and GEXF. Every file carries the graph version the
// answer was read at, so two downloads can be compared and a figure traced back to one state.

export type Cell = string | number | boolean | null | undefined;

/** One table of a view: the rows the page shows, in the columns it shows them. */
export interface Table {
  /** Part of the file name: `companies`, `figures-capex-2024`. */
  name: string;
  columns: string[];
  rows: Record<string, Cell>[];
}

export interface GraphNode {
  id: string;
  label: string;
  name: string;
  attributes?: Record<string, Cell>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  attributes?: Record<string, Cell>;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
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

const BOM = '\uFEFF';
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
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function toJson(download: Downloadable): string {
  return `${JSON.stringify({ graphVersion: download.graphVersion, view: download.name, data: download.json }, null, 2)}\n`;
}

const xml = (value: Cell) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // XML 1.0 allows no control characters but tab, line feed and carriage return.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function attributeNames(items: { attributes?: Record<string, Cell> }[]): string[] {
  return [...new Set(items.flatMap((item) => Object.keys(item.attributes ?? {})))].sort();
}

const xmlType = (items: { attributes?: Record<string, Cell> }[], name: string) =>
  items.every((item) => item.attributes?.[name] === undefined || item.attributes?.[name] === null || typeof item.attributes[name] === 'number')
    ? 'double'
    : 'string';

/**
 * GraphML whose `label` is the entity's name (Gephi shows it as the node label) and whose `type` is
 * its kind (a column to colour by); the graph's `graphVersion` is graph data.
 */
export function toGraphML(graph: GraphData, graphVersion: string | null): string {
  const nodeNames = attributeNames(graph.nodes);
  const edgeNames = attributeNames(graph.edges);
  const keys = [
    '<key id="graphVersion" for="graph" attr.name="graphVersion" attr.type="string"/>',
    '<key id="label" for="node" attr.name="label" attr.type="string"/>',
    '<key id="type" for="node" attr.name="type" attr.type="string"/>',
    ...nodeNames.map((name) => `<key id="n_${xml(name)}" for="node" attr.name="${xml(name)}" attr.type="${xmlType(graph.nodes, name)}"/>`),
    '<key id="relation" for="edge" attr.name="type" attr.type="string"/>',
    ...edgeNames.map((name) => `<key id="e_${xml(name)}" for="edge" attr.name="${xml(name)}" attr.type="${xmlType(graph.edges, name)}"/>`),
  ];
  const data = (prefix: string, attributes: Record<string, Cell> = {}) =>
    Object.entries(attributes)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => `<data key="${prefix}${xml(name)}">${xml(value)}</data>`)
      .join('');
  const nodes = graph.nodes.map(
    (node) =>
      `<node id="${xml(node.id)}"><data key="label">${xml(node.name)}</data><data key="type">${xml(node.label)}</data>${data('n_', node.attributes)}</node>`,
  );
  const edges = graph.edges.map(
    (edge) =>
      `<edge id="${xml(edge.id)}" source="${xml(edge.source)}" target="${xml(edge.target)}"><data key="relation">${xml(edge.type)}</data>${data('e_', edge.attributes)}</edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys,
    '<graph id="G" edgedefault="directed">',
    `<data key="graphVersion">${xml(graphVersion)}</data>`,
    ...nodes,
    ...edges,
    '</graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** GEXF 1.3, what Gephi Lite writes and reads best: `type` and each attribute as a column. */
export function toGexf(graph: GraphData, graphVersion: string | null): string {
  const nodeNames = ['type', ...attributeNames(graph.nodes)];
  const edgeNames = attributeNames(graph.edges);
  const declare = (names: string[], items: { attributes?: Record<string, Cell> }[]) =>
    names.map((name, i) => `<attribute id="${i}" title="${xml(name)}" type="${name === 'type' ? 'string' : xmlType(items, name)}"/>`).join('');
  const values = (names: string[], attributes: Record<string, Cell>) =>
    `<attvalues>${names
      .map((name, i) => (attributes[name] === null || attributes[name] === undefined ? '' : `<attvalue for="${i}" value="${xml(attributes[name])}"/>`))
      .join('')}</attvalues>`;
  const nodes = graph.nodes.map(
    (node) => `<node id="${xml(node.id)}" label="${xml(node.name)}">${values(nodeNames, { type: node.label, ...node.attributes })}</node>`,
  );
  const edges = graph.edges.map(
    (edge) =>
      `<edge id="${xml(edge.id)}" source="${xml(edge.source)}" target="${xml(edge.target)}" label="${xml(edge.type)}">${values(edgeNames, edge.attributes ?? {})}</edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `<meta><creator>Compute Atlas</creator><description>graph version ${xml(graphVersion)}</description></meta>`,
    '<graph defaultedgetype="directed" mode="static">',
    `<attributes class="node">${declare(nodeNames, graph.nodes)}</attributes>`,
    `<attributes class="edge">${declare(edgeNames, graph.edges)}</attributes>`,
    `<nodes>${nodes.join('')}</nodes>`,
    `<edges>${edges.join('')}</edges>`,
    '</graph>',
    '</gexf>',
    '',
  ].join('\n');
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
