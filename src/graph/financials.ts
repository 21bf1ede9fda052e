import type { Database } from '../db/database.js';
import { approximate, estimated, FIGURE_ORDER, HEADQUARTERS, scopeOf, storedTotals, summable, type StoredTotal } from './aggregates.js';
import { entityProjection, type EntityRecord } from './records.js';

export type FinancialGroup = 'COUNTRY' | 'KIND';

/** Units that add up. A sum of percentages or multiples means nothing, so those are refused. */
export const ADDITIVE_UNITS = ['USD', 'USD_BILLION', 'CNY_BILLION', 'UNITS', 'WATT', 'MEGAWATT', 'GIGAWATT'] as const;

export class TotalsRequestError extends Error {
  override name = 'TotalsRequestError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GroupTotal {
  groupBy: FinancialGroup;
  /** The country key, or the company kind; `unknown` when the company has none. */
  groupKey: string;
  group: EntityRecord | null;
  /** The market the summed figures are limited to; null when they are company-wide. */
  market: string | null;
  total: number;
  unit: string;
  /** How many companies were summed. */
  memberCount: number;
  /** Keys of the companies summed and of the figure used for each, in the same order (empty unless asked for). */
  companyKeys: string[];
  factKeys: string[];
  /** Keys of the group's figures left out of the sum: bounds, ranges, other units, second figures, other scopes. */
  excludedFactKeys: string[];
  /** True when any summed figure is an estimate or approximate, so the total is too. */
  approximate: boolean;
  /** True when any summed figure is an estimate (the estimator's median): the total adds estimates. */
  estimated: boolean;
}

type GroupRow = Omit<GroupTotal, 'groupBy' | 'unit' | 'market'> & { units: string[] };

/**
 * Sums one figure per company (an exact one over an approximate one, stated over estimated) by
 * headquarters country or company kind, over company-wide figures, or over the figures limited to
 * `market` when one is given: a market segment is never part of a company's total, nor is a figure
 * that counts one item (FinancialFact.item: an owner's H20s); both are listed as excluded. Bounds and
 * ranges are never added. Figures stated for company groups are not included: adding them to their
 * members would count twice. Answered from the precomputed aggregates (graph/aggregates.ts) when it
 * can be, otherwise by the live query, which alone can list members or keep to some sources.
 */
export async function financialTotals(
  db: Database,
  metric: string,
  period: string,
  groupBy: FinancialGroup,
  unit: string | null,
  options: { withMembers: boolean; sources?: readonly string[] | null; market?: string | null },
): Promise<GroupTotal[]> {
  const sources = options.sources?.length ? options.sources : null;
  const market = options.market ?? null;
  const scope = market ?? '';
  const stored = options.withMembers || sources ? null : await storedTotals(db, metric, period, scope, groupBy);
  const rows = stored ? groupsOf(stored, unit) : await liveTotals(db, { metric, period, groupBy, unit, withMembers: options.withMembers, sources, scope });

  const units = [...new Set(rows.flatMap((row) => row.units))].sort();
  if (units.length > 1) {
    throw new TotalsRequestError(
      'unit',
      `is required here: the figures for this metric and period are stated in ${units.join(' and ')}, and totals never add different units. Pass unit: ${units.join(' or ')}.`,
    );
  }
  const [onlyUnit] = units;
  if (onlyUnit && !(ADDITIVE_UNITS as readonly string[]).includes(onlyUnit)) {
    throw new TotalsRequestError(
      'metric',
      `names figures stated in ${onlyUnit}, which do not add up; totals exist only for figures in ${ADDITIVE_UNITS.join(', ')}.`,
    );
  }
  return (
    rows
      .filter((row) => row.memberCount > 0)
      // Floating-point sums of one-decimal figures leave noise like 258.00000000000003.
      .map(({ units: _units, ...row }) => ({ ...row, groupBy, market, unit: onlyUnit!, total: Math.round(row.total * 1e9) / 1e9 }))
      .sort((a, b) => b.total - a.total || a.groupKey.localeCompare(b.groupKey))
  );
}

