import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { stringProperty } from './entity.js';
import { ChipMarketEnum, WorkloadEnum } from './enums.js';
import { linkField } from './link-field.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';
import { ChipFamilyRef, ChipRef, CompanyRef } from './refs.js';

/** Chips and families name their designer by key. */
const vendorOf = (e: EntityRecord, ctx: Context, info: GraphQLResolveInfo) => {
  const vendor = stringProperty(e, 'vendor');
  return vendor ? ctx.graph.entity(vendor, 'Company', entityNeed(info)) : null;
};

builder.objectFields(ChipRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info) }),
  family: linkField(t, { type: ChipFamilyRef, follow: { types: ['MEMBER_OF'], direction: 'OUT', labels: ['ChipFamily'] } }),
  market: t.field({ type: ChipMarketEnum, resolve: (e) => e.market as (typeof ChipMarketEnum)['$inferType'] }),
  uses: t.field({ type: [WorkloadEnum], resolve: (e) => (e.uses ?? []) as (typeof WorkloadEnum)['$inferType'][] }),
}));

builder.objectFields(ChipFamilyRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info) }),
  chips: linkField(t, { type: [ChipRef], follow: { types: ['MEMBER_OF'], direction: 'IN', labels: ['Chip'] } }),
}));

const ChipConnection = entityConnection(ChipRef, 'Chip');

builder.queryFields((t) => ({
  chips: t.field({
    type: ChipConnection,
    description: 'Every chip, ordered by key.',
    args: { first: t.arg.int(), after: t.arg.string() },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) => entityConnectionPage(ctx, info, args, { label: 'Chip', conditions: [], params: {} }, 'key', 'ASC', 'chip:key'),
  }),
}));
