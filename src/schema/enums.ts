import * as model from '../core/model.js';
import { builder } from './builder.js';

// The closed vocabularies of model.ts, as GraphQL enums.

export const EntityLabelEnum = builder.enumType('EntityLabel', {
  description: 'The kind of an entity (its Neo4j label).',
  values: model.ENTITY_LABELS,
});
export const CompanyKindEnum = builder.enumType('CompanyKind', { values: model.COMPANY_KINDS });
export const OrganizationKindEnum = builder.enumType('OrganizationKind', { values: model.ORGANIZATION_KINDS });
export const RegionKindEnum = builder.enumType('RegionKind', { values: model.REGION_KINDS });
export const ChipMarketEnum = builder.enumType('ChipMarket', {
  description:
    'CHINA_SPECIFIC chips were made for the Chinese market (such as the H20); GLOBAL ones are not made for one market; UNSTATED: the source does not say which.',
  values: model.CHIP_MARKETS,
});
export const WorkloadEnum = builder.enumType('Workload', { description: 'What a chip is used for.', values: model.CHIP_USES });
export const DataCenterKindEnum = builder.enumType('DataCenterKind', {
  description:
    'CLUSTER is one facility or one phase of a site; PORTFOLIO is a set of projects reported together; SITE is a campus of buildings (its clusters are its PHASE_OF phases).',
  values: model.DATA_CENTER_KINDS,
});
export const DataCenterStatusEnum = builder.enumType('DataCenterStatus', { values: model.DATA_CENTER_STATUSES });
export const PolicyKindEnum = builder.enumType('PolicyKind', { values: model.POLICY_KINDS });
export const PolicyStatusEnum = builder.enumType('PolicyStatus', {
  description: 'Status as of the date of the source that reports it.',
  values: model.POLICY_STATUSES,
});
export const SourceKindEnum = builder.enumType('SourceKind', { values: model.SOURCE_KINDS });
export const FinancialMetricEnum = builder.enumType('FinancialMetric', { values: model.FINANCIAL_METRICS });
export const UnitEnum = builder.enumType('Unit', {
  description: 'Money stays in the currency the source states; TIMES is a multiple (3.6 = 3.6 times).',
  values: model.UNITS,
});
export const QualifierEnum = builder.enumType('FigureQualifier', {
  description: 'How a figure is stated: exactly, approximately, as a bound, or as a range (value to valueMax).',
  values: model.QUALIFIERS,
});
export const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });
export const ConfidenceEnum = builder.enumType('Confidence', {
  description:
    "How sure the publisher says it is of a statement, in its own terms (Epoch AI's certainty and #tags): CONFIRMED, CONFIDENT, LIKELY, UNLIKELY, SPECULATIVE. Null where the source gives none.",
  values: model.CONFIDENCE_LEVELS,
});
export const IdentifierSchemeEnum = builder.enumType('IdentifierScheme', {
  description: 'SEC_CIK: the SEC Central Index Key; TICKER: a stock ticker; WIKIDATA: a Wikidata item id (Q...).',
  values: model.IDENTIFIER_SCHEMES,
});
