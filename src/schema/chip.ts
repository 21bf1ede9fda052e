import { countEntities, entityPage } from '../graph/pages.js';
import type { EntityRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { CompanyRef } from './company.js';
import { entityType, prop } from './entity.js';
import { ChipMarketEnum, WorkloadEnum } from './enums.js';
import { connectionComplexity, entityConnection, pageArgs, toConnection } from './pagination.js';

export const ChipRef = entityType('Chip', 'An AI accelerator (H100, H20, Ascend 910), or an unnamed one a source describes.');
export const ChipFamilyRef = entityType('ChipFamily', 'A chip generation or series (Hopper, Blackwell).');

const firstLinked = async (ctx: { graph: import('../loaders.js').GraphLoader }, key: string, type: 'MEMBER_OF', label: 'ChipFamily') =>
  (await ctx.graph.links(key, { types: [type], direction: 'OUT', labels: [label] }))[0]?.node ?? null;

builder.objectFields(ChipRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx) => { const vendor = prop(e, 'vendor'); return vendor ? ctx.graph.entity(vendor, 'Company') : null; } }),
  family: t.field({ type: ChipFamilyRef, nullable: true, resolve: (e, _a, ctx) => firstLinked(ctx, e.key, 'MEMBER_OF', 'ChipFamily') }),
  market: t.field({ type: ChipMarketEnum, resolve: (e) => e.market as (typeof ChipMarketEnum)['$inferType'] }),
  uses: t.field({ type: [WorkloadEnum], resolve: (e) => (e.uses ?? []) as (typeof WorkloadEnum)['$inferType'][] }),
}));

builder.objectFields(ChipFamilyRef, (t) => ({
  vendor: t.field({ type: CompanyRef, nullable: true, resolve: (e, _a, ctx) => { const vendor = prop(e, 'vendor'); return vendor ? ctx.graph.entity(vendor, 'Company') : null; } }),
  chips: t.field({
    type: [ChipRef],
    resolve: async (e, _a, ctx): Promise<EntityRecord[]> =>
      (await ctx.graph.links(e.key, { types: ['MEMBER_OF'], direction: 'IN', labels: ['Chip'] })).map((l) => l.node),
  }),
}));

const ChipConnection = entityConnection(ChipRef, 'Chip');

builder.queryFields((t) => ({
  chips: t.field({
    type: ChipConnection,
    description: 'Every chip, ordered by key.',
    args: { first: t.arg.int(), after: t.arg.string() },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx) => {
      const page = pageArgs(args, ctx, 'chip:key');
      const query = { label: 'Chip' as const, conditions: [], params: {} };
      const result = await entityPage(ctx.db, { ...query, sort: 'key', direction: 'ASC', ...page });
      return toConnection(result, 'chip:key', (c) => c.key, page.after !== null, () => countEntities(ctx.db, query));
    },
  }),
}));
