import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import type { RelationshipType } from '../model.js';
import { entityProjection, type EntityRecord, type RelationshipProperties } from './records.js';

/** A relationship with both of its ends, as a path or a subgraph shows it. */
export interface RelationRecord {
  type: RelationshipType;
  from: EntityRecord;
  to: EntityRecord;
  properties: RelationshipProperties;
}

export interface PathRecord {
  nodes: EntityRecord[];
  relationships: RelationRecord[];
}

/** Cypher projection of a relationship variable into a RelationRecord. */
export const relationProjection = (r: string) =>
  `{type: type(${r}), from: ${projectExpression(`startNode(${r})`, 'rel_from')}, to: ${projectExpression(`endNode(${r})`, 'rel_to')}, properties: properties(${r})}`;

// A map projection needs a variable; a one-element list comprehension binds one to an expression.
const projectExpression = (expression: string, variable: string) => `[${variable} IN [${expression}] | ${entityProjection(variable)}][0]`;

/** Cypher projection of a path variable into a PathRecord. */
export const pathProjection = (p: string) =>
  `{nodes: [x IN nodes(${p}) | ${entityProjection('x')}], relationships: [r IN relationships(${p}) | ${relationProjection('r')}]}`;

export const MAX_PATH_HOPS = 6;
export const MAX_NEIGHBORHOOD_DEPTH = 3;

/**
 * Up to `first` shortest paths between two entities, ignoring direction, through entities only
 * (figures hang off their subject and lead nowhere). `maxHops` and `first` are validated integers:
 * Cypher accepts neither as a parameter in a path quantifier or a SHORTEST count.
 */
export async function shortestPaths(db: Database, from: string, to: string, maxHops: number, first: number): Promise<PathRecord[]> {
  assertInt(maxHops, 1, MAX_PATH_HOPS);
  assertInt(first, 0, 100);
  if (first === 0 || from === to) return [];
  const rows = await db.read<{ path: PathRecord }>(
    `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
     MATCH p = SHORTEST ${first} (a) (()-[]-(:Entity)){1,${maxHops}} (b)
     RETURN ${pathProjection('p')} AS path
     ORDER BY length(p)`,
    { from, to },
  );
  return rows.map((r) => r.path);
}

export interface Subgraph {
  nodes: EntityRecord[];
  relationships: RelationRecord[];
  truncated: boolean;
}

/**
 * Every relationship within `depth` hops of an entity (optionally of some types only), each once,
 * with the nodes they touch. Capped at `limit` relationships so a hub cannot flood a graph view.
 */
export async function neighborhood(
  db: Database,
  key: string,
  depth: number,
  types: readonly RelationshipType[] | null,
  limit: number,
): Promise<Subgraph | null> {
  assertInt(depth, 1, MAX_NEIGHBORHOOD_DEPTH);
  const typeFilter = types?.length ? `:${types.join('|')}` : '';
  const rows = await db.read<{ center: EntityRecord | null; relationships: RelationRecord[]; total: number }>(
    `OPTIONAL MATCH (a:Entity {key: $key})
     OPTIONAL CALL (a) {
       MATCH (a) (()-[r${typeFilter}]-(:Entity)){1,${depth}} ()
       UNWIND r AS rel
       RETURN DISTINCT rel
     }
     WITH a, collect(rel) AS rels
     WHERE a IS NOT NULL
     RETURN ${entityProjection('a')} AS center, size(rels) AS total,
            [rel IN rels[0..$limit] | ${relationProjection('rel')}] AS relationships`,
    { key, limit: neo4j.int(limit) },
  );
  const row = rows[0];
  if (!row?.center) return null;
  const nodes = new Map<string, EntityRecord>([[row.center.key, row.center]]);
  for (const rel of row.relationships) {
    nodes.set(rel.from.key, rel.from);
    nodes.set(rel.to.key, rel.to);
  }
  return { nodes: [...nodes.values()], relationships: row.relationships, truncated: row.total > row.relationships.length };
}

function assertInt(value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`expected an integer in ${min}..${max}, got ${value}`);
}
