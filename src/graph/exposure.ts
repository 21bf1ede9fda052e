import type { Database } from '../db/database.js';
import { statedLink, type LinkBasis } from './claims.js';
import { entityProjection, pathProjection, type EntityRecord, type LinkNeed, type PathRecord, type PropertyNeed } from './records.js';

/** How a company reaches the chip asked about. */
export type ExposureRoute = 'DIRECT' | 'FAMILY' | 'VARIANT';

/** Whether an exposure rests on links the sources state, or needs one that is derived or only the curators'. */
export type ExposureBasis = LinkBasis;

export interface ExposureRecord {
  basis: ExposureBasis;
  company: EntityRecord;
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
}

const WHOLE_EXPOSURE: ExposureNeed = { company: 'ALL', chip: 'ALL', policies: 'ALL', paths: { relation: 'ALL', node: 'ALL' } };

/**
 * Companies that buy or depend on a chip while a policy of the given kinds restricts or threatens
 * it, found by traversal:
 * - use: the company BUYS / DEPENDS_ON the chip (DIRECT); or its family (FAMILY); or a
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
): Promise<ExposureRecord[]> {
  // Without derived links, every link of every path must be stated (not derived, not the curators' own).
  const stated = (path: string) => (includeDerived ? 'true' : `all(r IN relationships(${path}) WHERE ${statedLink('r')})`);
  const rows = await db.read<Omit<ExposureRecord, 'basis'> & { derived: boolean; curated: boolean }>(
    `MATCH (chip:Chip {key: $chip})
     CALL (chip) {
       MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(chip)
       WHERE ${stated('threat')}
       RETURN policy, threat
       UNION
       MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
       WHERE ${stated('threat')}
       RETURN policy, threat
     }
     WITH chip, policy, threat
     WHERE $kinds IS NULL OR policy.kind IN $kinds
     CALL (chip) {
       MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(chip)
       WHERE ${stated('use')}
       RETURN company, use, 'DIRECT' AS route
       UNION
       MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
       WHERE ${stated('use')}
         AND (NOT EXISTS { (chip)-[:MADE_FOR_MARKET]->() }
              OR EXISTS { (chip)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) })
       RETURN company, use, 'FAMILY' AS route
       UNION
       MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(variant:Chip)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
       WHERE variant <> chip AND ${stated('use')}
         AND EXISTS { (variant)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) }
       RETURN company, use, 'VARIANT' AS route
     }
     OPTIONAL MATCH scope = (policy)-[:TARGETS]->(:Country|Region)<-[:HEADQUARTERED_IN|OPERATES_IN]-(company)
     WHERE ${stated('scope')}
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
            ${need.paths ? `[p IN paths | ${pathProjection('p', { ...need.paths, relation: withKey(need.paths.relation) })}]` : '[]'} AS paths
     ORDER BY company.key`,
    { chip, kinds: policyKinds?.length ? policyKinds : null },
  );
  // The same scope path can be collected once per use; keep one of each.
  // The weakest link decides: an inference, else the curators' knowledge, else stated throughout.
  return rows.map(({ derived, curated, ...row }) => ({
    ...row,
    basis: derived ? 'DERIVED' : curated ? 'CURATOR' : 'STATED',
    paths: dedupePaths(row.paths),
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
