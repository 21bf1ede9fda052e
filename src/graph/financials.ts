import type { Database } from '../db/database.js';
import { entityProjection, type EntityRecord, type FactRecord } from './records.js';

export type FinancialGroup = 'COUNTRY' | 'KIND';

export interface CompanyFigure {
  company: EntityRecord;
  /** The company's headquarters country, if known. */
  country: EntityRecord | null;
  /** The figure used for the company: an exact one over an approximate one, stated over estimated. */
  fact: FactRecord;
  /** The company's other figures for the metric and period, which a sum cannot use (bounds, ranges, duplicates). */
  others: FactRecord[];
}

/**
 * Company-level figures of one metric and period, one chosen per company, with headquarters.
 * Figures stated for groups are not included: adding them to their members would count twice.
 */
export async function companyFigures(db: Database, metric: string, period: string): Promise<CompanyFigure[]> {
  return db.read<CompanyFigure>(
    `MATCH (c:Company)-[:REPORTED]->(f:FinancialFact {metric: $metric, period: $period})
     WITH c, f
     ORDER BY CASE f.qualifier WHEN 'EXACT' THEN 0 WHEN 'APPROX' THEN 1 ELSE 2 END, f.estimate, f.key
     WITH c, collect(f {.*}) AS facts
     OPTIONAL CALL (c) { MATCH (c)-[:HEADQUARTERED_IN]->(country:Country) RETURN country LIMIT 1 }
     RETURN ${entityProjection('c')} AS company,
            CASE WHEN country IS NULL THEN null ELSE ${entityProjection('country')} END AS country,
            facts[0] AS fact, facts[1..] AS others
     ORDER BY c.key`,
    { metric, period },
  );
}

/** Units that add up. A sum of percentages or multiples means nothing, so those are refused. */
export const ADDITIVE_UNITS = ['USD_BILLION', 'CNY_BILLION', 'UNITS', 'MEGAWATT', 'GIGAWATT'] as const;
const SUMMABLE_QUALIFIERS = new Set(['EXACT', 'APPROX']);

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
  total: number;
  unit: string;
  members: { company: EntityRecord; fact: FactRecord }[];
  /** Figures of the group's companies left out of the sum: bounds, ranges, other units, duplicates. */
  excluded: FactRecord[];
  /** True when any summed figure is an estimate or approximate, so the total is too. */
  approximate: boolean;
}

/**
 * Sums one figure per company by headquarters country or by company kind. Only exact or
 * approximate figures of one unit are added; `unit` picks one when the companies' figures come in
 * several, and without it several units are an error rather than a silent mix.
 */
export function totalsByGroup(figures: CompanyFigure[], groupBy: FinancialGroup, unit: string | null): GroupTotal[] {
  const summable = figures.filter((f) => SUMMABLE_QUALIFIERS.has(f.fact.qualifier) && (!unit || f.fact.unit === unit));
  const units = [...new Set(summable.map((f) => f.fact.unit))].sort();
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

  const groups = new Map<string, GroupTotal>();
  const groupOf = (f: CompanyFigure) => {
    const groupKey = groupBy === 'COUNTRY' ? (f.country?.key ?? 'unknown') : String(f.company.kind ?? 'unknown');
    let group = groups.get(groupKey);
    if (!group) {
      group = { groupBy, groupKey, group: groupBy === 'COUNTRY' ? f.country : null, total: 0, unit: onlyUnit ?? unit ?? '', members: [], excluded: [], approximate: false };
      groups.set(groupKey, group);
    }
    return group;
  };
  for (const figure of figures) {
    const group = groupOf(figure);
    group.excluded.push(...figure.others);
    if (!summable.includes(figure)) {
      group.excluded.push(figure.fact);
      continue;
    }
    group.members.push({ company: figure.company, fact: figure.fact });
    group.total += figure.fact.value;
    group.approximate ||= figure.fact.estimate || figure.fact.qualifier === 'APPROX';
  }
  return [...groups.values()]
    .filter((g) => g.members.length > 0)
    // Floating-point sums of one-decimal figures leave noise like 258.00000000000003.
    .map((g) => ({ ...g, total: Math.round(g.total * 1e9) / 1e9 }))
    .sort((a, b) => b.total - a.total || a.groupKey.localeCompare(b.groupKey));
}
