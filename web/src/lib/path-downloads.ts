import type { GraphData, Table } from './download.js';
import type { EntityRef, Path, Relation } from './types.js';

// The downloads of the views that draw paths (paths, exposure): each hop as a table row, and the
// drawn graph (every entity and link of the paths, each once) for GraphML and GEXF.

export const HOP_COLUMNS = ['path', 'hop', 'fromKey', 'fromName', 'type', 'toKey', 'toName', 'basis', 'period', 'evidence', 'sources'] as const;

const period = (relation: Relation) => {
  const properties = relation.properties as Record<string, unknown> | null;
  const value = properties?.period;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
};

/** One row per hop, numbered by path (from 1) and by hop within it, with the names as the page shows them. */
export function hopRows(paths: Path[], extra: (index: number) => Record<string, string> = () => ({})): Table['rows'] {
  return paths.flatMap((path, index) =>
    path.relationships.map((relation, hop) => ({
      ...extra(index),
      path: index + 1,
      hop: hop + 1,
      fromKey: relation.from.key,
      fromName: relation.from.name,
      type: relation.type,
      toKey: relation.to.key,
      toName: relation.to.name,
      basis: relation.basis,
      period: period(relation),
      evidence: relation.evidenceSentences[0] ?? relation.evidence ?? null,
      sources: relation.sources.map((source) => source.key).join('; '),
    })),
  );
}

const edgeId = (relation: Relation) => `${relation.from.key}|${relation.type}|${relation.to.key}|${period(relation) ?? ''}`;

/** The graph the paths draw: nodes by key and links by ends, type and period, each once. */
export function pathsGraph(paths: Path[]): GraphData {
  const nodes = new Map<string, EntityRef>();
  const edges = new Map<string, Relation>();
  for (const path of paths) {
    for (const node of path.nodes) nodes.set(node.key, node);
    for (const relation of path.relationships) edges.set(edgeId(relation), relation);
  }
  return {
    nodes: [...nodes.values()].map((node) => ({ id: node.key, label: node.label, name: node.name, attributes: { nameZh: node.nameZh ?? null } })),
    edges: [...edges.entries()].map(([id, relation]) => ({
      id,
      source: relation.from.key,
      target: relation.to.key,
      type: relation.type,
      // Named as the CLI export names the cleaned evidence (src/export/graph-files.ts).
      attributes: { basis: relation.basis, period: period(relation), evidenceClean: relation.evidenceSentences[0] ?? relation.evidence ?? null },
    })),
  };
}
