import type { EntityRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef, numberProperty, stringProperty } from './entity.js';
import { DataCenterKindEnum, DataCenterStatusEnum, QualifierEnum } from './enums.js';
import { linkField } from './link-field.js';
import { ChipUseRef } from './link-types.js';
import { CompanyRef, DataCenterRef } from './refs.js';

const qualifierProperty = (e: EntityRecord, name: string) => stringProperty(e, name) as (typeof QualifierEnum)['$inferType'] | null;

builder.objectFields(DataCenterRef, (t) => ({
  kind: t.field({ type: DataCenterKindEnum, resolve: (e) => e.kind as (typeof DataCenterKindEnum)['$inferType'] }),
  status: t.field({ type: DataCenterStatusEnum, resolve: (e) => e.status as (typeof DataCenterStatusEnum)['$inferType'] }),
  powerMW: t.float({
    nullable: true,
    description: 'Power load capacity in megawatts, as stated; a bound when powerMWQualifier says so ("超過2GW" is 2000 with MORE_THAN).',
    resolve: (e) => numberProperty(e, 'powerMW'),
  }),
  powerMWQualifier: t.field({
    type: QualifierEnum,
    nullable: true,
    description:
      'How powerMW is stated: EXACT, APPROX, or a bound (MORE_THAN, AT_LEAST, LESS_THAN, AT_MOST). Null when powerMW is null or the source gives no qualifier.',
    resolve: (e) => qualifierProperty(e, 'powerMWQualifier'),
  }),
  chipCount: t.int({
    nullable: true,
    description: 'How many chips the data center holds, as stated; a bound when chipCountQualifier says so.',
    resolve: (e) => numberProperty(e, 'chipCount'),
  }),
  chipCountQualifier: t.field({
    type: QualifierEnum,
    nullable: true,
    description: 'How chipCount is stated: EXACT, APPROX, or a bound. Null when chipCount is null or the source gives no qualifier.',
    resolve: (e) => qualifierProperty(e, 'chipCountQualifier'),
  }),
  operators: linkField(t, { type: [CompanyRef], follow: { types: ['OPERATES'], direction: 'IN' } }),
  locations: linkField(t, {
    type: [EntityRef],
    description: 'Countries and regions the projects are in.',
    follow: { types: ['LOCATED_IN'], direction: 'OUT' },
  }),
  chips: linkField(t, {
    type: [ChipUseRef],
    description: 'Chips the data center hosts (HOSTS links, with units).',
    follow: { types: ['HOSTS'], direction: 'OUT' },
    nodeFields: ['chip', 'family'],
  }),
}));
