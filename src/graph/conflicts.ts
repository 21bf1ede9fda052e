import type { Database } from '../db/database.js';
import { canonicalJson } from '../core/canonical-json.js';
import { byPreference } from './claims.js';
import type { SupportRecord } from './lookups.js';

export type ConflictKind = 'LINK' | 'FIGURE' | 'ENTITY';

/** One value that some sources give where others give another. */
export interface ConflictingValue {
  value: unknown;
  preferred: boolean;
  support: SupportRecord[];
}

/** A place where sources disagree, with every value side by side. */
export interface ConflictRecord {
  /** Stable: the thing disagreed about (`LINK:bytedance|BUYS|hopper|2024`, `ENTITY:colossus:powerMW`...). */
  id: string;
  kind: ConflictKind;
  subject: string;
  object: string | null;
  /** The relationship type, the metric, or the property disagreed about. */
  about: string;
  period: string | null;
  values: ConflictingValue[];
}

interface ClaimRow {
  target: string;
  type: string;
  from: string | null;
  to: string | null;
  claims: (Omit<SupportRecord, 'properties'> & { values: string })[];
}

interface FigureRow {
  subject: string;
  metric: string;
  period: string | null;
  market: string | null;
  relativeTo: string | null;
  date: string | null;
  item: string | null;
  facts: Record<string, unknown>[];
}

// Free text differs between any two writers without either being wrong, and aliases accumulate:
// neither is a disagreement.
const NOT_COMPARED = new Set(['description', 'note', 'aliases', 'stated', 'identifiers']);
/** What a figure states; its wording (`stated`) and provenance may differ without disagreeing. */
const FIGURE_VALUE_FIELDS = ['value', 'valueMax', 'valueLow', 'valueHigh', 'unit', 'qualifier'] as const;

/**
 * Every disagreement between sources, optionally about one entity: a link whose claims give
 * different values, an entity property two sources state differently, or figures for the same
 * subject, metric and period from different sources that differ. Ordered by id.
 */
export async function findConflicts(db: Database, subject: string | null): Promise<ConflictRecord[]> {
  const [claimRows, figureRows] = await Promise.all([
    db.read<ClaimRow>(
      `MATCH (c:Claim) WHERE NOT c.retracted
         AND ($subject IS NULL OR c.target = $subject OR c.from = $subject OR c.to = $subject)
       WITH c.target AS target, c.kind AS kind, collect(c) AS claims
       WHERE size(claims) > 1
       RETURN target, claims[0].type AS type, claims[0].from AS from, claims[0].to AS to,
              [c IN claims | c {.source, .sources, .evidence, .derived, .note, .values, .seq, .recordedIn, .kind}] AS claims`,
      { subject },
    ),
    db.read<FigureRow>(
      `MATCH (f:FinancialFact) WHERE $subject IS NULL OR f.subject = $subject
       WITH f.subject AS subject, f.metric AS metric, f.period AS period, f.market AS market, f.relativeTo AS relativeTo,
            f.date AS date, f.item AS item, collect(f {.*}) AS facts
       WHERE size(facts) > 1
       RETURN subject, metric, period, market, relativeTo, date, item, facts`,
      { subject },
    ),
  ]);

  const conflicts: ConflictRecord[] = [];
  for (const row of claimRows) {
    const claims: SupportRecord[] = row.claims.map(({ values, ...claim }) => ({ ...claim, properties: JSON.parse(values) as Record<string, unknown> }));
    const isLink = row.from !== null;
    if (isLink) {
      const conflict = disagreement(claims, (claim) => claim.properties);
      if (conflict) {
        const period = typeof claims[0]!.properties.period === 'string' ? (claims[0]!.properties.period as string) : null;
        conflicts.push({ id: `LINK:${row.target}`, kind: 'LINK', subject: row.from!, object: row.to, about: row.type, period, values: conflict });
      }
      continue;
    }
    const properties = new Set(claims.flatMap((claim) => Object.keys(claim.properties)).filter((name) => !NOT_COMPARED.has(name)));
    for (const property of [...properties].sort()) {
      const stating = claims.filter((claim) => claim.properties[property] !== undefined);
      const conflict = disagreement(stating, (claim) => claim.properties[property]);
      if (conflict) {
        conflicts.push({
          id: `ENTITY:${row.target}:${property}`,
          kind: 'ENTITY',
          subject: row.target,
          object: null,
          about: property,
          period: null,
          values: conflict,
        });
      }
    }
  }
  for (const row of figureRows) {
    const claims: SupportRecord[] = row.facts.map((fact) => ({
      source: (fact.sources as string[])[0]!,
      sources: fact.sources as string[],
      evidence: (fact.evidence as string[] | undefined) ?? [],
      derived: false,
      note: fact.note as string | undefined,
      properties: Object.fromEntries(FIGURE_VALUE_FIELDS.filter((name) => fact[name] !== undefined).map((name) => [name, fact[name]])),
      seq: (fact.seq as number | undefined) ?? 0,
      recordedIn: (fact.recordedIn as string | undefined) ?? '',
    }));
    // Bounds and ranges a source gives beside its own figure are not a disagreement with itself.
    if (new Set(claims.map((claim) => claim.source)).size < 2) continue;
    const conflict = disagreement(claims, (claim) => claim.properties);
    if (conflict) {
      // Figures at another date or of another item (an owner's H20s beside its A100s) are different figures.
      const finer = row.date || row.item ? [row.date ?? '', row.item ?? ''] : [];
      const scope = [row.subject, row.metric, row.period ?? '', row.market ?? '', row.relativeTo ?? '', ...finer].join('|');
      conflicts.push({
        id: `FIGURE:${scope}`,
        kind: 'FIGURE',
        subject: row.subject,
        object: row.market,
        about: row.metric,
        period: row.period,
        values: conflict,
      });
    }
  }
  return conflicts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The distinct values the claims give, each with its supporters, when there is more than one. */
function disagreement(claims: SupportRecord[], claimValue: (claim: SupportRecord) => unknown): ConflictingValue[] | null {
  const ranked = byPreference(claims);
  const byValue = new Map<string, ConflictingValue>();
  for (const claim of ranked) {
    const value = claimValue(claim);
    const id = canonicalJson(value);
    const entry = byValue.get(id) ?? { value, preferred: byValue.size === 0, support: [] };
    entry.support.push(claim);
    byValue.set(id, entry);
  }
  return byValue.size > 1 ? [...byValue.values()] : null;
}