/** Stored per-unit totals as the live query gives them: one row per group, `unit` alone summed when given. */
function groupsOf(stored: StoredTotal[], unit: string | null): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const row of stored) {
    if (unit !== null && row.unit !== unit) continue;
    const group = groups.get(row.groupKey) ?? {
      groupKey: row.groupKey,
      group: row.group,
      total: 0,
      units: [],
      memberCount: 0,
      approximate: false,
      estimated: false,
      companyKeys: [],
      factKeys: [],
      excludedFactKeys: [],
    };
    group.total += row.total;
    if (row.unit !== null) group.units.push(row.unit);
    group.memberCount += row.memberCount;
    group.approximate ||= row.approximate;
    group.estimated ||= row.estimated;
    groups.set(row.groupKey, group);
  }
  return [...groups.values()];
}

/** Reads every company's figure for the metric and period, in Cypher, so only one row per group leaves the database. */
async function liveTotals(
  db: Database,
  request: {
    metric: string;
    period: string;
    groupBy: FinancialGroup;
    unit: string | null;
    withMembers: boolean;
    sources: readonly string[] | null;
    scope: string;
  },
): Promise<GroupRow[]> {
  return db.read<GroupRow>(
    `MATCH (c:Company)-[:REPORTED]->(f:FinancialFact)
     WHERE f.metric = $metric AND f.period = $period AND ($sources IS NULL OR any(s IN f.sources WHERE s IN $sources))
     WITH c, f
     // Where sources give several figures, the one recorded first is summed (the claims' preference rule).
     ORDER BY ${FIGURE_ORDER}
     WITH c, collect(f) AS figures
     // Figures of another scope are listed as left out, never chosen.
     WITH c, [x IN figures WHERE ${scopeOf('x')} = $scope] AS candidates, [x IN figures WHERE ${scopeOf('x')} <> $scope | x.key] AS otherScopes
     WITH c, candidates[0] AS chosen, [x IN candidates[1..] | x.key] + otherScopes AS others
     WITH c, chosen, others, chosen IS NOT NULL AND ${summable('chosen')} AND ($unit IS NULL OR chosen.unit = $unit) AS summable
     ${HEADQUARTERS}
     WITH c, chosen, others, summable,
          CASE WHEN $groupBy = 'COUNTRY' THEN country END AS groupNode,
          CASE WHEN $groupBy = 'COUNTRY' THEN coalesce(country.key, 'unknown') ELSE coalesce(c.kind, 'unknown') END AS groupKey
     // Members are listed by company key; without them, sorting every company is only cost.
     ${request.withMembers ? 'ORDER BY c.key' : ''}
     WITH groupKey, groupNode,
          sum(CASE WHEN summable THEN chosen.value ELSE 0 END) AS total,
          collect(DISTINCT CASE WHEN summable THEN chosen.unit END) AS units,
          count(CASE WHEN summable THEN 1 END) AS memberCount,
          // Key lists can run to tens of thousands: only sent when the client selects the members.
          CASE WHEN $withMembers THEN collect(CASE WHEN summable THEN c.key END) ELSE [] END AS companyKeys,
          CASE WHEN $withMembers THEN collect(CASE WHEN summable THEN chosen.key END) ELSE [] END AS factKeys,
          CASE WHEN $withMembers
            THEN collect(CASE WHEN summable THEN null ELSE chosen.key END) + reduce(all = [], o IN collect(others) | all + o)
            ELSE [] END AS excludedFactKeys,
          any(x IN collect(CASE WHEN summable THEN ${approximate('chosen')} END) WHERE x) AS approximate,
          any(x IN collect(CASE WHEN summable THEN ${estimated('chosen')} END) WHERE x) AS estimated
     RETURN groupKey, CASE WHEN groupNode IS NULL THEN null ELSE ${entityProjection('groupNode')} END AS group,
            total, units, memberCount, companyKeys, factKeys, excludedFactKeys, approximate, estimated`,
    request,
  );
}
