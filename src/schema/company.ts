import { companyFilter } from '../graph/filters.js';
import { CHIP_USE_TYPES, POLICY_LINK_TYPES } from '../core/model.js';
import { builder } from './builder.js';
import { CompanyKindEnum, OrderDirectionEnum } from './enums.js';
import { linkField } from './link-field.js';
import { ChipUseRef, DataCenterLinkRef, DesignationRef, PolicyLinkRef } from './link-types.js';
import { chipHoldingsField } from './holdings.js';
import { checkedWhenEmpty, connectionComplexity, emptyPage, entityByKey, entityConnection, entityConnectionPage } from './pagination.js';
import { CompanyGroupRef, CompanyRef, CountryRef, DataCenterRef, QuoteRef } from './refs.js';
import { foundOr } from './unknown-input.js';

builder.objectFields(CompanyRef, (t) => ({
  kind: t.field({
    type: CompanyKindEnum,
    description: 'What the company mainly does (UNSTATED when its source does not say).',
    resolve: (e) => e.kind as (typeof CompanyKindEnum)['$inferType'],
  }),
  country: linkField(t, {
    type: CountryRef,
    description: 'Where the company is headquartered.',
    follow: { types: ['HEADQUARTERED_IN'], direction: 'OUT', labels: ['Country'] },
  }),
  chips: linkField(t, {
    type: [ChipUseRef],
    description: 'Chips and chip families the company buys or depends on.',
    follow: { types: CHIP_USE_TYPES, direction: 'OUT' },
    nodeFields: ['chip', 'family'],
  }),
  dataCenters: linkField(t, {
    type: [DataCenterRef],
    description: 'Data centers the company operates or uses (OPERATES, USES: a tenant), each once; dataCenterLinks says which, with evidence.',
    follow: { types: ['OPERATES', 'USES'], direction: 'OUT' },
  }),
  dataCenterLinks: linkField(t, {
    type: [DataCenterLinkRef],
    description: 'How the company is tied to data centers: OPERATES, USES or INVESTS_IN, with evidence and the row of the source.',
    follow: { types: ['OPERATES', 'USES', 'INVESTS_IN'], direction: 'OUT' },
    nodeFields: ['dataCenter'],
  }),
  designations: linkField(t, {
    type: [DesignationRef],
    description:
      'The government lists that name the company (policies of kind DESIGNATION_LIST that TARGET it), since and until when, ended ones included (`current` says which hold today), with evidence and the row of the source.',
    follow: { types: ['TARGETS'], direction: 'IN', labels: ['Policy'], kinds: ['DESIGNATION_LIST'] },
    nodeFields: ['policy'],
  }),
  chipHoldings: chipHoldingsField(t),
  policies: linkField(t, {
    type: [PolicyLinkRef],
    description: 'Policies that restrict, threaten, target, influence or include the company.',
    follow: { types: POLICY_LINK_TYPES, direction: 'BOTH', labels: ['Policy'] },
    nodeFields: ['policy'],
  }),
  quotes: linkField(t, { type: [QuoteRef], description: 'Statements about the company.', follow: { types: ['ABOUT'], direction: 'IN' } }),
  groups: linkField(t, {
    type: [CompanyGroupRef],
    description: 'Groups a source reports this company in.',
    follow: { types: ['MEMBER_OF'], direction: 'OUT', labels: ['CompanyGroup'] },
  }),
  subsidiaries: linkField(t, {
    type: [CompanyRef],
    description: 'Companies this one owns: the other end of their SUBSIDIARY_OF links.',
    follow: { types: ['SUBSIDIARY_OF'], direction: 'IN', labels: ['Company'] },
  }),
}));

const CompanyFilterInput = builder.inputType('CompanyFilter', {
  description: 'Conditions a company must meet to be listed; all given ones apply (AND). Omitted conditions do not filter.',
  fields: (t) => ({
    country: t.string({ description: 'Key of the headquarters country (`us`, `china`); an unknown key is a BAD_USER_INPUT listing the closest keys.' }),
    kind: t.field({ type: CompanyKindEnum, description: 'Only companies of this kind.' }),
    nameContains: t.string({ description: 'Case-insensitive match on the name, the Chinese name or any alias.' }),
  }),
});

const CompanyOrderField = builder.enumType('CompanyOrderField', {
  description: 'What companies are sorted by.',
  values: {
    NAME: { description: 'The English name (ties broken by key).' },
    KEY: { description: 'The key.' },
  } as const,
});
const CompanyOrderInput = builder.inputType('CompanyOrder', {
  description: 'The order of a companies page; a cursor only continues the order it was made for.',
  fields: (t) => ({
    field: t.field({ type: CompanyOrderField, defaultValue: 'NAME', description: 'What to sort by; NAME when omitted.' }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC', description: 'Which way; ASC when omitted.' }),
  }),
});

const CompanyConnection = entityConnection(CompanyRef, 'Company');

builder.queryFields((t) => ({
  company: t.field({
    type: CompanyRef,
    nullable: true,
    description: 'The company with this key; null, with a NOT_FOUND error listing the closest company keys, when no company has it.',
    args: { key: t.arg.string({ required: true, description: 'The key of the company (bytedance).' }) },
    resolve: async (_root, args, ctx, info) => foundOr(ctx, await entityByKey(ctx, info, args.key, 'Company'), args.key, 'company', ['Company']),
  }),
  companies: t.field({
    type: CompanyConnection,
    description: 'Companies, filtered and ordered, one keyset page at a time.',
    args: {
      filter: t.arg({ type: CompanyFilterInput, description: 'Which companies; every company when omitted.' }),
      orderBy: t.arg({ type: CompanyOrderInput, description: 'The order; by name, ascending, when omitted.' }),
      first: t.arg.int({ description: 'Page size, 0 to MAX_PAGE_SIZE (default 20).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx, info) => {
      const sort = args.orderBy?.field === 'KEY' ? 'key' : 'name';
      const direction = args.orderBy?.direction ?? 'ASC';
      const page = entityConnectionPage(
        ctx,
        info,
        args,
        { label: 'Company', ...companyFilter(args.filter ?? {}) },
        sort,
        direction,
        `company:${sort}:${direction}`,
      );
      return checkedWhenEmpty(ctx, page, emptyPage, { 'filter.country': args.filter?.country });
    },
  }),
}));
