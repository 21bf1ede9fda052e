import { ENTITY_LABELS, type EntityLabel } from '../core/model.js';
import type { Database } from '../db/database.js';

/** What the graph holds, at one graph version: what a reader needs before knowing what to search for. */
export interface GraphOverview {
  labels: { label: EntityLabel; count: number }[];
  sourceKinds: { kind: string; count: number }[];
  relationships: number;
  graphVersion: string | null;
  updatedAt: string | null;
}

/**
 * One statement. Each label is counted by a MATCH of that label alone, and the relationships by
 * those ending at an entity, which Neo4j answers from its count store without reading a node; the
 * sources are few enough to group. Labels come from the model, never from a client.
 */
const OVERVIEW_STATEMENT = `${ENTITY_LABELS.map((label) => `CALL () { MATCH (n:${label}) RETURN count(n) AS ${label} }`).join('\n')}
  CALL () { MATCH ()-[r]->(:Entity) RETURN count(r) AS relationships }
  CALL () { MATCH (s:Source) WITH s.kind AS kind, count(s) AS count ORDER BY kind RETURN collect({kind: kind, count: count}) AS sourceKinds }
  CALL () {
    OPTIONAL MATCH (g:GraphState {id: 'graph'})
    OPTIONAL MATCH (c:ChangeSet {seq: g.seq})
    RETURN g.seq AS seq, toString(c.at) AS updatedAt
  }
  RETURN [${ENTITY_LABELS.map((label) => `{label: '${label}', count: ${label}}`).join(', ')}] AS labels,
         relationships, sourceKinds, seq, updatedAt`;

export async function graphOverview(db: Database): Promise<GraphOverview> {
  const [row] = await db.read<Omit<GraphOverview, 'graphVersion'> & { seq: number | null }>(OVERVIEW_STATEMENT);
  if (!row) throw new Error('The overview statement returned no row.');
  const { seq, ...overview } = row;
  return { ...overview, graphVersion: seq ? `cs-${seq}` : null };
}
