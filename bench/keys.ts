import type { Database } from '../src/db/database.js';

/** What the questions are asked about: the same questions, on the seed graph or the synthetic one. */
export interface CaseKeys {
  exposureChip: string;
  pathFrom: string;
  pathTo: string;
  neighborhoodKey: string;
  searchText: string;
  /** A search text that hits a large part of the graph, of which a page of 10 is asked. */
  searchBroad: string;
  totalsPeriod: string;
}

/** The seed graph's own questions. */
export const SEED_KEYS: CaseKeys = {
  exposureChip: 'h20',
  pathFrom: 'hopper',
  pathTo: 'alibaba',
  neighborhoodKey: 'h20',
  searchText: '字節跳動',
  // Every word starting with c: 60 of the 136 entities.
  searchBroad: 'c',
  totalsPeriod: '2024',
};

/**
 * Keys on the synthetic graph: a chip with the median number of users among those an export
 * control restricts or threatens (the most popular chip is a worst case, not a typical one), two
 * companies, and a median company for the neighbourhood.
 */
export async function syntheticKeys(db: Database): Promise<CaseKeys> {
  const chips = await db.read<{ key: string }>(
    `MATCH (p:Policy {kind: 'EXPORT_CONTROL'})-[:RESTRICTS|THREATENS]->(c:Chip)
     WITH DISTINCT c
     RETURN c.key AS key, COUNT { (c)<-[:BUYS|DEPENDS_ON]-(:Company) } AS users
     ORDER BY users, key`,
  );
  const companies = await db.read<{ key: string }>(
    `MATCH (c:Company) WHERE c.key STARTS WITH 'syn-'
     WITH c, COUNT { (c)--() } AS degree
     ORDER BY degree, c.key
     WITH collect(c.key) AS keys
     RETURN keys[size(keys) / 2] AS key`,
  );
  return {
    exposureChip: chips[Math.floor(chips.length / 2)]!.key,
    pathFrom: 'syn-company-10',
    pathTo: 'syn-company-20000',
    neighborhoodKey: companies[0]!.key,
    searchText: '12345',
    // Every company and company group (Synthetic Company 7, Synthetic CompanyGroup 7): about 31k.
    searchBroad: 'company',
    totalsPeriod: '2024',
  };
}
