import type { Database } from '../db/database.js';
import { statedLink, type LinkBasis } from './claims.js';
import { linkRow } from './lookups.js';
import { entityProjection, packedPath, type EntityRecord, type LinkNeed, type LinkRecord, type PathRecord, type PropertyNeed } from './records.js';

/** How a company reaches the chip asked about. */
export type ExposureRoute = 'DIRECT' | 'FAMILY' | 'VARIANT';

/** Whether an exposure rests on links the sources state, or needs one that is derived or only the curators'. */
export type ExposureBasis = LinkBasis;

export interface ExposureRecord {
  basis: ExposureBasis;
  /** The company, or the company group (an aggregate of buyers) for group exposures. */
  company: EntityRecord;
  /** The designation lists (policies of kind DESIGNATION_LIST) that TARGET the company, ended ones included; empty unless selected. */
  designations: LinkRecord[];
  chip: EntityRecord;
  policies: EntityRecord[];
  routes: ExposureRoute[];
  /** Usage paths (company to chip), policy paths (policy to chip) and scope paths (policy to the company's country). */
  paths: PathRecord[];
}

/** What a selection reads of an exposure; paths are built only when selected (null). */
export interface ExposureNeed {
  company: PropertyNeed;
  chip: PropertyNeed;
  policies: PropertyNeed;
  paths: LinkNeed | null;
  /** The designations of each company, read in the same statement; null when not selected. */
  designations?: LinkNeed | null;
}

const WHOLE_EXPOSURE: ExposureNeed = { company: 'ALL', chip: 'ALL', policies: 'ALL', paths: { relation: 'ALL', node: 'ALL' }, designations: null };

/** Who can be exposed: companies, or company groups (a dataset's aggregate of buyers: Epoch's buyers in China). */
export type ExposureHolder = 'Company' | 'CompanyGroup';

/** How a holder is placed where a policy's targets are: a company by its headquarters or operations, a group by where it is located. */
const PLACED_IN: Record<ExposureHolder, string> = { Company: 'HEADQUARTERED_IN|OPERATES_IN', CompanyGroup: 'LOCATED_IN' };

/**
 * Companies that buy or depend on a chip while a policy of the given kinds restricts or threatens
 * it, found by traversal:
 * - use: the company BUYS / DEPENDS_ON the chip (DIRECT); or a class or family it is in, two
 *   levels up (FAMILY: the merged class h100-h200, or Hopper, for the H100); or a
 *   market-specific chip of the same family (VARIANT). Through a family or a variant, a chip made
 *   for one market only counts for companies headquartered or operating in that market: buying
 *   "Hopper" makes a US firm a user of the H100, not of the China-only H20.
 * - threat: the policy RESTRICTS or THREATENS the chip or its family.
 * - scope: a policy that TARGETS places only reaches companies headquartered or operating there.
 */
