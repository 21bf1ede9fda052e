import { describe, expect, it } from 'vitest';
import { ENTITY_SHARES, FACTS_PER_COMPANY, RELATIONSHIP_PLAN, random, type SyntheticLabel } from '../../bench/shape.js';
import { type EntityCounts, relationshipRows, relationshipScale } from '../../bench/synthetic-relationships.js';

// bench/generate.ts's relationship rows, computed without a database.
const countsFor = (entities: number) =>
  Object.fromEntries(Object.entries(ENTITY_SHARES).map(([label, share]) => [label, Math.max(3, Math.round(entities * share))])) as EntityCounts;
const HEADQUARTERS = RELATIONSHIP_PLAN.find((plan) => plan.type === 'HEADQUARTERED_IN')!;

function plannedTotal(counts: EntityCounts, scale: number): number {
  const perPlan = RELATIONSHIP_PLAN.map((plan) => (plan === HEADQUARTERS ? counts.Company : Math.round(plan.perFrom * counts[plan.from] * scale)));
  return perPlan.reduce((sum, n) => sum + n, 0) + counts.Company * Math.round(FACTS_PER_COMPANY * scale);
}

describe('the synthetic graph generator', () => {
  // The default size scales the plan up (×1.37), which gave ~11k companies a second headquarters;
  // a small total scales it down, which would leave companies without one.
  it.each([
    ['the default size', 100_000, 1_000_000],
    ['a small graph', 2_000, 5_000],
  ])('gives every company exactly one headquarters at %s', (_name, entities, relationships) => {
    const counts = countsFor(entities);
    const rows = relationshipRows(HEADQUARTERS, counts, relationshipScale(counts, relationships), random(42));
    const perCompany = new Map<string, number>();
    for (const row of rows) perCompany.set(row.from, (perCompany.get(row.from) ?? 0) + 1);
    expect(perCompany.size).toBe(counts.Company);
    expect([...perCompany.values()].every((n) => n === 1)).toBe(true);
    expect(rows.every((row) => row.to.startsWith('syn-country-'))).toBe(true);
  });

  // Within 2 %: figures come in whole ones per company.
  it('still plans about the requested number of relationships', () => {
    for (const [entities, relationships] of [
      [100_000, 1_000_000],
      [2_000, 5_000],
    ] as const) {
      const counts = countsFor(entities);
      const total = plannedTotal(counts, relationshipScale(counts, relationships));
      expect(Math.abs(total - relationships) / relationships).toBeLessThan(0.02);
    }
  });

  it('leaves the other relationship types scaled, not one per node', () => {
    const counts = countsFor(10_000);
    const buys = RELATIONSHIP_PLAN.find((plan) => plan.type === 'BUYS' && plan.to === ('Chip' satisfies SyntheticLabel))!;
    const rows = relationshipRows(buys, counts, relationshipScale(counts, 100_000), random(42));
    expect(rows.length).toBeGreaterThan(4 * counts.Company);
  });
});
