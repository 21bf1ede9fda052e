import type { Params } from '../db/database.js';
import { byPreference, linkBasis, union, type ClaimRecord } from '../graph/claims.js';
import { STATED_RELATIONSHIP_TYPES } from '../core/model.js';
import { canonicalJson } from '../core/canonical-json.js';
import type { Identifier } from './shapes.js';

/*
 * The projection of claims onto what every field and traversal reads: entity nodes and direct
 * relationships are recomputed from all the active claims about them, the preferred claim's
 * values shown (graph/claims.ts has the rule), after every write that touches them.
 */

const BATCH_SIZE = 1000;

export type Row = Record<string, unknown>;
export type Run = <T extends Row>(cypher: string, params?: Params) => Promise<T[]>;

/** Neo4j has no null properties: drop them so a re-import writes exactly the same property set. */
export function props(object: Record<string, unknown>, omit: string[] = []): Row {
  return Object.fromEntries(Object.entries(object).filter(([name, value]) => value !== null && value !== undefined && !omit.includes(name)));
}

export function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) out.push(rows.slice(i, i + BATCH_SIZE));
  return out;
}

export type StoredClaim = Pick<
  ClaimRecord,
  'target' | 'type' | 'from' | 'to' | 'source' | 'sources' | 'evidence' | 'derived' | 'note' | 'values' | 'valuesDigest' | 'seq' | 'locator' | 'confidence'
>;

async function activeClaims(run: Run, kind: ClaimRecord['kind'], targets: string[]): Promise<Map<string, StoredClaim[]>> {
  const rows = await run<{ claim: StoredClaim }>(
    `MATCH (c:Claim {kind: $kind}) WHERE c.target IN $targets AND NOT c.retracted
     RETURN c {.target, .type, .from, .to, .source, .sources, .evidence, .derived, .note, .values, .valuesDigest, .seq, .locator, .confidence} AS claim`,
    { kind, targets },
  );
  const byTarget = new Map<string, StoredClaim[]>();
  for (const { claim } of rows) byTarget.set(claim.target, [...(byTarget.get(claim.target) ?? []), claim]);
  return byTarget;
}

/**
 * An entity node shows, for each property, the value of the most preferred claim that gives one;
 * its aliases and sources are those of every claim.
 */
export function entityProps(key: string, claims: readonly StoredClaim[]): Row {
  const ranked = byPreference(claims);
  const values = ranked.map((claim) => JSON.parse(claim.values) as Row);
  const shown: Row = {};
  for (const claimValues of [...values].reverse()) Object.assign(shown, claimValues);
  // Every source's identifiers, each with the source stating it (a node property holds no maps: JSON strings).
  const identifiers = union(
    ranked.map((claim, index) => ((values[index]!.identifiers as Identifier[] | undefined) ?? []).map((id) => canonicalJson({ ...id, source: claim.source }))),
  );
  return props({
    ...shown,
    key,
    identifiers: identifiers.length ? identifiers : undefined,
    aliases: union(values.map((v) => v.aliases as string[] | undefined)),
    sources: union(ranked.map((claim) => claim.sources)),
    evidence: ranked[0]!.evidence.length ? ranked[0]!.evidence : undefined,
    note: ranked[0]!.note,
  });
}

/**
 * Rewrites the entity nodes of `keys` from all their active claims. Returns the keys of the
 * companies whose kind this changed, whose figures now count in another group.
 */
export async function projectEntities(run: Run, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const claims = await activeClaims(run, 'ENTITY', keys);
  const rows = keys.flatMap((key) => (claims.get(key)?.length ? [{ key, props: entityProps(key, claims.get(key)!) }] : []));
  const regrouped: string[] = [];
  for (const batch of chunks(rows)) {
    const changed = await run<{ key: string }>(
      `UNWIND $rows AS row
       MATCH (n:Entity {key: row.key})
       WITH n, row, n.fullText AS fullText, n.kind AS kindBefore
       SET n = row.props, n.fullText = fullText
       WITH n, kindBefore WHERE ${REGROUPED}
       RETURN n.key AS key`,
      { rows: batch },
    );
    regrouped.push(...changed.map((row) => row.key));
  }
  return regrouped;
}

