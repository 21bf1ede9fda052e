import { badInput } from '../core/errors.js';
import { union } from '../graph/claims.js';
import { financialTotals, type GroupTotal, TotalsRequestError } from '../graph/financials.js';
import { entityNeed, selectedFields } from '../read/selection.js';
import { builder } from './builder.js';
import { TOTALS_COST } from './costs.js';
import { EntityRef, SourceRef } from './entity.js';
import { CompanyKindEnum, FinancialMetricEnum, UnitEnum } from './enums.js';
import { FinancialFactRef } from './financial.js';
import { CompanyRef } from './refs.js';
import { knownKeys } from './pagination.js';
import { unknownGroupError, unknownPeriodError } from './unknown-input.js';

const FinancialGroupEnum = builder.enumType('FinancialGroup', {
  description: 'What financialTotals groups companies by.',
  values: {
    COUNTRY: { description: "The country of each company's headquarters." },
    KIND: { description: 'The company kind (HYPERSCALER, INTERNET_PLATFORM...).' },
  } as const,
});

// Every total carries the whole result, so ratioTo can find the group it is compared with.
type TotalOfResult = GroupTotal & { all: GroupTotal[] };

const FinancialTotalRef = builder.objectRef<TotalOfResult>('FinancialTotal');
FinancialTotalRef.implement({
  description:
    'A total COMPUTED by this service: the sum of one stated figure per company in the group. The figures behind it are listed; nothing is converted between units.',
  fields: (t) => ({
    group: t.field({ type: EntityRef, nullable: true, description: 'The country (groupBy COUNTRY); null when grouping by kind.', resolve: (g) => g.group }),
    groupKey: t.exposeString('groupKey', { description: 'The country key or the company kind.' }),
    kind: t.field({
      type: CompanyKindEnum,
      nullable: true,
      description: 'The company kind (groupBy KIND); null when grouping by country.',
      resolve: (g) => (g.groupBy === 'KIND' && g.groupKey !== 'unknown' ? (g.groupKey as (typeof CompanyKindEnum)['$inferType']) : null),
    }),
    total: t.exposeFloat('total', { description: 'The sum, in `unit`, of one stated figure per company of the group (see facts).' }),
    unit: t.field({
      type: UnitEnum,
      description: 'The unit of the total: every figure added has it.',
      resolve: (g) => g.unit as (typeof UnitEnum)['$inferType'],
    }),
    computed: t.boolean({ description: 'Always true: no source states this number; the service added it up.', resolve: () => true }),
    approximate: t.exposeBoolean('approximate', { description: 'True when a summed figure is approximate or an estimate.' }),
    includesEstimates: t.boolean({
      description:
        "True when a summed figure is an estimate (an estimator's median, such as Epoch AI's hardware estimates): the total adds estimates, and method says so.",
      resolve: (g) => g.estimated,
    }),
    market: t.field({
      type: EntityRef,
      nullable: true,
      description:
        "The market every summed figure is limited to (the `market` argument); null when the total adds company-wide figures only, which is the default: a company's figure for one market is never part of its company-wide total.",
      resolve: (g, _a, ctx, info) => (g.market ? ctx.graph.entity(g.market, undefined, entityNeed(info)) : null),
    }),
    method: t.string({
      description: 'How the total was computed, in words: how many figures, of which scope.',
      resolve: (g) => {
        const figures = `${g.memberCount} company figure${g.memberCount === 1 ? '' : 's'}`;
        const scope = g.market ? `limited to the market ${g.market}` : 'company-wide';
        const estimates = g.estimated ? ' Includes estimates: at least one summed figure is an estimate, not a reported value.' : '';
        return `Sum of ${figures} stated by the sources (one per company, ${scope}).${estimates}`;
      },
    }),
    companies: t.field({
      type: [CompanyRef],
      description: 'The companies whose figures were added.',
      resolve: (g, _a, ctx, info) => ctx.graph.existing(g.companyKeys, 'Company', entityNeed(info)),
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'The sources of the figures summed (each figure names its own in facts).',
      resolve: async (g, _a, ctx, info) =>
        ctx.graph.existing(union((await ctx.graph.factsByKey(g.factKeys)).map((f) => f.sources)), 'Source', entityNeed(info)),
    }),
    facts: t.field({
      type: [FinancialFactRef],
      description: 'The figures summed, one per company, in the order of companies.',
      resolve: (g, _a, ctx) => ctx.graph.factsByKey(g.factKeys),
    }),
    excluded: t.field({
      type: [FinancialFactRef],
      description:
        'Figures of these companies for the metric and period that were not added: bounds, ranges, other units, second figures, and figures of another scope (market segments in a company-wide total, company-wide figures in a market total, and per-item figures counting one chip, FinancialFact.item, in any total).',
      resolve: (g, _a, ctx) => ctx.graph.factsByKey(g.excludedFactKeys),
    }),
    ratioTo: t.float({
      nullable: true,
      description:
        'This total divided by the total of another group of the same result (computed); null if that group is absent from the result. A groupKey that is neither a country key nor a company kind is a BAD_USER_INPUT listing the groups of the result.',
      args: { groupKey: t.arg.string({ required: true, description: 'The groupKey of the other group (china, or a company kind).' }) },
      resolve: async (g, args, ctx) => {
        const other = g.all.find((o) => o.groupKey === args.groupKey);
        if (!other) {
          // Absent is an answer for a group that has no figures this period; a key naming no group at all is a typo.
          const unknownGroup = await unknownGroupError(
            ctx,
            args.groupKey,
            g.all.map((o) => o.groupKey),
          );
          if (unknownGroup) throw unknownGroup;
        }
        return other && other.total !== 0 ? Math.round((g.total / other.total) * 1e6) / 1e6 : null;
      },
    }),
  }),
});

