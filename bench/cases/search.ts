import { toSearchQuery } from '../../src/graph/search.js';
import { hits } from '../compare.js';
import type { BenchCase } from './bench-case.js';

/** A full-text search for `text`: the first 10 hits, ranked. */
export function searchCase(name: string, text: string): BenchCase {
  const { lucene: queries, exact, exactNames } = toSearchQuery(text)!;
  // Text with several spellings (Chinese) ranks each entity by its best one; one spelling needs no aggregation.
  const several = queries.length > 1;
  const matched = several
    ? `UNWIND $queries AS query CALL db.index.fulltext.queryNodes('entity_names', query) YIELD node, score AS spellingScore
        WITH exactlyNamed, node, max(spellingScore) AS textScore`
    : `CALL db.index.fulltext.queryNodes('entity_names', $queries[0]) YIELD node, score AS textScore`;
  const peerField = several ? 'searchSpellings' : 'search';
  return {
    name,
    graphql: {
      query: 'query ($text: String!) { search(text: $text, first: 10) { edges { score node { key name } } } }',
      variables: { text },
    },
    // The same Lucene queries (one per spelling of the text) and exact-name ranking, looked up in the
    // exact-names index, as src/graph/search.ts.
    cypher: {
      query: `CALL () { CALL db.index.fulltext.queryNodes('entity_exact_names', $exactNames) YIELD node RETURN collect(node) AS exactlyNamed }
        ${matched}
        WITH node, textScore + CASE WHEN node IN exactlyNamed THEN 100 ELSE 0 END AS score
        RETURN node.key AS key, node.name AS name, score ORDER BY score DESC, key LIMIT 10`,
      params: { queries, exactNames },
    },
    // The peer reads the names of every hit, as its @cypher field would without an index made for it.
    peer: {
      query: `query ($queries: [String!]!, $exact: [String!]!) { ${peerField}(queries: $queries, exact: $exact, first: 10) { score node { key name } } }`,
      variables: { queries, exact },
    },
    normalize: {
      project: (d) => hits((d.search as { edges: { score: number; node: { key: string; name: string } }[] }).edges.map((e) => ({ ...e.node, score: e.score }))),
      peer: (d) => hits((d[peerField] as { score: number; node: { key: string; name: string } }[]).map((h) => ({ ...h.node, score: h.score }))),
      raw: (rows) => hits(rows as { key: string; name: string; score: number }[]),
    },
  };
}
