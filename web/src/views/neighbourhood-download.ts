import type { Downloadable, GraphData } from '../lib/download.js';
import { isRecord } from '../lib/json.js';
import type { EntityRef, Relation, Subgraph } from '../lib/types.js';
import { relationId } from '../widgets/graph-view.js';

// What the neighbourhood view offers to take away: every node and link its answers hold (those
// behind "+N more" and in hidden categories too: the file is the data, the drawing a view of it),
// as node and link tables, the answers as JSON, and the graph as GraphML and GEXF.

/** One answer of the view: the subgraph and its links' English evidence (its `english`), index for index. */
export interface NeighbourhoodAnswer {
  around: string;
  depth: number;
  subgraph: Subgraph;
  evidenceEn: (string | null)[];
}

const NODE_COLUMNS = ['key', 'label', 'name', 'nameZh'];
const EDGE_COLUMNS = ['id', 'source', 'sourceName', 'type', 'target', 'targetName', 'period', 'derived', 'basis', 'evidence', 'evidenceEn', 'sources'];

export function neighbourhoodDownload(name: string, graphVersion: string | null, answers: NeighbourhoodAnswer[]): Downloadable {
  const nodes = new Map<string, EntityRef>();
  const edges = new Map<string, { relation: Relation; evidenceEn: string | null }>();
  for (const { subgraph, evidenceEn } of answers) {
    for (const node of [...subgraph.nodes, ...subgraph.relationships.flatMap((r) => [r.from, r.to])]) if (!nodes.has(node.key)) nodes.set(node.key, node);
    subgraph.relationships.forEach((relation, i) => {
      const id = relationId(relation);
      if (!edges.has(id)) edges.set(id, { relation, evidenceEn: evidenceEn[i] ?? null });
    });
  }
  const nodeList = [...nodes.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const edgeList = [...edges].sort(([a], [b]) => (a < b ? -1 : 1));
  const edgeRow = (id: string, { relation, evidenceEn }: { relation: Relation; evidenceEn: string | null }) => {
    const period = isRecord(relation.properties) ? relation.properties.period : undefined;
    return {
      id,
      source: relation.from.key,
      sourceName: relation.from.name,
      type: relation.type,
      target: relation.to.key,
      targetName: relation.to.name,
      period: typeof period === 'string' || typeof period === 'number' ? period : null,
      derived: relation.derived,
      basis: relation.basis,
      evidence: relation.evidence,
      evidenceEn,
      sources: relation.sources.map((source) => source.key).join(' '),
    };
  };
  const graph: GraphData = {
    nodes: nodeList.map((node) => ({ id: node.key, label: node.label, name: node.name, attributes: { nameZh: node.nameZh } })),
    edges: edgeList.map(([id, edge]) => {
      const { source, target, type, period, derived, basis, evidence, evidenceEn } = edgeRow(id, edge);
      // Named as the CLI export names them (src/export/graph-files.ts): the page's evidence is the cleaned one, a list a JSON array.
      const sourceList = JSON.stringify(edge.relation.sources.map((source) => source.key));
      return { id, source, target, type, attributes: { period, derived, basis, evidenceClean: evidence, evidenceEn, sources: sourceList } };
    }),
  };
  return {
    name,
    graphVersion,
    tables: [
      { name: 'nodes', columns: NODE_COLUMNS, rows: nodeList.map((node) => ({ key: node.key, label: node.label, name: node.name, nameZh: node.nameZh })) },
      { name: 'edges', columns: EDGE_COLUMNS, rows: edgeList.map(([id, edge]) => edgeRow(id, edge)) },
    ],
    json: answers.map(({ around, depth, subgraph }) => ({ around, depth, neighborhood: subgraph })),
    graph,
  };
}
