import { FACTS_PER_COMPANY, RELATIONSHIP_PLAN, skewedIndex, syntheticKey, type SyntheticLabel } from './shape.js';

// The synthetic graph's relationships as rows, apart from generate.ts's database writes so that a
// unit test can check their shape without Neo4j.

export type RelationshipPlan = (typeof RELATIONSHIP_PLAN)[number];
export type EntityCounts = Record<SyntheticLabel, number>;

export interface RelationshipRow {
  from: string;
  to: string;
  key: string;
  props: Record<string, unknown>;
}

export const SOURCE_KEYS = ['syn-source-0', 'syn-source-1', 'syn-source-2'];
export const evidence = (i: number) => [`Synthetic evidence sentence ${i}: 合成證據句子，供基準測試使用。`];

/**
 * Types each node of the plan's `from` label has exactly one of, whatever the relationship total:
 * the API reads a company's `country` from its headquarters, and a second one would make it (and
 * every total by country) ambiguous.
 */
const ONE_PER_NODE = new Set(['HEADQUARTERED_IN']);

/**
 * How much to scale the per-entity plan and the figures so that the relationships come to
 * `target`: the one-per-node types take their share first, since they cannot be scaled.
 */
export function relationshipScale(counts: EntityCounts, target: number): number {
  let fixed = 0;
  let scalable = counts.Company * FACTS_PER_COMPANY;
  for (const plan of RELATIONSHIP_PLAN) {
    if (ONE_PER_NODE.has(plan.type)) fixed += counts[plan.from];
    else scalable += plan.perFrom * counts[plan.from];
  }
  return Math.max(0, (target - fixed) / scalable);
}

/**
 * One plan's relationships: `from` nodes in turn, each to a target drawn with a skew, without
 * self-links or repeats. A one-per-node type gives every `from` node exactly one.
 */
export function relationshipRows(plan: RelationshipPlan, counts: EntityCounts, scale: number, rand: () => number): RelationshipRow[] {
  const total = ONE_PER_NODE.has(plan.type) ? counts[plan.from] : Math.round(plan.perFrom * counts[plan.from] * scale);
  const seen = new Set<string>();
  const rows: RelationshipRow[] = [];
  for (let n = 0; n < total; n++) {
    const from = syntheticKey(plan.from, n % counts[plan.from]);
    const to = syntheticKey(plan.to, skewedIndex(rand, counts[plan.to]));
    const key = `${from}|${plan.type}|${to}`;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    const props: Record<string, unknown> = { key, evidence: evidence(n), sources: SOURCE_KEYS.slice(0, 1 + (n % 2)), derived: n % 10 === 0 };
    if (plan.type === 'BUYS') Object.assign(props, { units: 1000 + Math.floor(rand() * 100_000), period: '2024', estimate: false });
    rows.push({ from, to, key, props });
  }
  return rows;
}
