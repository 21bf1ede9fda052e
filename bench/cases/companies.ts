import { company, keys, lines, list, oneOf, sorted, type ChipUse, type Figure, type Json, type PolicyLink } from '../compare.js';
import type { CaseKeys } from '../keys.js';
import type { BenchCase } from './bench-case.js';

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

/** The first page of companies, each with its figures, chips, policies and sources: the nested read. */
export function companiesCase(k: CaseKeys): BenchCase {
  const policyConnections = POLICY_TYPES.map(
    (type) => `${PEER_POLICY_FIELDS[type]}Connection { edges { properties { evidence } node { key kind status } } }`,
  ).join('\n          ');
  const chipConnections = Object.values(PEER_CHIP_FIELDS)
    .map((field) => `${field}Connection { edges { properties { units period evidence sources } node { ... on Chip { key } ... on ChipFamily { key } } } }`)
    .join('\n          ');

  return {
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
      query: `MATCH (c:Company) WHERE c.name IS NOT NULL AND c.key IS NOT NULL WITH c ORDER BY c.name, c.key LIMIT 12
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
  };
}
