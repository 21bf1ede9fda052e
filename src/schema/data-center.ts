import { followLinks, followNodes, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { ChipUseRef, CompanyRef } from './company.js';
import type { EntityRecord } from '../graph/records.js';
import { EntityRef, entityType, numberProp, prop } from './entity.js';
import { DataCenterKindEnum, DataCenterStatusEnum, QualifierEnum } from './enums.js';

export const DataCenterRef = entityType('DataCenter', 'A data-center cluster (Colossus) or a portfolio of projects reported together.');

const qualifierProp = (e: EntityRecord, name: string) => prop(e, name) as (typeof QualifierEnum)['$inferType'] | null;

builder.objectFields(DataCenterRef, (t) => ({
  kind: t.field({ type: DataCenterKindEnum, resolve: (e) => e.kind as (typeof DataCenterKindEnum)['$inferType'] }),
  status: t.field({ type: DataCenterStatusEnum, resolve: (e) => e.status as (typeof DataCenterStatusEnum)['$inferType'] }),
  powerMW: t.float({
    nullable: true,
    description: 'Power load capacity in megawatts, as stated; a bound when powerMWQualifier says so ("超過2GW" is 2000 with MORE_THAN).',
    resolve: (e) => numberProp(e, 'powerMW'),
  }),
  powerMWQualifier: t.field({
    type: QualifierEnum,
    nullable: true,
    description:
      'How powerMW is stated: EXACT, APPROX, or a bound (MORE_THAN, AT_LEAST, LESS_THAN, AT_MOST). Null when powerMW is null or the source gives no qualifier.',
    resolve: (e) => qualifierProp(e, 'powerMWQualifier'),
  }),
  chipCount: t.int({
    nullable: true,
    description: 'How many chips the data center holds, as stated; a bound when chipCountQualifier says so.',
    resolve: (e) => numberProp(e, 'chipCount'),
  }),
  chipCountQualifier: t.field({
    type: QualifierEnum,
    nullable: true,
    description: 'How chipCount is stated: EXACT, APPROX, or a bound. Null when chipCount is null or the source gives no qualifier.',
    resolve: (e) => qualifierProp(e, 'chipCountQualifier'),
  }),
  operators: t.field({
    type: [CompanyRef],
    resolve: followNodes(LINK_FIELDS.DataCenter.operators),
  }),
  locations: t.field({
    type: [EntityRef],
    description: 'Countries and regions the projects are in.',
    resolve: followNodes(LINK_FIELDS.DataCenter.locations),
  }),
  chips: t.field({
    type: [ChipUseRef],
    description: 'Chips the data center hosts (HOSTS links, with units).',
    resolve: followLinks(LINK_FIELDS.DataCenter.chips),
  }),
}));
