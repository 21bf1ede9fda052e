import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import { ENTITY_LINK_TYPES, type EntityLabel, type RelationshipType } from '../core/model.js';
import { statedLink } from './claims.js';
import { packedEntity, packedPath, packedRelations, WHOLE_LINKS, type EntityRecord, type LinkNeed, type PathRecord, type RelationRecord } from './records.js';

export const MAX_PATH_HOPS = 6;
/** The relationship-type alternation of a hop between entities, built once rather than per request. */
const ENTITY_LINKS = ENTITY_LINK_TYPES.join('|');
export const MAX_NEIGHBORHOOD_DEPTH = 3;

/** A key given as an end of a path names no entity: unlike "no path", the client's mistake. */
export class UnknownEndError extends Error {
  override name = 'UnknownEndError';
  constructor(
    readonly end: 'from' | 'to',
    readonly key: string,
  ) {
    super(`no entity has the key "${key}"`);
  }
}

/** What a path may not pass through: entities with any of these labels (its ends aside), links of these types. */
export interface PathExclusions {
  labels?: readonly EntityLabel[];
  types?: readonly RelationshipType[];
}

/**
 * Up to `first` shortest paths between two entities, ignoring direction, through entities only:
 * along links between entities (a figure hangs off its subject by REPORTED and leads nowhere).
 * Naming the link types, rather than testing the label of each node a hop reaches, halves the
 * statement's db hits (bench/README.md, "Seventh series"). `maxHops` and `first` are validated integers:
 * Cypher accepts neither as a parameter in a path quantifier or a SHORTEST count. Both ends are
 * looked up in the same statement, so an unknown key is told apart from an absent path.
 */
export async function shortestPaths(
  db: Database,
  from: string,
  to: string,
  maxHops: number,
  first: number,
  includeDerived = true,
  need: LinkNeed = WHOLE_LINKS,
  exclude: PathExclusions = {},
): Promise<PathRecord[]> {
  const excludedLabels = exclude.labels ?? [];
  const excludedTypes = exclude.types ?? [];
  const linkConditions = [...(includeDerived ? [] : [statedLink('r')]), ...(excludedTypes.length ? ['NOT type(r) IN $excludedTypes'] : [])];
  const hop = `()-[r:${ENTITY_LINKS}]-(n)${linkConditions.length ? ` WHERE ${linkConditions.join(' AND ')}` : ''}`;
  // Only the nodes between the ends are tested (n's last element is b): a path from a quote asked for by key still starts there.
  const nodeCondition = excludedLabels.length ? ' WHERE none(x IN n[..-1] WHERE any(l IN labels(x) WHERE l IN $excludedLabels))' : '';
  assertInt(maxHops, 1, MAX_PATH_HOPS);
  assertInt(first, 0, 100);
  const path = packedPath('path', need);
  const rows = await db.read<{ fromFound: boolean; toFound: boolean; paths: unknown[] }>(
    `OPTIONAL MATCH (a:Entity {key: $from})
     OPTIONAL MATCH (b:Entity {key: $to})
     OPTIONAL CALL (a, b) {
       WITH a, b WHERE a <> b AND $wanted > 0
       MATCH p = SHORTEST ${Math.max(first, 1)} ((a) (${hop}){1,${maxHops}} (b)${nodeCondition})
       RETURN p
     }
     WITH a, b, p ORDER BY length(p)
     WITH a, b, collect(p) AS found
     RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, [path IN found | ${path.cypher}] AS paths`,
    { from, to, wanted: neo4j.int(first), excludedLabels, excludedTypes },
  );
  const row = rows[0]!;
  if (!row.fromFound) throw new UnknownEndError('from', from);
  if (!row.toFound) throw new UnknownEndError('to', to);
  return row.paths.map(path.unpack);
}

export interface Subgraph {
  nodes: EntityRecord[];
  relationships: RelationRecord[];
  truncated: boolean;
}

/**
 * Every relationship within `depth` hops of an entity (optionally of some types only), each once,
 * with the nodes they touch, each once. Stops after `limit` relationships so a hub cannot flood a
 * graph view (or the database): `truncated` says when it did.
 */
export async function neighborhood(
  db: Database,
  key: string,
  depth: number,
  types: readonly RelationshipType[] | null,
  limit: number,
  need: LinkNeed = WHOLE_LINKS,
): Promise<Subgraph | null> {
  assertInt(depth, 1, MAX_NEIGHBORHOOD_DEPTH);
  const typeFilter = types?.length ? `:${types.join('|')}` : '';
  const node = packedEntity('n', need.node);
  const center = packedEntity('a', need.node);
  const relations = packedRelations('rel', need);
  const rows = await db.read<{ center: unknown; nodes: unknown[]; relationships: unknown[] }>(
    `MATCH (a:Entity {key: $key})
     OPTIONAL CALL (a) {
       MATCH (a) (()-[r${typeFilter}]-(:Entity)){1,${depth}} ()
       UNWIND r AS rel
       WITH DISTINCT rel
       LIMIT $limitPlusOne
       RETURN collect(rel) AS rels
     }
     WITH a, coalesce(rels, []) AS rels
     CALL (rels) {
       UNWIND rels AS rel
       UNWIND [startNode(rel), endNode(rel)] AS n
       WITH DISTINCT n
       RETURN collect(${node.cypher}) AS nodes
     }
     RETURN ${center.cypher} AS center, nodes, [rel IN rels | ${relations.cypher}] AS relationships`,
    { key, limitPlusOne: neo4j.int(limit + 1) },
  );
  const row = rows[0];
  if (!row) return null;
  const byKey = new Map(row.nodes.map((value) => node.unpack(value)).map((n) => [n.key, n]));
  const relationships: RelationRecord[] = relations.unpack(row.relationships.slice(0, limit), byKey);
  // The center first, then every node a kept relationship touches (the one extra fetched to detect truncation may add one).
  const centerRecord = center.unpack(row.center);
  const nodes = new Map<string, EntityRecord>([[centerRecord.key, centerRecord]]);
  for (const r of relationships) nodes.set(r.from.key, r.from).set(r.to.key, r.to);
  return { nodes: [...nodes.values()], relationships, truncated: row.relationships.length > limit };
}

function assertInt(value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`expected an integer in ${min}..${max}, got ${value}`);
}
