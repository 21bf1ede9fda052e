import { ENTITY_LINK_TYPES } from '../../src/core/model.js';
import { lines, paths, subgraph, type Rel } from '../compare.js';
import type { CaseKeys } from '../keys.js';
import type { BenchCase } from './bench-case.js';

/** The five shortest paths between two entities, with the evidence of each hop. */
export function pathsCase(k: CaseKeys): BenchCase {
  return {
    name: 'paths (maxHops 4, first 5)',
    graphql: {
      query: `query ($from: String!, $to: String!) { paths(from: $from, to: $to, maxHops: 4, first: 5) {
          length nodes { key } relationships { type evidenceVerbatim } } }`,
      variables: { from: k.pathFrom, to: k.pathTo },
    },
    // Along links between entities by their types, as src/graph/paths.ts (the peer tests each node's label).
    cypher: {
      query: `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
          MATCH p = SHORTEST 5 (a) (()-[:${ENTITY_LINK_TYPES.join('|')}]-()){1,4} (b)
          RETURN length(p) AS length, [n IN nodes(p) | n.key] AS nodes, [r IN relationships(p) | {type: type(r), evidence: r.evidence}] AS relationships
          ORDER BY length`,
      params: { from: k.pathFrom, to: k.pathTo },
    },
    peer: {
      query: `query ($from: String!, $to: String!) { paths(from: $from, to: $to) { length nodes { key } relationships { type evidence } } }`,
      variables: { from: k.pathFrom, to: k.pathTo },
    },
    normalize: {
      project: (d) =>
        paths(
          (d.paths as { length: number; nodes: { key: string }[]; relationships: { type: string; evidenceVerbatim: string | null }[] }[]).map((p) => ({
            length: p.length,
            nodes: p.nodes.map((n) => n.key),
            relationships: p.relationships.map((r) => ({ type: r.type, evidence: r.evidenceVerbatim })),
          })),
        ),
      peer: (d) =>
        paths(
          (d.paths as { length: number; nodes: { key: string }[]; relationships: { type: string; evidence: string[] | null }[] }[]).map((p) => ({
            length: p.length,
            nodes: p.nodes.map((n) => n.key),
            relationships: p.relationships.map((r) => ({ type: r.type, evidence: lines(r.evidence) })),
          })),
        ),
      raw: (rows) =>
        paths(
          (rows as { length: number; nodes: string[]; relationships: { type: string; evidence: string[] | null }[] }[]).map((p) => ({
            ...p,
            relationships: p.relationships.map((r) => ({ type: r.type, evidence: lines(r.evidence) })),
          })),
        ),
    },
  };
}

/** The neighbourhood of an entity, two hops deep. */
export function neighborhoodCase(k: CaseKeys): BenchCase {
  return {
    name: 'neighborhood (depth 2)',
    graphql: {
      query: `query ($key: String!) { neighborhood(key: $key, depth: 2) { truncated nodes { key name } relationships { type from { key } to { key } } } }`,
      variables: { key: k.neighborhoodKey },
    },
    // The project's traversal (src/graph/paths.ts): each relationship once, stopping after 500;
    // the same pattern, so that a truncated neighbourhood keeps the same 500.
    cypher: {
      query: `MATCH (a:Entity {key: $key})
          OPTIONAL CALL (a) {
            MATCH (a) (()-[r]-(:Entity)){1,2} ()
            UNWIND r AS rel
            WITH DISTINCT rel
            LIMIT 501
            RETURN collect(rel) AS rels
          }
          WITH a, coalesce(rels, []) AS rels
          RETURN a.key AS key, a.name AS name, size(rels) > 500 AS truncated,
                 [rel IN rels[0..500] | {type: type(rel), from: {key: startNode(rel).key, name: startNode(rel).name}, to: {key: endNode(rel).key, name: endNode(rel).name}}] AS relationships`,
      params: { key: k.neighborhoodKey },
    },
    peer: {
      query: `query ($key: String!) { neighborhood(key: $key) { truncated nodes { key name } relationships { type from { key } to { key } } } }`,
      variables: { key: k.neighborhoodKey },
    },
    normalize: {
      project: (d) => {
        const s = d.neighborhood as { truncated: boolean; nodes: { key: string; name: string }[]; relationships: Rel[] };
        return subgraph(s.truncated, s.nodes, s.relationships);
      },
      peer: (d) => {
        const s = d.neighborhood as { truncated: boolean; nodes: { key: string; name: string }[]; relationships: Rel[] };
        return subgraph(s.truncated, s.nodes, s.relationships);
      },
      raw: (rows) => {
        const [row] = rows as {
          key: string;
          name: string;
          truncated: boolean;
          relationships: { type: string; from: { key: string; name: string }; to: { key: string; name: string } }[];
        }[];
        const nodes = new Map([[row!.key, { key: row!.key, name: row!.name }]]);
        for (const r of row!.relationships) nodes.set(r.from.key, r.from).set(r.to.key, r.to);
        return subgraph(row!.truncated, [...nodes.values()], row!.relationships);
      },
    },
  };
}
