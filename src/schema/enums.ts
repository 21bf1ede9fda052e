import * as model from '../core/model.js';
import { builder } from './builder.js';

// The closed vocabularies of model.ts, as GraphQL enums. Each value's meaning is a record keyed
// by model.ts's list, so a value added there without a description here fails to compile.

type Meanings<Values extends readonly string[]> = Record<Values[number], string>;

/** Pothos enum values with a description each, in the order of the model's list. */
function described<const Values extends readonly string[]>(values: Values, meanings: Meanings<Values>) {
  return Object.fromEntries(values.map((value) => [value, { description: meanings[value as Values[number]] }])) as Record<
    Values[number],
    { description: string }
  >;
}

export const EntityLabelEnum = builder.enumType('EntityLabel', {
  description: 'The kind of an entity (its Neo4j label); each is also a GraphQL type implementing Entity.',
  values: described(model.ENTITY_LABELS, {
    Company: 'A company, a business unit that the sources treat on its own (Alibaba Cloud), or a listed firm.',
    CompanyGroup: 'A named set of companies that a source reports figures for together ("the US big five tech firms").',
    Organization: 'A government, a government agency or another body that is not a company.',
    Country: 'A country (or a territory the sources treat as one).',
    Region: 'A region: supranational (the EU, Southeast Asia), subnational (a province) or a special administrative region.',
    Chip: 'One AI accelerator model (H100, H20, Ascend 910).',
    ChipFamily: 'A family or generation of chips (Hopper, Blackwell); its chips are MEMBER_OF it.',
    ProductCategory: 'A class of goods a policy names (semiconductors, servers) rather than one product.',
    DataCenter: 'A data center: a site, one cluster (or phase) of one, or a portfolio of projects reported together.',
    Policy: 'A law, export control, tariff, programme, corporate policy or government list that touches compute.',
    Person: 'A person who leads, founded or speaks for a company or government.',
    AIModel: 'An AI model (a large language model) that a company develops and that is TRAINED_ON some compute.',
    Quote: 'One statement a person made, in its original language with a translation.',
    Source: 'A document that states facts: an article, report, filing, call, talk, interview or dataset.',
  }),
});
export const CompanyKindEnum = builder.enumType('CompanyKind', {
  description: 'What a company mainly does in the compute landscape, as the sources describe it.',
  values: described(model.COMPANY_KINDS, {
    HYPERSCALER: 'Runs cloud and AI data centers at the largest scale for its own services and customers (Amazon, Microsoft, Google).',
    CLOUD_PROVIDER: 'Sells computing capacity as a cloud service (Oracle, AWS, Azure, Alibaba Cloud).',
    INTERNET_PLATFORM: 'Runs consumer internet services and buys compute for them (Meta, ByteDance, Alibaba, Tencent, Baidu).',
    TELECOM_OPERATOR: 'A telecom carrier that also builds data centers or AI compute (China Mobile).',
    CHIP_DESIGNER: 'Designs AI chips (Nvidia, Huawei for Ascend).',
    AI_LAB: 'Develops AI models as its main business (OpenAI, xAI, DeepSeek).',
    INVESTOR: 'Puts money into compute or AI firms (SoftBank).',
    RESEARCH_FIRM: 'Publishes market research or estimates that the atlas cites (Omdia).',
    FINANCIAL_INSTITUTION: 'A bank, broker or fund that publishes analysis or finances projects (TD Cowen, Zheshang Securities).',
    AUTOMAKER: 'A car maker that builds or buys AI compute.',
    OTHER: 'Does something the sources state that no other kind covers (a publisher such as Caijing, a foundry).',
    UNSTATED: 'A company a dataset names (an owner, a listed firm) without saying what it does; no kind is assumed.',
  }),
});
export const OrganizationKindEnum = builder.enumType('OrganizationKind', {
  description: 'What kind of non-company body an organization is.',
  values: described(model.ORGANIZATION_KINDS, {
    GOVERNMENT_AGENCY: 'A ministry, department or agency of a government (the US Commerce Department, BIS, MIIT).',
    GOVERNMENT: 'A government as a whole (or its legislature), when a source names it rather than one of its agencies.',
  }),
});
export const RegionKindEnum = builder.enumType('RegionKind', {
  description: 'What kind of region a Region entity is.',
  values: described(model.REGION_KINDS, {
    SUPRANATIONAL: 'Spans several countries (the EU, Southeast Asia, the Middle East).',
    SUBNATIONAL: 'Part of one country (a province, state or city region); it is PART_OF its country.',
    SPECIAL_ADMINISTRATIVE_REGION: 'A special administrative region of China (Hong Kong, Macau).',
  }),
});
export const ChipMarketEnum = builder.enumType('ChipMarket', {
  description: 'Which market a chip was made for.',
  values: described(model.CHIP_MARKETS, {
    GLOBAL: 'Made for every market, not one in particular (H100).',
    CHINA_SPECIFIC: 'Made for the Chinese market, typically cut down to meet US export controls (H20, H800, A800).',
    UNSTATED: 'The source does not say which market the chip is made for.',
  }),
});
export const WorkloadEnum = builder.enumType('Workload', {
  description: 'What a chip is used for.',
  values: described(model.CHIP_USES, {
    TRAINING: 'Training AI models.',
    INFERENCE: 'Running trained models to answer requests (inference).',
  }),
});
export const DataCenterKindEnum = builder.enumType('DataCenterKind', {
  description: 'What a DataCenter entity stands for: one facility, a campus, or a set of projects.',
  values: described(model.DATA_CENTER_KINDS, {
    CLUSTER: "One facility or supercomputer, or one phase of a site (Epoch AI's clusters).",
    PORTFOLIO: "A set of projects a source reports together (ByteDance's 2024 projects), not one place.",
    SITE: 'A campus of buildings; its clusters are linked to it by PHASE_OF.',
  }),
});
export const DataCenterStatusEnum = builder.enumType('DataCenterStatus', {
  description: 'Where a data center stands, as of the date of the source that says so.',
  values: described(model.DATA_CENTER_STATUSES, {
    OPERATING: 'Running.',
    PLANNED: 'Announced or planned; construction has not started.',
    UNDER_CONSTRUCTION: 'Being built.',
    PAUSED: 'Work on it has stopped for now.',
    WITHDRAWN: 'The plan was given up.',
    DECOMMISSIONED: 'Was running and has been shut down.',
  }),
});
export const PolicyKindEnum = builder.enumType('PolicyKind', {
  description: 'What kind of measure a policy is.',
  values: described(model.POLICY_KINDS, {
    EXPORT_CONTROL: 'Restricts exports of chips, tools or technology (the US rules on advanced AI chips, the H20 licence requirement).',
    TARIFF: 'A duty on imports (the 2025 US reciprocal tariffs).',
    TARIFF_EXEMPTION: 'Exempts goods from a tariff (the 2025-04-12 US CBP exemption of chips and servers).',
    INVESTMENT_PROGRAM: 'A programme that commits money to compute (Stargate).',
    INDUSTRIAL_POLICY: 'A government measure that steers an industry (subsidies, the 2025 private-enterprise symposium).',
    CORPORATE_POLICY: "A company's own announced policy or plan.",
    DESIGNATION_LIST: 'A government list that names companies (the Entity List, NDAA §889, the 1260H list); it TARGETS them.',
  }),
});
export const PolicyStatusEnum = builder.enumType('PolicyStatus', {
  description: 'Where a policy stands, as of the date of the source that reports it (not necessarily today).',
  values: described(model.POLICY_STATUSES, {
    IN_FORCE: 'In effect.',
    PROPOSED: 'Proposed (a bill, a draft rule) and not yet decided.',
    SHELVED: 'Weighed, then dropped for now without taking effect (the proposed 2025 H20 export restriction); it may come back.',
    ANNOUNCED: 'Announced but not yet in effect (or no date of effect is known).',
    HELD: 'An event that took place (a symposium, a meeting); `announcedOn` is the day it was held.',
    PAUSED: "A pause measure in effect (Microsoft's pause of data-center projects).",
  }),
});
export const SourceKindEnum = builder.enumType('SourceKind', {
  description: 'What kind of document a source is.',
  values: described(model.SOURCE_KINDS, {
    ARTICLE: 'A news or magazine article.',
    REPORT: 'A research or market report (Omdia, TD Cowen, a broker).',
    FINANCIAL_REPORT: "A company's filing or results release (10-K, annual report).",
    EARNINGS_CALL: 'What a company said on its results call.',
    CONFERENCE_TALK: 'A talk or keynote at a conference.',
    INTERVIEW: 'An interview with a person.',
    CURATOR_KNOWLEDGE: "The curators' own general knowledge, cited where no document says it, so no document is cited for what it does not say.",
    DATASET: 'A published data file (CSV or JSON); its statements cite one of its rows.',
  }),
});
export const FinancialMetricEnum = builder.enumType('FinancialMetric', {
  description: 'What a figure measures. Its unit is on the figure (`unit`): money stays in the currency the source states.',
  values: described(model.FINANCIAL_METRICS, {
    CAPEX: 'Capital expenditure in the period (money: USD_BILLION, CNY_BILLION or USD).',
    CAPEX_GROWTH: 'Growth of capital expenditure over the previous period, in PERCENT.',
    CAPEX_TO_REVENUE: 'Capital expenditure as a share of revenue (the capex ratio), in PERCENT.',
    CAPEX_PLAN: 'Capital expenditure announced for a future period, often several years (2025-2027).',
    CAPEX_MULTIPLE: "One subject's capital expenditure as a multiple (TIMES) of another's, named by relativeTo.",
    AVG_CAPEX_GROWTH: 'Average capital-expenditure growth over the periods the period spans (2018Q1-2024Q4), in PERCENT.',
    AVG_CAPEX_TO_REVENUE: 'Average capex ratio over the periods the period spans, in PERCENT.',
    REVENUE: 'Revenue in the period, optionally in one market (see market).',
    REVENUE_MULTIPLE: 'Revenue as a multiple (TIMES) of another revenue, named by relativeTo (a market or a company).',
    CLOUD_MARKET_SHARE: 'Share of the cloud market, in PERCENT.',
    CHIP_SHIPMENTS: 'How many chips were shipped in the period (UNITS), optionally to one market.',
    CHIP_PURCHASES: 'How many chips the subject bought in the period (UNITS).',
    CHIP_PRODUCTION_CAPACITY: 'How many chips can be produced in the period (UNITS).',
    CHIP_COUNT: 'How many chips the subject holds or runs at a date (UNITS): a stock, not a flow.',
    INVESTMENT_COMMITMENT: 'Money pledged to invest over the period.',
    DATA_CENTER_CAPACITY: 'Power capacity of data centers (MEGAWATT or GIGAWATT).',
    API_CALL_GROWTH: 'Growth of calls to AI model APIs over the period, as a multiple (TIMES) or PERCENT.',
    CUSTOMER_GROWTH: 'Growth in the number of customers over the period, as a multiple (TIMES) or PERCENT.',
    H100_EQUIVALENTS: "Compute in H100 equivalents (Epoch AI's common unit across chips), in UNITS.",
    HARDWARE_COST: 'What the hardware of a cluster cost, in USD.',
    CAPITAL_COST: 'What building a site cost (or will cost), in USD.',
    TOTAL_TDP: 'Thermal design power of all the chips counted, in WATT.',
  }),
});
export const UnitEnum = builder.enumType('Unit', {
  description: 'The unit of a figure. Money stays in the currency the source states; totals add only figures of one unit.',
  values: described(model.UNITS, {
    USD: 'US dollars.',
    WATT: 'Watts.',
    USD_BILLION: 'Billions of US dollars (77.7 = USD 77.7 bn).',
    CNY_BILLION: 'Billions of Chinese yuan (380 = CNY 380 bn).',
    PERCENT: 'Percent (33 = 33 %).',
    UNITS: 'A count of things (chips, H100 equivalents).',
    MEGAWATT: 'Megawatts of power capacity.',
    GIGAWATT: 'Gigawatts of power capacity (1 GW = 1000 MW).',
    TIMES: 'A multiple: 3.6 = 3.6 times.',
  }),
});
export const QualifierEnum = builder.enumType('FigureQualifier', {
  description: 'How a figure is stated: exactly, approximately, as a bound, or as a range (value to valueMax).',
  values: described(model.QUALIFIERS, {
    EXACT: 'The source states the value as it is.',
    APPROX: 'The source says "about" (约, 接近): the value is approximate.',
    MORE_THAN: 'The true value is more than `value` (超过).',
    AT_LEAST: 'The true value is `value` or more.',
    LESS_THAN: 'The true value is less than `value`.',
    AT_MOST: 'The true value is `value` or less (不超过).',
    RANGE: 'The true value lies between `value` and `valueMax`.',
  }),
});
export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way a list is sorted.',
  values: described(['ASC', 'DESC'] as const, { ASC: 'Ascending: A to Z, smallest first.', DESC: 'Descending: Z to A, largest first.' }),
});
export const ConfidenceEnum = builder.enumType('Confidence', {
  description: "How sure the publisher says it is of a statement, in its own terms (Epoch AI's certainty and #tags). Null where the source gives none.",
  values: described(model.CONFIDENCE_LEVELS, {
    CONFIRMED: 'The publisher has confirmed it (a filing, an official statement).',
    CONFIDENT: 'The publisher is confident of it.',
    LIKELY: 'The publisher thinks it likely.',
    UNLIKELY: 'The publisher thinks it unlikely but records it.',
    SPECULATIVE: 'The publisher marks it as speculation.',
  }),
});
export const IdentifierSchemeEnum = builder.enumType('IdentifierScheme', {
  description: 'Which register an external identifier belongs to.',
  values: described(model.IDENTIFIER_SCHEMES, {
    SEC_CIK: 'The SEC Central Index Key (0001045810 for Nvidia).',
    TICKER: 'A stock ticker (NVDA, 0700.HK).',
    WIKIDATA: 'A Wikidata item id (Q182477).',
  }),
});

