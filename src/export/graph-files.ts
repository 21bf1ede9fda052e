// GraphML and GEXF writers shared by `npm run export` and the explorer's downloads (the web bundle
// imports this file), so a graph opened in Gephi or NetworkX reads the same whichever wrote it.
// Dependency-free on purpose: the bundle may import nothing of Node's.
//
// Conventions: a node's label is the entity's name (Gephi's GraphML importer maps a `label` key to
// the node label; GEXF has a label attribute) and `type` its kind, a column to colour by. An edge's
// relation type is its `type` column, and in GEXF also its label and `kind`. Numbers are typed
// double, so a figure column (`CAPEX_2024`) can size nodes; booleans are typed boolean. A list is
// written as a JSON array (`["a","b"]`): GraphML has no list type, and JSON splits unambiguously.

export type Cell = string | number | boolean | null | undefined;

export interface GraphNode {
  id: string;
  /** The kind of the node: `Company`, `Chip`, `Quote`. Written as the `type` column. */
  label: string;
  /** What a reader calls it. Written as the node label. */
  name: string;
  attributes?: Record<string, Cell>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The relation type: `BUYS`, `DEPENDS_ON`. */
  type: string;
  attributes?: Record<string, Cell>;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Opens a CSV file so that spreadsheet programs read it as UTF-8 (Excel on Windows garbles Chinese without it). */
export const CSV_BOM = '\uFEFF';

// XML 1.0 admits only these characters; anything else (most C0 controls, lone surrogates, U+FFFE/F) makes the file unreadable.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const xml = (value: Cell) =>
  String(value ?? '')
    .replace(NOT_XML_CHARACTER, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

type Attributed = { attributes?: Record<string, Cell> };
type ValueType = 'double' | 'boolean' | 'string';

const present = (value: Cell) => value !== null && value !== undefined;

function attributeNames(items: Attributed[]): string[] {
  return [...new Set(items.flatMap((item) => Object.keys(item.attributes ?? {})))].sort();
}

/** double or boolean only when every value present is one, so a reader never meets a value its column type refuses. */
function valueType(items: Attributed[], name: string): ValueType {
  const values = items.map((item) => item.attributes?.[name]).filter(present);
  if (values.every((value) => typeof value === 'number')) return 'double';
  if (values.every((value) => typeof value === 'boolean')) return 'boolean';
  return 'string';
}

/** GraphML 1.0: `label` (the name) and `type` per node, `type` per edge, then every attribute as a typed key. */
export function toGraphML(graph: GraphData, graphVersion: string | null): string {
  const nodeNames = attributeNames(graph.nodes).filter((name) => name !== 'label' && name !== 'type');
  const edgeNames = attributeNames(graph.edges).filter((name) => name !== 'type');
  const keys = [
    '<key id="graphVersion" for="graph" attr.name="graphVersion" attr.type="string"/>',
    '<key id="label" for="node" attr.name="label" attr.type="string"/>',
    '<key id="type" for="node" attr.name="type" attr.type="string"/>',
    ...nodeNames.map((name) => `<key id="n_${xml(name)}" for="node" attr.name="${xml(name)}" attr.type="${valueType(graph.nodes, name)}"/>`),
    '<key id="relation" for="edge" attr.name="type" attr.type="string"/>',
    ...edgeNames.map((name) => `<key id="e_${xml(name)}" for="edge" attr.name="${xml(name)}" attr.type="${valueType(graph.edges, name)}"/>`),
  ];
  const data = (prefix: string, names: string[], attributes: Record<string, Cell> = {}) =>
    names
      .filter((name) => present(attributes[name]))
      .map((name) => `<data key="${prefix}${xml(name)}">${xml(attributes[name])}</data>`)
      .join('');
  const nodes = graph.nodes.map(
    (node) =>
      `<node id="${xml(node.id)}"><data key="label">${xml(node.name)}</data><data key="type">${xml(node.label)}</data>${data('n_', nodeNames, node.attributes)}</node>`,
  );
  const edges = graph.edges.map(
    (edge) =>
      `<edge id="${xml(edge.id)}" source="${xml(edge.source)}" target="${xml(edge.target)}"><data key="relation">${xml(edge.type)}</data>${data('e_', edgeNames, edge.attributes)}</edge>`,
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

/**
 * GEXF 1.3, what Gephi Lite writes and reads best: every column declared with its type, node label =
 * name, edge label and kind = relation type (kind keeps parallel edges of different types apart).
 */
export function toGexf(graph: GraphData, graphVersion: string | null): string {
  const nodeNames = ['type', ...attributeNames(graph.nodes).filter((name) => name !== 'type')];
  const edgeNames = ['type', ...attributeNames(graph.edges).filter((name) => name !== 'type')];
  const nodeItems = graph.nodes.map((node) => ({ attributes: { ...node.attributes, type: node.label } }));
  const edgeItems = graph.edges.map((edge) => ({ attributes: { ...edge.attributes, type: edge.type } }));
  const declare = (names: string[], items: Attributed[]) =>
    names.map((name, i) => `<attribute id="${i}" title="${xml(name)}" type="${valueType(items, name)}"/>`).join('');
  const values = (names: string[], { attributes = {} }: Attributed) =>
    `<attvalues>${names.map((name, i) => (present(attributes[name]) ? `<attvalue for="${i}" value="${xml(attributes[name])}"/>` : '')).join('')}</attvalues>`;
  const nodes = graph.nodes.map((node, i) => `<node id="${xml(node.id)}" label="${xml(node.name)}">${values(nodeNames, nodeItems[i]!)}</node>`);
  const edges = graph.edges.map(
    (edge, i) =>
      `<edge id="${xml(edge.id)}" source="${xml(edge.source)}" target="${xml(edge.target)}" kind="${xml(edge.type)}" label="${xml(edge.type)}">${values(edgeNames, edgeItems[i]!)}</edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `<meta><creator>Compute Atlas</creator><description>graph version ${xml(graphVersion)}</description></meta>`,
    '<graph defaultedgetype="directed" mode="static">',
    `<attributes class="node">${declare(nodeNames, nodeItems)}</attributes>`,
    `<attributes class="edge">${declare(edgeNames, edgeItems)}</attributes>`,
    `<nodes count="${graph.nodes.length}">${nodes.join('')}</nodes>`,
    `<edges count="${graph.edges.length}">${edges.join('')}</edges>`,
    '</graph>',
    '</gexf>',
    '',
  ].join('\n');
}
