import { dataCenterFilter } from '../graph/filters.js';
import type { EntityRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef, numberProperty, stringProperty } from './entity.js';
import { DataCenterKindEnum, DataCenterStatusEnum, QualifierEnum } from './enums.js';
import { linkField } from './link-field.js';
import { ChipUseRef } from './link-types.js';
import { checkedWhenEmpty, connectionComplexity, emptyPage, entityConnection, entityConnectionPage } from './pagination.js';
import { CompanyGroupRef, CompanyRef, DataCenterRef, PolicyRef } from './refs.js';

const qualifierProperty = (e: EntityRecord, name: string) => stringProperty(e, name) as (typeof QualifierEnum)['$inferType'] | null;

builder.objectFields(DataCenterRef, (t) => ({
  kind: t.field({
    type: DataCenterKindEnum,
    description: 'Whether this is one cluster, a campus (SITE) or a portfolio of projects.',
    resolve: (e) => e.kind as (typeof DataCenterKindEnum)['$inferType'],
  }),
  status: t.field({
    type: DataCenterStatusEnum,
    description: 'Where it stands, as of the date of the source that says so.',
    resolve: (e) => e.status as (typeof DataCenterStatusEnum)['$inferType'],
  }),
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
  address: t.string({ nullable: true, description: 'Street address or place, as the source gives it.', resolve: (e) => stringProperty(e, 'address') }),
  latitude: t.float({ nullable: true, description: 'Latitude in decimal degrees (WGS 84), north positive.', resolve: (e) => numberProperty(e, 'latitude') }),
  longitude: t.float({ nullable: true, description: 'Longitude in decimal degrees (WGS 84), east positive.', resolve: (e) => numberProperty(e, 'longitude') }),
  firstOperationalOn: t.string({
    nullable: true,
    description: 'When the first part went into operation, ISO date possibly partial.',
    resolve: (e) => stringProperty(e, 'firstOperationalOn'),
  }),
  operators: linkField(t, {
    type: [CompanyRef],
    description: 'Companies that operate it.',
    follow: { types: ['OPERATES'], direction: 'IN', labels: ['Company'] },
  }),
  operatorGroups: linkField(t, {
    type: [CompanyGroupRef],
    description: 'Company groups (aggregates a dataset reports) that operate it.',
    follow: { types: ['OPERATES'], direction: 'IN', labels: ['CompanyGroup'] },
  }),
  users: linkField(t, {
    type: [EntityRef],
    description: 'Companies and groups that use it without operating it (USES: tenants renting its compute).',
    follow: { types: ['USES'], direction: 'IN' },
  }),
  investors: linkField(t, {
    type: [EntityRef],
    description: 'Companies and organizations that invest in it (INVESTS_IN).',
    follow: { types: ['INVESTS_IN'], direction: 'IN' },
  }),
  phases: linkField(t, {
    type: [DataCenterRef],
    description: 'The clusters that are phases of this site (their PHASE_OF links).',
    follow: { types: ['PHASE_OF'], direction: 'IN', labels: ['DataCenter'] },
  }),
  phaseOf: linkField(t, {
    type: DataCenterRef,
    description: 'The site this cluster is a phase of.',
    follow: { types: ['PHASE_OF'], direction: 'OUT', labels: ['DataCenter'] },
  }),
  buildsUpon: linkField(t, {
    type: [DataCenterRef],
    description: 'Earlier phases or clusters this one builds upon (BUILDS_UPON).',
    follow: { types: ['BUILDS_UPON'], direction: 'OUT', labels: ['DataCenter'] },
  }),
  projects: linkField(t, {
    type: [PolicyRef],
    description: 'Programmes the data center is part of (IN_PROJECT: Stargate).',
    follow: { types: ['IN_PROJECT'], direction: 'OUT', labels: ['Policy'] },
  }),
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

const DataCenterConnection = entityConnection(DataCenterRef, 'DataCenter');

builder.queryFields((t) => ({
  dataCenters: t.field({
    type: DataCenterConnection,
    description: 'Data centers (sites, clusters, portfolios), filtered, ordered by name, one keyset page at a time.',
    args: {
      country: t.arg.string({ description: 'Key of a country or region: located in it, or in a region part of it (`us`, `texas`).' }),
      owner: t.arg.string({ description: 'Key of a company or group that operates or uses it (OPERATES, USES).' }),
      status: t.arg({ type: DataCenterStatusEnum, description: 'Only data centers with this status; any status when omitted.' }),
      kind: t.arg({ type: DataCenterKindEnum, description: 'Only data centers of this kind; every kind when omitted.' }),
      chip: t.arg.string({ description: 'Key of a chip or family it hosts: that one, a class or family it is in, or a member of it.' }),
      first: t.arg.int({ description: 'Page size, 0 to MAX_PAGE_SIZE (default 20).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx, info) => {
      const page = entityConnectionPage(ctx, info, args, { label: 'DataCenter', ...dataCenterFilter(args) }, 'name', 'ASC', 'dataCenter:name');
      return checkedWhenEmpty(ctx, page, emptyPage, { country: args.country, owner: args.owner, chip: args.chip });
    },
  }),
}));
