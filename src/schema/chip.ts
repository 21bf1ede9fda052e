import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { entityNeed } from '../read/selection.js';
import { followNode, followNodes, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { CompanyRef } from './company.js';
import { entityType, prop } from './entity.js';
import { ChipMarketEnum, WorkloadEnum } from './enums.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';

export const ChipRef = entityType('Chip', 'An AI accelerator (H100, H20, Ascend 910), or an unnamed one a source describes.');
export const ChipFamilyRef = entityType('ChipFamily', 'A chip generation or series (Hopper, Blackwell).');

/** Chips and families name their designer by key. */
const vendorOf = (e: EntityRecord, ctx: Context, info: GraphQLResolveInfo) => {
  const vendor = prop(e, 'vendor');
  return vendor ? ctx.graph.entity(vendor, 'Company', entityNeed(info)) : null;
};

builder.objectFields(ChipRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info) }),
  family: t.field({
    type: ChipFamilyRef,
    nullable: true,
    resolve: followNode(LINK_FIELDS.Chip.family),
  }),
  market: t.field({ type: ChipMarketEnum, resolve: (e) => e.market as (typeof ChipMarketEnum)['$inferType'] }),
  uses: t.field({ type: [WorkloadEnum], resolve: (e) => (e.uses ?? []) as (typeof WorkloadEnum)['$inferType'][] }),
}));

builder.objectFields(ChipFamilyRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info) }),
  chips: t.field({
    type: [ChipRef],
    resolve: followNodes(LINK_FIELDS.ChipFamily.chips),
  }),
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
