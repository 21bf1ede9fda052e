import { builder } from './builder.js';
import { ChipUseRef, CompanyRef } from './company.js';
import { EntityRef, entityType, numberProp } from './entity.js';
import { DataCenterKindEnum, DataCenterStatusEnum } from './enums.js';

export const DataCenterRef = entityType('DataCenter', 'A data-center cluster (Colossus) or a portfolio of projects reported together.');

builder.objectFields(DataCenterRef, (t) => ({
  kind: t.field({ type: DataCenterKindEnum, resolve: (e) => e.kind as (typeof DataCenterKindEnum)['$inferType'] }),
  status: t.field({ type: DataCenterStatusEnum, resolve: (e) => e.status as (typeof DataCenterStatusEnum)['$inferType'] }),
  powerMW: t.float({ nullable: true, description: 'Power load capacity in megawatts, as stated.', resolve: (e) => numberProp(e, 'powerMW') }),
  chipCount: t.int({ nullable: true, resolve: (e) => numberProp(e, 'chipCount') }),
  operators: t.field({
    type: [CompanyRef],
    resolve: (e, _a, ctx) => ctx.graph.neighbours(e.key, { types: ['OPERATES'], direction: 'IN' }),
  }),
  locations: t.field({
    type: [EntityRef],
    description: 'Countries and regions the projects are in.',
    resolve: (e, _a, ctx) => ctx.graph.neighbours(e.key, { types: ['LOCATED_IN'], direction: 'OUT' }),
  }),
  chips: t.field({
    type: [ChipUseRef],
    description: 'Chips the data center hosts (HOSTS links, with units).',
    resolve: (e, _a, ctx) => ctx.graph.links(e.key, { types: ['HOSTS'], direction: 'OUT' }),
  }),
}));
