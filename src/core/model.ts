// The graph model in one place: labels, relationship types with their allowed endpoints, and
// the closed vocabularies. The seed validator, the Cypher layer and the GraphQL enums all read
// from here, so a new kind or relationship type is added once.

export const ENTITY_LABELS = [
  'Company',
  'CompanyGroup',
  'Organization',
  'Country',
  'Region',
  'Chip',
  'ChipFamily',
  'ProductCategory',
  'DataCenter',
  'Policy',
  'Person',
  'AIModel',
  'Quote',
  'Source',
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export const COMPANY_KINDS = [
  'HYPERSCALER',
  'CLOUD_PROVIDER',
  'INTERNET_PLATFORM',
  'TELECOM_OPERATOR',
  'CHIP_DESIGNER',
  'AI_LAB',
  'INVESTOR',
  'RESEARCH_FIRM',
  'FINANCIAL_INSTITUTION',
  'AUTOMAKER',
  'OTHER',
  // A company a dataset names without saying what it does (an owner, a listed firm): none is assumed.
  'UNSTATED',
] as const;
export const ORGANIZATION_KINDS = ['GOVERNMENT_AGENCY', 'GOVERNMENT'] as const;
export const REGION_KINDS = ['SUPRANATIONAL', 'SUBNATIONAL', 'SPECIAL_ADMINISTRATIVE_REGION'] as const;
// UNSTATED: the source does not say which markets a chip is made for (better than claiming GLOBAL).
export const CHIP_MARKETS = ['GLOBAL', 'CHINA_SPECIFIC', 'UNSTATED'] as const;
export const CHIP_USES = ['TRAINING', 'INFERENCE'] as const;
// SITE: a campus of buildings (Epoch's frontier data centers); CLUSTER: one supercomputer or phase of one.
export const DATA_CENTER_KINDS = ['CLUSTER', 'PORTFOLIO', 'SITE'] as const;
export const DATA_CENTER_STATUSES = ['OPERATING', 'PLANNED', 'UNDER_CONSTRUCTION', 'PAUSED', 'WITHDRAWN', 'DECOMMISSIONED'] as const;
export const POLICY_KINDS = [
  'EXPORT_CONTROL',
  'TARIFF',
  'TARIFF_EXEMPTION',
  'INVESTMENT_PROGRAM',
  'INDUSTRIAL_POLICY',
  'CORPORATE_POLICY',
  'DESIGNATION_LIST',
] as const;
export const POLICY_STATUSES = ['IN_FORCE', 'PROPOSED', 'SHELVED', 'ANNOUNCED', 'HELD', 'PAUSED'] as const;
export const SOURCE_KINDS = [
  'ARTICLE',
  'REPORT',
  'FINANCIAL_REPORT',
  'EARNINGS_CALL',
  'CONFERENCE_TALK',
  'INTERVIEW',
  // The curators' own general knowledge, kept apart so that no source is cited for what it does not say.
  'CURATOR_KNOWLEDGE',
  // A published data file (a CSV or JSON of rows); its statements cite a row of it.
  'DATASET',
] as const;

/** How sure the publisher says it is of a statement, in the publisher's own terms (Epoch's Certainty and #tags). */
export const CONFIDENCE_LEVELS = ['CONFIRMED', 'CONFIDENT', 'LIKELY', 'UNLIKELY', 'SPECULATIVE'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
/** Schemes of the external identifiers an entity may carry. */
export const IDENTIFIER_SCHEMES = ['SEC_CIK', 'TICKER', 'WIKIDATA'] as const;

export const FINANCIAL_METRICS = [
  'CAPEX',
  'CAPEX_GROWTH',
  'CAPEX_TO_REVENUE',
  'CAPEX_PLAN',
  'CAPEX_MULTIPLE',
  'AVG_CAPEX_GROWTH',
  'AVG_CAPEX_TO_REVENUE',
  'REVENUE',
  'REVENUE_MULTIPLE',
  'CLOUD_MARKET_SHARE',
  'CHIP_SHIPMENTS',
  'CHIP_PURCHASES',
  'CHIP_PRODUCTION_CAPACITY',
  'CHIP_COUNT',
  'INVESTMENT_COMMITMENT',
  'DATA_CENTER_CAPACITY',
  'API_CALL_GROWTH',
  'CUSTOMER_GROWTH',
  // Compute in H100 equivalents (Epoch's common unit across chips).
  'H100_EQUIVALENTS',
  'HARDWARE_COST',
  'CAPITAL_COST',
  // Thermal design power of the chips counted, in watts.
  'TOTAL_TDP',
] as const;
export type FinancialMetric = (typeof FINANCIAL_METRICS)[number];
export const UNITS = ['USD', 'WATT', 'USD_BILLION', 'CNY_BILLION', 'PERCENT', 'UNITS', 'MEGAWATT', 'GIGAWATT', 'TIMES'] as const;
export type Unit = (typeof UNITS)[number];
export const QUALIFIERS = ['EXACT', 'APPROX', 'MORE_THAN', 'AT_LEAST', 'LESS_THAN', 'AT_MOST', 'RANGE'] as const;

const place = ['Country', 'Region'] as const;
const chipLike = ['Chip', 'ChipFamily'] as const;

/** Relationship types that seed files and imports may state, with their allowed endpoints. */
export const RELATIONSHIP_RULES = {
  HEADQUARTERED_IN: { from: ['Company', 'Organization'], to: place },
  OPERATES_IN: { from: ['Company'], to: place },
  DESIGNS: { from: ['Company'], to: chipLike },
  // A merged class (Epoch's `H100/H200`) is a ChipFamily member of the family its chips belong to.
  MEMBER_OF: { from: ['Chip', 'ChipFamily', 'Company'], to: ['ChipFamily', 'CompanyGroup'] },
  VARIANT_OF: { from: ['Chip'], to: ['Chip'] },
  FABRICATES: { from: ['Company'], to: chipLike },
  AVAILABLE_IN: { from: ['Chip'], to: place },
  SUBSIDIARY_OF: { from: ['Company'], to: ['Company'] },
  BUYS: { from: ['Company', 'CompanyGroup'], to: chipLike },
  DEPENDS_ON: { from: ['Company'], to: chipLike },
  SUBSTITUTES: { from: ['Chip'], to: ['Chip'] },
  MADE_FOR_MARKET: { from: ['Chip'], to: place },
  OPERATES: { from: ['Company', 'CompanyGroup'], to: ['DataCenter'] },
  USES: { from: ['Company', 'CompanyGroup'], to: ['DataCenter'] },
  INVESTS_IN: { from: ['Company', 'Organization'], to: ['DataCenter'] },
  LOCATED_IN: { from: ['DataCenter', 'CompanyGroup'], to: place },
  // A cluster is a phase of a site; a later phase builds upon an earlier one.
  PHASE_OF: { from: ['DataCenter'], to: ['DataCenter'] },
  BUILDS_UPON: { from: ['DataCenter'], to: ['DataCenter'] },
  IN_PROJECT: { from: ['DataCenter'], to: ['Policy'] },
  PART_OF: { from: ['Region', 'Country'], to: place },
  HOSTS: { from: ['DataCenter'], to: chipLike },
  ISSUED_BY: { from: ['Policy'], to: ['Country', 'Organization', 'Company', 'Person'] },
  RESTRICTS: { from: ['Policy'], to: ['Chip', 'ChipFamily', 'Company', 'Country', 'ProductCategory'] },
  THREATENS: { from: ['Policy'], to: ['Chip', 'ChipFamily', 'Company'] },
  EXEMPTS: { from: ['Policy'], to: ['Chip', 'ChipFamily', 'ProductCategory'] },
  AMENDS: { from: ['Policy'], to: ['Policy'] },
  TARGETS: { from: ['Policy'], to: ['Country', 'Region', 'Company', 'DataCenter'] },
  PARTICIPATES_IN: { from: ['Company', 'Person'], to: ['Policy'] },
  INFLUENCES: { from: ['Policy'], to: ['Company'] },
  LEADS: { from: ['Person'], to: ['Company', 'Organization', 'Country'] },
  WORKS_FOR: { from: ['Person'], to: ['Company'] },
  FOUNDED: { from: ['Person'], to: ['Company'] },
  DEVELOPS: { from: ['Company'], to: ['AIModel'] },
  TRAINED_ON: { from: ['AIModel'], to: ['DataCenter', 'Chip', 'ChipFamily'] },
} as const satisfies Record<string, { from: readonly EntityLabel[]; to: readonly EntityLabel[] }>;
export type StatedRelationshipType = keyof typeof RELATIONSHIP_RULES;
export const STATED_RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_RULES) as StatedRelationshipType[];

/** Relationship types the loader derives from quotes and facts rather than reading them from files. */
export const GENERATED_RELATIONSHIP_TYPES = ['SAID', 'ABOUT', 'REPORTED'] as const;
export const RELATIONSHIP_TYPES = [...STATED_RELATIONSHIP_TYPES, ...GENERATED_RELATIONSHIP_TYPES] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
/** Relationship types between two entities: all but REPORTED, which ties an entity to one of its figures. */
export const ENTITY_LINK_TYPES = RELATIONSHIP_TYPES.filter((type) => type !== 'REPORTED');

/** Relationships between a company and a chip that count as "uses this chip". */
export const CHIP_USE_TYPES = ['BUYS', 'DEPENDS_ON'] as const;
/** Policy edges that put a company, chip or place at risk or in scope. */
export const POLICY_LINK_TYPES = ['RESTRICTS', 'THREATENS', 'TARGETS', 'EXEMPTS', 'INFLUENCES', 'ISSUED_BY', 'PARTICIPATES_IN'] as const;
