// The synthetic graph's proportions, scaled from the seed graph's shape to 100k entities and
// about 1M relationships. Every node and relationship carries the same provenance properties as
// seed data (evidence, sources), so queries do the same work per row.

export const ENTITY_SHARES = {
  Company: 0.3,
  CompanyGroup: 0.01,
  Organization: 0.005,
  Country: 0.002,
  Region: 0.003,
  Chip: 0.05,
  ChipFamily: 0.005,
  ProductCategory: 0.001,
  DataCenter: 0.05,
  Policy: 0.02,
  Person: 0.1,
  AIModel: 0.02,
  Quote: 0.334,
  Source: 0.1,
} as const;

export type SyntheticLabel = keyof typeof ENTITY_SHARES;

/** Relationships per entity of the `from` label; the total comes to ~10 per entity. */
export const RELATIONSHIP_PLAN: { type: string; from: SyntheticLabel; to: SyntheticLabel; perFrom: number }[] = [
  { type: 'HEADQUARTERED_IN', from: 'Company', to: 'Country', perFrom: 1 },
  { type: 'OPERATES_IN', from: 'Company', to: 'Region', perFrom: 2 },
  { type: 'BUYS', from: 'Company', to: 'Chip', perFrom: 4 },
  { type: 'BUYS', from: 'Company', to: 'ChipFamily', perFrom: 1 },
  { type: 'DEPENDS_ON', from: 'Company', to: 'Chip', perFrom: 2 },
  { type: 'MEMBER_OF', from: 'Company', to: 'CompanyGroup', perFrom: 1 },
  { type: 'OPERATES', from: 'Company', to: 'DataCenter', perFrom: 0.5 },
  { type: 'MEMBER_OF', from: 'Chip', to: 'ChipFamily', perFrom: 1 },
  { type: 'DESIGNS', from: 'Company', to: 'Chip', perFrom: 0.2 },
  { type: 'MADE_FOR_MARKET', from: 'Chip', to: 'Country', perFrom: 0.2 },
  { type: 'SUBSTITUTES', from: 'Chip', to: 'Chip', perFrom: 0.5 },
  { type: 'LOCATED_IN', from: 'DataCenter', to: 'Country', perFrom: 1 },
  { type: 'HOSTS', from: 'DataCenter', to: 'Chip', perFrom: 2 },
  { type: 'ISSUED_BY', from: 'Policy', to: 'Country', perFrom: 1 },
  { type: 'RESTRICTS', from: 'Policy', to: 'Chip', perFrom: 3 },
  { type: 'THREATENS', from: 'Policy', to: 'Chip', perFrom: 2 },
  { type: 'TARGETS', from: 'Policy', to: 'Country', perFrom: 2 },
  { type: 'INFLUENCES', from: 'Policy', to: 'Company', perFrom: 3 },
  { type: 'PARTICIPATES_IN', from: 'Company', to: 'Policy', perFrom: 0.3 },
  { type: 'LEADS', from: 'Person', to: 'Company', perFrom: 0.5 },
  { type: 'WORKS_FOR', from: 'Person', to: 'Company', perFrom: 1 },
  { type: 'DEVELOPS', from: 'Company', to: 'AIModel', perFrom: 0.1 },
  { type: 'SAID', from: 'Person', to: 'Quote', perFrom: 2.5 },
  { type: 'ABOUT', from: 'Quote', to: 'Company', perFrom: 2 },
  { type: 'ABOUT', from: 'Quote', to: 'Policy', perFrom: 0.5 },
  { type: 'ABOUT', from: 'Quote', to: 'Chip', perFrom: 0.5 },
];

/** Figures per company (REPORTED relationships to FinancialFact nodes). */
export const FACTS_PER_COMPANY = 6;
export const FACT_METRICS = ['CAPEX', 'REVENUE', 'CAPEX_GROWTH'] as const;
export const FACT_PERIODS = ['2023', '2024'] as const;

/** Deterministic PRNG (mulberry32) so every run builds the same graph. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A skewed pick (a few popular targets, a long tail), like real supply chains. */
export function skewedIndex(rand: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(size * rand() ** 2));
}

export const syntheticKey = (label: SyntheticLabel, i: number) => `syn-${label.toLowerCase()}-${i}`;