/** "From Company or Organization to Country or Region.": a stated type's endpoints, read from model.ts's rules. */
function endpoints(type: model.RelationshipType): string {
  const rule = (model.RELATIONSHIP_RULES as Record<string, { from: readonly string[]; to: readonly string[] }>)[type];
  if (!rule) return '';
  const either = (labels: readonly string[]) => labels.join(' or ').replace(/ or (?=.* or )/g, ', ');
  return ` From ${either(rule.from)} to ${either(rule.to)}.`;
}

const RELATION_MEANINGS: Meanings<typeof model.RELATIONSHIP_TYPES> = {
  HEADQUARTERED_IN: 'Has its headquarters in this place.',
  OPERATES_IN: 'Does business in this place (properties may say for what purpose).',
  DESIGNS: 'Designs this chip or family.',
  MEMBER_OF: 'Belongs to this family or group.',
  VARIANT_OF: 'Is a variant of this chip (the H20 of the H100, a cut-down or export version).',
  FABRICATES: 'Manufactures this chip or family (a foundry).',
  AVAILABLE_IN: 'Can (available: true) or cannot (false) be bought in this place, as of `asOf`.',
  SUBSIDIARY_OF: 'Is a subsidiary of this company.',
  BUYS: 'Buys this chip or family (with units, period and estimate where the source gives them).',
  DEPENDS_ON: 'Relies on this chip or family (with the workloads it uses it for and how strongly).',
  SUBSTITUTES: 'Can replace this chip (partial: true when only in part).',
  MADE_FOR_MARKET: 'Was made for the market of this place (the H20 for China).',
  OPERATES: 'Runs this data center.',
  USES: 'Uses this data center as a tenant (rents compute in it).',
  INVESTS_IN: 'Puts money into this data center.',
  LOCATED_IN: 'Is in this place.',
  PHASE_OF: 'Is one phase (a cluster) of this site.',
  BUILDS_UPON: 'Is a later stage that builds upon this data center.',
  IN_PROJECT: 'Is part of this programme (a data center of Stargate).',
  PART_OF: 'Is part of this larger place.',
  HOSTS: 'Houses these chips (units: how many).',
  ISSUED_BY: 'Was issued or announced by this country, body, company or person.',
  RESTRICTS: 'Restricts this chip, family, company, country or product category (an export control, a ban).',
  THREATENS: 'Would restrict this if it took effect (a proposed or announced measure).',
  EXEMPTS: 'Exempts this chip, family or product category (from a tariff or a control).',
  AMENDS: 'Changes this earlier policy.',
  TARGETS: 'Is aimed at this country, region, company or data center; a DESIGNATION_LIST names a company (since/until).',
  PARTICIPATES_IN: 'Takes part in this policy or programme (role and commitment where stated).',
  INFLUENCES: 'Affects this company without restricting it (a policy it must respond to).',
  LEADS: 'Leads this company, body or country (role: the title).',
  WORKS_FOR: 'Works for this company (role: the title).',
  FOUNDED: 'Founded this company.',
  DEVELOPS: 'Develops this AI model.',
  TRAINED_ON: 'Was trained on this data center or these chips.',
  SAID: "Said this quote. From Person to Quote; the loader derives it from the quote's speaker.",
  ABOUT: "Is about this entity. From Quote to any entity; derived by the loader from the quote's subjects.",
  REPORTED:
    'Reported this figure: from the subject of a figure to the figure, which the API shows as `financials` rather than as an entity; the loader derives it.',
};

export const RelationTypeEnum = builder.enumType('RelationType', {
  description:
    'The type of a relationship of the graph (model.ts). Each value names its direction: `from` does it to `to`. Unknown names fail validation, before anything runs.',
  values: Object.fromEntries(model.RELATIONSHIP_TYPES.map((type) => [type, { description: `${RELATION_MEANINGS[type]}${endpoints(type)}` }])) as Record<
    model.RelationshipType,
    { description: string }
  >,
});
