import type { Database } from '../db/database.js';

/**
 * A family of lookups that can share one Cypher statement. `cypher(param)` must UNWIND the
 * request list `param` as `range(0, size(param) - 1) AS i` and return columns `i` (the request's
 * index) and `row`, so the results of many families can be glued with UNION ALL and sent in one
 * round trip.
 */
export interface BatchQuery<Req, Row> {
  /** Requests with the same signature run in the same branch. */
  signature: string;
  cypher(param: string): string;
  /** The value sent to Neo4j for one request. */
  toParam(request: Req): unknown;
  decode(row: unknown): Row;
}

/**
 * One request of a family: what the per-request loader batches, and caches by the family's
 * signature and the request. Code that hands the loader rows read elsewhere must build the very
 * request the resolver will make, so each kind is built by one function (src/read/loader.ts).
 */
export interface BatchRequest<Req = unknown, Row = unknown> {
  query: BatchQuery<Req, Row>;
  request: Req;
}

/**
 * Runs every lookup of a batch in one statement (a UNION ALL of one branch per query family)
 * and returns, for each item, the rows that belong to it.
 */
export async function runBatch(db: Database, items: readonly BatchRequest[]): Promise<unknown[][]> {
  const families = new Map<string, { query: BatchQuery<unknown, unknown>; positions: number[] }>();
  items.forEach((item, position) => {
    const family = families.get(item.query.signature) ?? { query: item.query, positions: [] };
    family.positions.push(position);
    families.set(item.query.signature, family);
  });

  const params: Record<string, unknown> = {};
  const branches: string[] = [];
  const byBranch = [...families.values()];
  byBranch.forEach((family, branch) => {
    params[`p${branch}`] = family.positions.map((position) => family.query.toParam(items[position]!.request));
    branches.push(`CALL () { ${family.query.cypher(`$p${branch}`)} } RETURN ${branch} AS branch, i, row`);
  });

  const results: unknown[][] = items.map(() => []);
  const rows = await db.read<{ branch: number; i: number; row: unknown }>(branches.join('\nUNION ALL\n'), params);
  for (const { branch, i, row } of rows) {
    const family = byBranch[branch]!;
    results[family.positions[i]!]!.push(family.query.decode(row));
  }
  return results;
}