export async function exposure(
  db: Database,
  chip: string,
  policyKinds: readonly string[] | null,
  includeDerived = true,
  need: ExposureNeed = WHOLE_EXPOSURE,
  holder: ExposureHolder = 'Company',
): Promise<ExposureRecord[]> {
  const placed = PLACED_IN[holder];
  // Holders placed in the markets a chip is made for, listed once per chip: testing each buyer
  // instead walks every relationship of every buyer (a sparse node keeps them in one chain), and
  // was three quarters of the statement's db hits on the synthetic graph (bench/README.md, "Fifth series").
  const placedInMarketsOf = (chipVariable: string) =>
    `COLLECT { MATCH (${chipVariable})-[:MADE_FOR_MARKET]->()<-[:${placed}]-(placedThere:${holder}) RETURN DISTINCT placedThere }`;
  // In the scope, \`target IN places\` says what the pattern's last hop says: it lets the planner
  // drop a policy's other targets before testing that hop, for the same reason.
  const designations = need.designations && holder === 'Company' ? need.designations : null;
  // Without derived links, every link of every path must be stated (not derived, not the curators' own).
  const stated = (path: string) => (includeDerived ? 'true' : `all(r IN relationships(${path}) WHERE ${statedLink('r')})`);
  const path = need.paths ? packedPath('p', { ...need.paths, relation: withKey(need.paths.relation) }) : null;
  const designation = designations ? linkRow('company', designations) : null;
  const rows = await db.read<
    Omit<ExposureRecord, 'basis' | 'paths' | 'designations'> & { derived: boolean; curated: boolean; paths: unknown[]; designations: unknown[] }
  >(
    `MATCH (chip:Chip {key: $chip})
     CALL (chip) {
       MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(chip)
       WHERE ${stated('threat')}
       RETURN policy, threat
       UNION
       MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(:ChipFamily)<-[:MEMBER_OF*1..2]-(chip)
       WHERE ${stated('threat')}
       RETURN policy, threat
     }
     WITH chip, policy, threat
     WHERE $kinds IS NULL OR policy.kind IN $kinds
     CALL (chip) {
       MATCH use = (company:${holder})-[:BUYS|DEPENDS_ON]->(chip)
       WHERE ${stated('use')}
       RETURN company, use, 'DIRECT' AS route
       UNION
       WITH chip, EXISTS { (chip)-[:MADE_FOR_MARKET]->() } AS forSomeMarkets, ${placedInMarketsOf('chip')} AS placedInMarkets
       MATCH use = (company:${holder})-[:BUYS|DEPENDS_ON]->(:ChipFamily)<-[:MEMBER_OF*1..2]-(chip)
       WHERE ${stated('use')}
         AND (NOT forSomeMarkets OR company IN placedInMarkets)
       RETURN company, use, 'FAMILY' AS route
       UNION
       MATCH (variant:Chip)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
       WHERE variant <> chip
       WITH DISTINCT chip, variant
       WITH chip, variant, ${placedInMarketsOf('variant')} AS placedInMarkets
       WHERE size(placedInMarkets) > 0
       MATCH use = (company:${holder})-[:BUYS|DEPENDS_ON]->(variant)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
       WHERE company IN placedInMarkets AND ${stated('use')}
       RETURN company, use, 'VARIANT' AS route
     }
     WITH chip, policy, threat, company, use, route, COLLECT { MATCH (company)-[:${placed}]->(place) RETURN place } AS places
     OPTIONAL MATCH scope = (policy)-[:TARGETS]->(target:Country|Region)<-[:${placed}]-(company)
     WHERE target IN places AND ${stated('scope')}
     WITH chip, policy, threat, company, use, route, collect(scope) AS scopes
     WHERE size(scopes) > 0 OR NOT EXISTS { (policy)-[:TARGETS]->(:Country|Region) }
     WITH chip, company,
          collect(DISTINCT policy) AS policies,
          collect(DISTINCT route) AS routes,
          collect(DISTINCT use) + collect(DISTINCT threat) + reduce(all = [], s IN collect(scopes) | all + s) AS paths
     RETURN ${entityProjection('company', need.company)} AS company, ${entityProjection('chip', need.chip)} AS chip,
            [p IN policies | ${entityProjection('p', need.policies)}] AS policies, routes,
            any(p IN paths WHERE any(r IN relationships(p) WHERE r.derived)) AS derived,
            any(p IN paths WHERE any(r IN relationships(p) WHERE r.basis = 'CURATOR')) AS curated,
            ${path ? `[p IN paths | ${path.cypher}]` : '[]'} AS paths,
            ${designation ? `COLLECT { MATCH (company)<-[r:TARGETS]-(m:Policy) WHERE m.kind = 'DESIGNATION_LIST' RETURN ${designation.cypher} }` : '[]'} AS designations
     ORDER BY company.key`,
    { chip, kinds: policyKinds?.length ? policyKinds : null },
  );
  // The same scope path can be collected once per use; keep one of each.
  // The weakest link decides: an inference, else the curators' knowledge, else stated throughout.
  return rows.map(({ derived, curated, ...row }) => ({
    ...row,
    basis: derived ? 'DERIVED' : curated ? 'CURATOR' : 'STATED',
    paths: path ? dedupePaths(row.paths.map(path.unpack)) : [],
    designations: designation ? row.designations.map(designation.unpack) : [],
  }));
}

/** Paths are told apart by the keys of their relationships. */
const withKey = (need: PropertyNeed): PropertyNeed => (need === 'ALL' || need.includes('key') ? need : [...need, 'key']);

function dedupePaths(paths: PathRecord[]): PathRecord[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const id = p.relationships.map((r) => r.properties.key).join('/');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
