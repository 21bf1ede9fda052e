import type { Database } from '../src/db/database.js';
import { exactForm, toLuceneQuery } from '../src/graph/search.js';

/** One question, asked through the GraphQL endpoint and as one hand-written Cypher statement. */
export interface BenchCase {
  name: string;
  graphql: { query: string; variables: Record<string, unknown> };
  cypher: { query: string; params: Record<string, unknown> };
}

export interface CaseKeys {
  exposureChip: string;
  pathFrom: string;
  pathTo: string;
  neighborhoodKey: string;
  searchText: string;
  totalsPeriod: string;
}

/** The seed graph's own questions. */
export const SEED_KEYS: CaseKeys = {
  exposureChip: 'h20',
  pathFrom: 'hopper',
  pathTo: 'alibaba',
  neighborhoodKey: 'h20',
  searchText: '字節跳動',
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
    totalsPeriod: '2024',
  };
}

export function benchCases(k: CaseKeys): BenchCase[] {
  return [
    {
      name: 'companies(first: 12) nested',
      graphql: {
        query: `{ companies(first: 12) { edges { node { key name country { key }
          chips { relation units chip { key } family { key } evidence sources { key } }
          financials { metric period value unit sources { key } }
          quotes { text } sources { key } } } } }`,
        variables: {},
      },
      cypher: {
        query: `MATCH (c:Company) WITH c ORDER BY c.name, c.key LIMIT 12
          RETURN c.key AS key, c.name AS name,
            [(c)-[:HEADQUARTERED_IN]->(k:Country) | k.key][0] AS country,
            [(c)-[r:BUYS|DEPENDS_ON]->(x) | {relation: type(r), units: r.units, target: x.key, evidence: r.evidence,
               sources: COLLECT { MATCH (s:Source) WHERE s.key IN r.sources RETURN s.key }}] AS chips,
            [(c)-[:REPORTED]->(f:FinancialFact) | {metric: f.metric, period: f.period, value: f.value, unit: f.unit,
               sources: COLLECT { MATCH (s:Source) WHERE s.key IN f.sources RETURN s.key }}] AS financials,
            [(q:Quote)-[:ABOUT]->(c) | q.text] AS quotes,
            COLLECT { MATCH (s:Source) WHERE s.key IN c.sources RETURN s.key } AS sources`,
        params: {},
      },
    },
    {
      name: 'exposure',
      graphql: {
        query: `query ($chip: String!) { exposure(chip: $chip, policyKinds: [EXPORT_CONTROL]) {
          company { key } policies { key } routes paths { relationships { type from { key } to { key } evidence } } } }`,
        variables: { chip: k.exposureChip },
      },
      // The same traversal as src/graph/exposure.ts (direct, family and variant use; threat; scope), returning keys only.
      cypher: {
        query: `MATCH (chip:Chip {key: $chip})
          CALL (chip) {
            MATCH threat = (policy:Policy {kind: 'EXPORT_CONTROL'})-[:RESTRICTS|THREATENS]->(chip) RETURN policy, threat
            UNION
            MATCH threat = (policy:Policy {kind: 'EXPORT_CONTROL'})-[:RESTRICTS|THREATENS]->(:ChipFamily)<-[:MEMBER_OF]-(chip) RETURN policy, threat
          }
          CALL (chip) {
            MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(chip) RETURN company, use, 'DIRECT' AS route
            UNION
            MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
            WHERE NOT EXISTS { (chip)-[:MADE_FOR_MARKET]->() } OR EXISTS { (chip)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) }
            RETURN company, use, 'FAMILY' AS route
            UNION
            MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(variant:Chip)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
            WHERE variant <> chip AND EXISTS { (variant)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) }
            RETURN company, use, 'VARIANT' AS route
          }
          OPTIONAL MATCH scope = (policy)-[:TARGETS]->(:Country|Region)<-[:HEADQUARTERED_IN|OPERATES_IN]-(company)
          WITH policy, threat, company, use, route, collect(scope) AS scopes
          WHERE size(scopes) > 0 OR NOT EXISTS { (policy)-[:TARGETS]->(:Country|Region) }
          WITH company, collect(DISTINCT policy.key) AS policies, collect(DISTINCT route) AS routes,
               collect(DISTINCT use) + collect(DISTINCT threat) + reduce(all = [], s IN collect(scopes) | all + s) AS paths
          RETURN company.key AS company, policies, routes,
                 [p IN paths | [r IN relationships(p) | {type: type(r), from: startNode(r).key, to: endNode(r).key, evidence: r.evidence}]] AS paths
          ORDER BY company`,
        params: { chip: k.exposureChip },
      },
    },
    {
      name: 'paths (maxHops 4, first 5)',
      graphql: {
        query: `query ($from: String!, $to: String!) { paths(from: $from, to: $to, maxHops: 4, first: 5) {
          length nodes { key } relationships { type evidence } } }`,
        variables: { from: k.pathFrom, to: k.pathTo },
      },
      cypher: {
        query: `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
          MATCH p = SHORTEST 5 (a) (()-[]-(:Entity)){1,4} (b)
          RETURN length(p) AS length, [n IN nodes(p) | n.key] AS nodes, [r IN relationships(p) | {type: type(r), evidence: r.evidence}] AS relationships`,
        params: { from: k.pathFrom, to: k.pathTo },
      },
    },
    {
      name: 'neighborhood (depth 2)',
      graphql: {
        query: `query ($key: String!) { neighborhood(key: $key, depth: 2) { truncated nodes { key name } relationships { type from { key } to { key } } } }`,
        variables: { key: k.neighborhoodKey },
      },
      cypher: {
        query: `MATCH (a:Entity {key: $key})-[rs*1..2]-(:Entity)
          UNWIND rs AS r
          WITH DISTINCT r LIMIT 500
          RETURN type(r) AS type, startNode(r).key AS from, startNode(r).name AS fromName, endNode(r).key AS to, endNode(r).name AS toName`,
        params: { key: k.neighborhoodKey },
      },
    },
    {
      name: 'search (first 10)',
      graphql: {
        query: 'query ($text: String!) { search(text: $text, first: 10) { edges { score node { key name } } } }',
        variables: { text: k.searchText },
      },
      // The same Lucene query and exact-name ranking as src/graph/search.ts.
      cypher: {
        query: `CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score AS textScore
          WITH node, textScore + CASE WHEN any(n IN [node.name, coalesce(node.nameZh, '')] + coalesce(node.aliases, []) WHERE toLower(n) = $exact)
            THEN 100 ELSE 0 END AS score
          RETURN node.key AS key, node.name AS name, score ORDER BY score DESC, key LIMIT 10`,
        params: { query: toLuceneQuery(k.searchText), exact: exactForm(k.searchText) },
      },
    },
    {
      name: 'financialTotals (CAPEX by country)',
      graphql: {
        query: 'query ($period: String!) { financialTotals(metric: CAPEX, period: $period) { groupKey total unit } }',
        variables: { period: k.totalsPeriod },
      },
      cypher: {
        query: `MATCH (c:Company)-[:REPORTED]->(f:FinancialFact {metric: 'CAPEX', period: $period})
          WHERE f.qualifier IN ['EXACT', 'APPROX']
          MATCH (c)-[:HEADQUARTERED_IN]->(k:Country)
          RETURN k.key AS groupKey, sum(f.value) AS total, collect(DISTINCT f.unit) AS units ORDER BY total DESC`,
        params: { period: k.totalsPeriod },
      },
    },
  ];
}
