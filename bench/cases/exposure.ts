import { byCompany, exposure, keys, lines, type Step } from '../compare.js';
import type { CaseKeys } from '../keys.js';
import type { BenchCase } from './bench-case.js';

interface GraphStep {
  type: string;
  from: { key: string };
  to: { key: string };
}

/** Which companies a chip's export controls expose, by which routes and paths. */
export function exposureCase(k: CaseKeys): BenchCase {
  return {
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
            WITH chip, EXISTS { (chip)-[:MADE_FOR_MARKET]->() } AS forSomeMarkets,
                 COLLECT { MATCH (chip)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(c:Company) RETURN DISTINCT c } AS placedInMarkets
            MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
            WHERE NOT forSomeMarkets OR company IN placedInMarkets
            RETURN company, use, 'FAMILY' AS route
            UNION
            MATCH (variant:Chip)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip) WHERE variant <> chip
            WITH DISTINCT chip, variant
            WITH chip, variant, COLLECT { MATCH (variant)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(c:Company) RETURN DISTINCT c } AS placedInMarkets
            WHERE size(placedInMarkets) > 0
            MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(variant)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
            WHERE company IN placedInMarkets
            RETURN company, use, 'VARIANT' AS route
          }
          WITH policy, threat, company, use, route, COLLECT { MATCH (company)-[:HEADQUARTERED_IN|OPERATES_IN]->(place) RETURN place } AS places
          OPTIONAL MATCH scope = (policy)-[:TARGETS]->(target:Country|Region)<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) WHERE target IN places
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
          (rows as { company: string; policies: string[]; routes: string[]; paths: (Omit<Step, 'evidence'> & { evidence: string[] | null })[][] }[]).map((r) =>
            exposure(
              r.company,
              r.policies,
              r.routes,
              r.paths.map((p) => p.map((s) => ({ ...s, evidence: lines(s.evidence) }))),
            ),
          ),
        ),
    },
  };
}
