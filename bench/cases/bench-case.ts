import type { Json } from '../compare.js';

/** A question asked through the GraphQL endpoint only: what the db-hits record needs of a case. */
export interface GraphQLQuestion {
  name: string;
  graphql: { query: string; variables: Record<string, unknown> };
}

/**
 * One question, asked through the GraphQL endpoint, as one hand-written Cypher statement, and
 * through the @neo4j/graphql peer (bench/peer-app.ts); `normalize` reduces each answer to data
 * that can be compared (order kept where the question orders, sorted where it does not), the raw
 * one being the reference (see `disagreement` in compare.ts).
 */
export interface BenchCase extends GraphQLQuestion {
  cypher: { query: string; params: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  normalize: {
    project: (data: Json) => unknown;
    peer: (data: Json) => unknown;
    raw: (rows: Json[]) => unknown;
  };
}
