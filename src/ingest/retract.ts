import type { Database } from '../db/database.js';
import { projectLinks } from './project.js';
import { openChangeSet, recordChangeSet, type ChangeSetSummary } from './write.js';
import { relationshipKey } from './validate.js';
import type { StatedRelationshipType } from '../core/model.js';
import { refreshAggregates } from '../graph/aggregates.js';
import { union } from '../graph/claims.js';
import { relationProjection, type RelationRecord } from '../graph/records.js';

export interface RelationId {
  type: StatedRelationshipType;
  from: string;
  to: string;
  period?: string | null;
}

const keyOf = (id: RelationId) => relationshipKey({ ...id, properties: id.period ? { period: id.period } : {} });

/** The stated relationship with this identity (type, ends, period), if it exists. */
export async function findRelation(db: Database, id: RelationId): Promise<RelationRecord | null> {
  const rows = await db.read<{ relation: RelationRecord }>(
    `MATCH (:Entity {key: $from})-[r:${id.type} {key: $key}]->(:Entity {key: $to})
     RETURN ${relationProjection('r')} AS relation`,
    { from: id.from, to: id.to, key: keyOf(id) },
  );
  return rows[0]?.relation ?? null;
}

/** Several sources support the link and the request did not say whose claim to retract. */
export class AmbiguousRetractionError extends Error {
  constructor(readonly sources: string[][]) {
    super(
      `the link is stated by ${sources.length} claims (sources ${sources.map((s) => s.join('+')).join('; ')}): name the source whose claim to retract, or retract all explicitly`,
    );
  }
}

export interface Retraction {
  /** The link as it was before. */
  relation: RelationRecord;
  /** Whether the link is gone (no claim supports it any more) or still stands on other claims. */
  removed: boolean;
  changeSet: ChangeSetSummary;
}

/**
 * Retracts claims that state a link: the claim of one source, or all of them when asked. Claims
 * are marked retracted, never deleted, and the change is recorded; the direct relationship is
 * recomputed from the claims left, and disappears when none is (a company losing its headquarters
 * link moves out of its country's totals). Null when no claim matches.
 */
export async function retractRelation(
  db: Database,
  id: RelationId,
  which: { source?: string | null; allSources?: boolean | null; principal: string },
): Promise<Retraction | null> {
  const key = keyOf(id);
  return db.writeTransaction(async (run) => {
    const [found] = await run<{ relation: RelationRecord | null; claims: { key: string; sources: string[]; source: string }[] }>(
      `OPTIONAL MATCH (:Entity {key: $from})-[r:${id.type} {key: $key}]->(:Entity {key: $to})
       RETURN CASE WHEN r IS NULL THEN null ELSE ${relationProjection('r')} END AS relation,
              COLLECT { MATCH (c:Claim {kind: 'LINK', target: $key}) WHERE NOT c.retracted RETURN c {.key, .sources, .source} } AS claims`,
      { from: id.from, to: id.to, key },
    );
    if (!found?.relation || !found.claims.length) return null;
    const chosen = which.allSources
      ? found.claims
      : which.source
        ? found.claims.filter((claim) => claim.source === which.source || claim.sources.includes(which.source!))
        : found.claims.length === 1
          ? found.claims
          : null;
    if (!chosen) throw new AmbiguousRetractionError(found.claims.map((claim) => claim.sources));
    if (!chosen.length) return null;
    const changeSet = await openChangeSet(run);
    await run(`MATCH (c:Claim) WHERE c.key IN $keys SET c.retracted = true, c.retractedIn = $cs`, {
      keys: chosen.map((claim) => claim.key),
      cs: changeSet.id,
    });
    await refreshAggregates(run, { companies: (await projectLinks(run, [key])).relocated });
    const summary = await recordChangeSet(run, changeSet, {
      principal: which.principal,
      sources: union(chosen.map((claim) => (claim.sources.length ? claim.sources : [claim.source]))),
      added: 0,
      changed: 0,
      retracted: chosen.length,
    });
    return { relation: found.relation, removed: chosen.length === found.claims.length, changeSet: summary };
  });
}