builder.queryFields((t) => ({
  financialTotals: t.field({
    type: [FinancialTotalRef],
    description:
      'Totals of a metric for a period by headquarters country or company kind, computed from company figures of one unit: company-wide figures, or the figures limited to one market when `market` is given.',
    args: {
      metric: t.arg({ type: FinancialMetricEnum, required: true, description: 'The metric to add up (CAPEX).' }),
      period: t.arg.string({ required: true, description: 'Exactly this period (2024): figures of other periods are not added.' }),
      groupBy: t.arg({ type: FinancialGroupEnum, defaultValue: 'COUNTRY', description: 'Group by headquarters country (default) or by company kind.' }),
      market: t.arg.string({
        description:
          "Sum only the figures limited to this market (a country or region key: Nvidia's revenue in `china-mainland`). Omitted: only company-wide figures are summed.",
      }),
      unit: t.arg({ type: UnitEnum, description: 'Sum only figures in this unit; required when the figures come in several.' }),
      sources: t.arg.stringList({ description: 'Sum only figures these sources (keys) state.' }),
    },
    complexity: { field: TOTALS_COST, multiplier: 1 },
    resolve: async (_root, args, ctx, info) => {
      const selected = selectedFields(info);
      // Listing members needs the live query; bare totals come from the precomputed aggregates.
      const withMembers = ['companies', 'facts', 'excluded', 'sources'].some((name) => selected.has(name));
      // One unknown source among known ones empties nothing, so the list is checked first; an
      // unknown market can only empty the answer, so it is looked up only then.
      await knownKeys(ctx, { sources: args.sources });
      try {
        const totals = await financialTotals(ctx.db, args.metric, args.period, args.groupBy ?? 'COUNTRY', args.unit ?? null, {
          withMembers,
          sources: args.sources ?? null,
          market: args.market ?? null,
        });
        if (!totals.length) {
          await knownKeys(ctx, { market: args.market });
          // Checked only when nothing adds up: a period no figure of the metric has is a typo (FY24 for 2024).
          const unknownPeriod = await unknownPeriodError(ctx, 'period', args.period, args.metric);
          if (unknownPeriod) throw unknownPeriod;
        }
        return totals.map((total) => ({ ...total, all: totals }));
      } catch (error) {
        if (error instanceof TotalsRequestError) throw badInput(error.argument, error.message);
        throw error;
      }
    },
  }),
}));
