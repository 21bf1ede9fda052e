import { toSearchQuery } from '../src/graph/search.js';
import {
  byCompany,
  company,
  exposure,
  hits,
  keys,
  lines,
  list,
  oneOf,
  paths,
  sorted,
  subgraph,
  totals,
  type ChipUse,
  type Figure,
  type Json,
  type PolicyLink,
  type Rel,
  type Step,
} from './compare.js';
import type { CaseKeys } from './keys.js';

/**
 * One question, asked through the GraphQL endpoint, as one hand-written Cypher statement, and
 * through the @neo4j/graphql peer (bench/peer-app.ts); `normalize` reduces each answer to data
 * that can be compared (order kept where the question orders, sorted where it does not), the raw
 * one being the reference (see `disagreement` in compare.ts).
 */
export interface BenchCase {
  name: string;
  graphql: { query: string; variables: Record<string, unknown> };
  cypher: { query: string; params: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  normalize: {
    project: (data: Json) => unknown;
    peer: (data: Json) => unknown;
    raw: (rows: Json[]) => unknown;
  };
}

const POLICY_TYPES = ['RESTRICTS', 'THREATENS', 'TARGETS', 'INFLUENCES', 'ISSUED_BY', 'PARTICIPATES_IN'] as const;
// The peer's relationship field for each policy link type (bench/peer-app.ts).
const PEER_POLICY_FIELDS: Record<(typeof POLICY_TYPES)[number], string> = {
  RESTRICTS: 'restrictedBy',
  THREATENS: 'threatenedBy',
  TARGETS: 'targetedBy',
  INFLUENCES: 'influencedBy',
  ISSUED_BY: 'issuedPolicies',
  PARTICIPATES_IN: 'participatesIn',
};
const PEER_CHIP_FIELDS = { BUYS: 'buys', DEPENDS_ON: 'dependsOn' } as const;

interface PeerEdge {
  properties: { units?: number | null; period?: string | null; evidence?: string[] | null; sources?: string[] | null };
  node: { key: string; kind?: string; status?: string | null };
}

interface GraphStep {
  type: string;
  from: { key: string };
  to: { key: string };
}

function searchCase(name: string, text: string): BenchCase {
  const { lucene: queries, exact } = toSearchQuery(text)!;
  // Text with several spellings (Chinese) ranks each entity by its best one; one spelling needs no aggregation.
  const several = queries.length > 1;
  const matched = several
    ? `UNWIND $queries AS query CALL db.index.fulltext.queryNodes('entity_names', query) YIELD node, score AS spellingScore
        WITH node, max(spellingScore) AS textScore`
    : `CALL db.index.fulltext.queryNodes('entity_names', $queries[0]) YIELD node, score AS textScore`;
  const peerField = several ? 'searchSpellings' : 'search';
  return {
    name,
    graphql: {
      query: 'query ($text: String!) { search(text: $text, first: 10) { edges { score node { key name } } } }',
      variables: { text },
    },
    // The same Lucene queries (one per spelling of the text) and exact-name ranking as src/graph/search.ts.
    cypher: {
      query: `${matched}
        WITH node, textScore + CASE WHEN any(n IN [node.name, coalesce(node.nameZh, '')] + coalesce(node.aliases, []) WHERE toLower(n) IN $exact)
          THEN 100 ELSE 0 END AS score
        RETURN node.key AS key, node.name AS name, score ORDER BY score DESC, key LIMIT 10`,
      params: { queries, exact },
    },
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

export function benchCases(k: CaseKeys): BenchCase[] {
  const policyConnections = POLICY_TYPES.map(
    (type) => `${PEER_POLICY_FIELDS[type]}Connection { edges { properties { evidence } node { key kind status } } }`,
  ).join('\n          ');
  const chipConnections = Object.values(PEER_CHIP_FIELDS)
    .map((field) => `${field}Connection { edges { properties { units period evidence sources } node { ... on Chip { key } ... on ChipFamily { key } } } }`)
    .join('\n          ');

  return [
    {
      name: 'companies(first: 12) nested',
      graphql: {
        query: `query ($period: String!) { companies(first: 12) { edges { node { key name country { key }
          financials(metric: CAPEX, period: $period) { value unit stated sources { key } }
          chips { relation units period chip { key } family { key } evidenceVerbatim sources { key } }
          policies { relation policy { key kind status } evidenceVerbatim }
          sources { key } } } } }`,
        variables: { period: k.totalsPeriod },
      },
      cypher: {
        query: `MATCH (c:Company) WITH c ORDER BY c.name, c.key LIMIT 12
          RETURN c.key AS key, c.name AS name,
            [(c)-[:HEADQUARTERED_IN]->(k:Country) | k.key] AS countries,
            [(c)-[:REPORTED]->(f:FinancialFact) WHERE f.metric = 'CAPEX' AND f.period = $period |
               {value: f.value, unit: f.unit, stated: f.stated, sources: COLLECT { MATCH (s:Source) WHERE s.key IN f.sources RETURN s.key }}] AS financials,
            [(c)-[r:BUYS|DEPENDS_ON]->(x:Entity) | {relation: type(r), units: r.units, period: r.period, target: x.key, evidence: r.evidence,
               sources: COLLECT { MATCH (s:Source) WHERE s.key IN r.sources RETURN s.key }}] AS chips,
            [(c)-[r:${POLICY_TYPES.join('|')}]-(p:Policy) | {relation: type(r), policy: p.key, kind: p.kind, status: p.status, evidence: r.evidence}] AS policies,
            COLLECT { MATCH (s:Source) WHERE s.key IN c.sources RETURN s.key } AS sources
          ORDER BY c.name, c.key`,
        params: { period: k.totalsPeriod },
      },
      peer: {
        query: `query ($period: String!) { companiesConnection(first: 12, sort: [{ name: ASC }, { key: ASC }]) { edges { node { key name country { key }
          figures(where: { metric: { eq: "CAPEX" }, period: { eq: $period } }) { value unit stated sources { key } }
          ${chipConnections}
          ${policyConnections}
          sources { key } } } } }`,
        variables: { period: k.totalsPeriod },
      },
      normalize: {
        project: (d) =>
          (d.companies as { edges: { node: Json }[] }).edges.map(({ node: n }) => {
            const chips = n.chips as {
              relation: string;
              units: number | null;
              period: string | null;
              chip: { key: string } | null;
              family: { key: string } | null;
              evidenceVerbatim: string | null;
              sources: { key: string }[];
            }[];
            const policies = n.policies as {
              relation: string;
              policy: { key: string; kind: string; status: string | null };
              evidenceVerbatim: string | null;
            }[];
            return company({
              key: n.key as string,
              name: n.name as string,
              country: (n.country as { key: string } | null)?.key ?? null,
              financials: (n.financials as (Omit<Figure, 'sources'> & { sources: { key: string }[] })[]).map((f) => ({ ...f, sources: keys(f.sources) })),
              chips: chips.map((u) => ({
                relation: u.relation,
                units: u.units,
                period: u.period,
                target: (u.chip ?? u.family)!.key,
                evidence: u.evidenceVerbatim,
                sources: keys(u.sources),
              })),
              policies: policies.map((p) => ({
                relation: p.relation,
                policy: p.policy.key,
                kind: p.policy.kind,
                status: p.policy.status,
                evidence: p.evidenceVerbatim,
              })),
              sources: keys(n.sources as { key: string }[]),
            });
          }),
        peer: (d) =>
          (d.companiesConnection as { edges: { node: Json }[] }).edges.map(({ node: n }) => {
            const edges = (field: string) => (n[`${field}Connection`] as { edges: PeerEdge[] }).edges;
            return company({
              key: n.key as string,
              name: n.name as string,
              country: (n.country as { key: string } | null)?.key ?? null,
              financials: (n.figures as (Omit<Figure, 'sources'> & { sources: { key: string }[] })[]).map((f) => ({ ...f, sources: keys(f.sources) })),
              chips: Object.entries(PEER_CHIP_FIELDS).flatMap(([relation, field]) =>
                edges(field).map((e) => ({
                  relation,
                  units: e.properties.units ?? null,
                  period: e.properties.period ?? null,
                  target: e.node.key,
                  evidence: lines(e.properties.evidence),
                  sources: list(e.properties.sources),
                })),
              ),
              policies: POLICY_TYPES.flatMap((relation) =>
                edges(PEER_POLICY_FIELDS[relation]).map((e) => ({
                  relation,
                  policy: e.node.key,
                  kind: e.node.kind!,
                  status: e.node.status ?? null,
                  evidence: lines(e.properties.evidence),
                })),
              ),
              sources: keys(n.sources as { key: string }[]),
            });
          }),
        raw: (rows) =>
          rows.map((r) =>
            company({
              key: r.key as string,
              name: r.name as string,
              // The synthetic graph gives some companies two headquarters; `country` may show either.
              country: (r.countries as string[]).length > 1 ? oneOf(sorted(r.countries as string[])) : ((r.countries as string[])[0] ?? null),
              financials: r.financials as Figure[],
              chips: (r.chips as (Omit<ChipUse, 'evidence'> & { evidence: string[] | null })[]).map((u) => ({ ...u, evidence: lines(u.evidence) })),
              policies: (r.policies as (Omit<PolicyLink, 'evidence'> & { evidence: string[] | null })[]).map((p) => ({ ...p, evidence: lines(p.evidence) })),
              sources: r.sources as string[],
            }),
          ),
      },
    },
    {
      name: 'exposure',
      graphql: {
        query: `query ($chip: String!) { exposure(chip: $chip, policyKinds: [EXPORT_CONTROL]) {
          company { key } policies { key } routes paths { relationships { type from { key } to { key } evidenceVerbatim } } } }`,
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
      peer: {
        query: `query ($chip: String!) { exposure(chip: $chip, policyKinds: ["EXPORT_CONTROL"]) {
          company { key } policies { key } routes paths { relationships { type from { key } to { key } evidence } } } }`,
        variables: { chip: k.exposureChip },
      },
      normalize: {
        project: (d) =>
          byCompany(
            (
              d.exposure as {
                company: { key: string };
                policies: { key: string }[];
                routes: string[];
                paths: { relationships: (GraphStep & { evidenceVerbatim: string | null })[] }[];
              }[]
            ).map((e) =>
              exposure(
                e.company.key,
                keys(e.policies),
                e.routes,
                e.paths.map((p) => p.relationships.map((r) => ({ type: r.type, from: r.from.key, to: r.to.key, evidence: r.evidenceVerbatim }))),
              ),
            ),
          ),
        peer: (d) =>
          byCompany(
            (
              d.exposure as {
                company: { key: string };
                policies: { key: string }[];
                routes: string[];
                paths: { relationships: (GraphStep & { evidence: string[] | null })[] }[];
              }[]
            ).map((e) =>
              exposure(
                e.company.key,
                keys(e.policies),
                e.routes,
                e.paths.map((p) => p.relationships.map((r) => ({ type: r.type, from: r.from.key, to: r.to.key, evidence: lines(r.evidence) }))),
              ),
            ),
          ),
        raw: (rows) =>
          byCompany(
            (rows as { company: string; policies: string[]; routes: string[]; paths: (Omit<Step, 'evidence'> & { evidence: string[] | null })[][] }[]).map(
              (r) =>
                exposure(
                  r.company,
                  r.policies,
                  r.routes,
                  r.paths.map((p) => p.map((s) => ({ ...s, evidence: lines(s.evidence) }))),
                ),
            ),
          ),
      },
    },
    searchCase('search (one name, first 10)', k.searchText),
    searchCase('search (broad, first 10)', k.searchBroad),
    {
      name: 'paths (maxHops 4, first 5)',
      graphql: {
        query: `query ($from: String!, $to: String!) { paths(from: $from, to: $to, maxHops: 4, first: 5) {
          length nodes { key } relationships { type evidenceVerbatim } } }`,
        variables: { from: k.pathFrom, to: k.pathTo },
      },
      cypher: {
        query: `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
          MATCH p = SHORTEST 5 (a) (()-[]-(:Entity)){1,4} (b)
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
    },
    {
      name: 'financialTotals (CAPEX by country)',
      graphql: {
        query: 'query ($period: String!) { financialTotals(metric: CAPEX, period: $period, groupBy: COUNTRY) { groupKey total unit } }',
        variables: { period: k.totalsPeriod },
      },
      // The rule of src/graph/financials.ts: one figure per company (exact over approximate,
      // stated over estimated, then the first recorded), bounds and ranges left out.
      cypher: {
        query: `MATCH (c:Company)-[:REPORTED]->(f:FinancialFact)
          WHERE f.metric = 'CAPEX' AND f.period = $period
          WITH c, f ORDER BY CASE f.qualifier WHEN 'EXACT' THEN 0 WHEN 'APPROX' THEN 1 ELSE 2 END, f.estimate, f.seq, f.key
          WITH c, collect(f)[0] AS chosen
          WHERE chosen.qualifier IN ['EXACT', 'APPROX']
          OPTIONAL CALL (c) { MATCH (c)-[:HEADQUARTERED_IN]->(country:Country) RETURN country LIMIT 1 }
          RETURN coalesce(country.key, 'unknown') AS groupKey, sum(chosen.value) AS total, collect(DISTINCT chosen.unit)[0] AS unit
          ORDER BY total DESC, groupKey`,
        params: { period: k.totalsPeriod },
      },
      peer: {
        query: 'query ($period: String!) { financialTotals(metric: "CAPEX", period: $period, groupBy: "COUNTRY") { groupKey total unit } }',
        variables: { period: k.totalsPeriod },
      },
      normalize: {
        project: (d) => totals(d.financialTotals as { groupKey: string; total: number; unit: string }[]),
        peer: (d) => totals(d.financialTotals as { groupKey: string; total: number; unit: string }[]),
        raw: (rows) => totals(rows as { groupKey: string; total: number; unit: string }[]),
      },
    },
    {
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
    },
  ];
}