/** Cypher: company `n` now has another kind than `kindBefore`, so its figures count in another group. */
export const REGROUPED = 'n:Company AND NOT coalesce(n.kind = kindBefore, n.kind IS NULL AND kindBefore IS NULL)';

/**
 * A direct relationship carries the preferred claim's values and evidence, every supporting
 * source, `derived` only when every claim is derived, how many claims support it, and whether
 * they disagree.
 */
export function linkProps(key: string, claims: readonly StoredClaim[], curatorSources: ReadonlySet<string>): Row {
  const ranked = byPreference(claims);
  const preferred = ranked[0]!;
  return props({
    ...(JSON.parse(preferred.values) as Row),
    key,
    evidence: preferred.evidence,
    sources: union(ranked.map((claim) => claim.sources)),
    derived: ranked.every((claim) => claim.derived),
    basis: linkBasis(ranked, curatorSources),
    note: preferred.note,
    locator: preferred.locator,
    confidence: preferred.confidence,
    supportCount: ranked.length,
    conflict: new Set(ranked.map((claim) => claim.valuesDigest)).size > 1,
  });
}

/**
 * A direct relationship exists while at least one claim supports it (linkProps says what it
 * carries). Returns the keys of the entities whose headquarters links it wrote or removed, whose
 * figures may now count for another country.
 */
export async function projectLinks(run: Run, keys: string[]): Promise<{ relocated: string[]; reprojected: number }> {
  if (!keys.length) return { relocated: [], reprojected: 0 };
  const claims = await activeClaims(run, 'LINK', keys);
  const curatorSources = await curatorSourcesOf(run, [...claims.values()].flat());
  const present: Row[] = [];
  const gone: string[] = [];
  for (const key of keys) {
    const supporting = claims.get(key) ?? [];
    const preferred = byPreference(supporting)[0];
    if (!preferred) gone.push(key);
    else present.push({ from: preferred.from, to: preferred.to, type: preferred.type, props: linkProps(key, supporting, curatorSources) });
  }
  // A link whose projection changes although no claim did (a new projection rule, such as `basis`) is a change too.
  let reprojected = 0;
  for (const type of STATED_RELATIONSHIP_TYPES) {
    const rows = present.filter((row) => row.type === type);
    for (const batch of chunks(rows)) {
      const [written] = await run<{ changed: number }>(
        `UNWIND $rows AS row
         MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
         MERGE (a)-[r:${type} {key: row.props.key}]->(b)
         WITH r, row, properties(r) <> row.props AS changed
         SET r = row.props
         RETURN count(CASE WHEN changed THEN 1 END) AS changed`,
        { rows: batch },
      );
      reprojected += written?.changed ?? 0;
    }
  }
  const relocated = present.filter((row) => row.type === 'HEADQUARTERED_IN').map((row) => row.from as string);
  if (gone.length) {
    const removed = await run<{ from: string }>(
      `MATCH (a)-[r]->() WHERE r.key IN $gone AND type(r) IN $types
       WITH a, r, type(r) = 'HEADQUARTERED_IN' AS headquarters
       DELETE r
       WITH a WHERE headquarters
       RETURN a.key AS from`,
      { gone, types: STATED_RELATIONSHIP_TYPES },
    );
    relocated.push(...removed.map((row) => row.from));
  }
  return { relocated, reprojected };
}

/** Which of the claims' sources are the curators' general knowledge rather than a published source. */
export async function curatorSourcesOf(run: Run, claims: readonly Pick<ClaimRecord, 'sources'>[]): Promise<Set<string>> {
  const keys = union(claims.map((claim) => claim.sources));
  if (!keys.length) return new Set();
  const rows = await run<{ key: string }>(`MATCH (s:Source) WHERE s.key IN $keys AND s.kind = 'CURATOR_KNOWLEDGE' RETURN s.key AS key`, { keys });
  return new Set(rows.map((row) => row.key));
}
