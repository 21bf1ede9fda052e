import type { OwnerRecord } from '../graph/holdings.js';
import type { EntityRecord, FactRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { EntityRef } from './entity.js';
import { FinancialMetricEnum } from './enums.js';
import { FinancialFactRef } from './financial.js';
import { otherProperties } from './link-types.js';
import { addProvenanceFields } from './provenance.js';

// Who holds which chips: a chip's owners (the BUYS links that reach it, with the buyers' figures for
// what they bought) and a buyer's per-chip figures (FinancialFact.item), across sources.

const OwnerRouteEnum = builder.enumType('OwnerRoute', {
  description: 'How an owner reaches the chip or family asked about.',
  values: {
    DIRECT: { description: 'It buys the chip or family itself.' },
    CLASS: { description: "It buys a merged class the chip is in (Epoch AI's `h100-h200`: a family that is itself a member of a family)." },
    FAMILY: { description: 'It buys a family the chip is in ("Hopper" for the H100); a chip made for one market only counts for buyers placed there.' },
    MEMBER: { description: 'Asked about a family or class: it buys one of its members (a chip, or a class such as `h100-h200` for Hopper).' },
  } as const,
});

export const ChipOwnerRef = builder.objectRef<OwnerRecord>('ChipOwner');
ChipOwnerRef.implement({
  description:
    'A company or company group (an aggregate such as Epoch AI\'s "Buyers in China") that buys a chip, its class or family, or a member of a family, with its figures for what it buys.',
  fields: (t) => ({
    route: t.field({ type: OwnerRouteEnum, description: 'How the owner reaches the chip or family asked about.', resolve: (o) => o.route }),
    owner: t.field({ type: EntityRef, description: 'The buyer: a Company or a CompanyGroup.', resolve: (o) => o.node }),
    item: t.field({ type: EntityRef, description: 'What the link says it buys: the chip, a class or family it is in, or a member.', resolve: (o) => o.item }),
    units: t.float({
      nullable: true,
      description: 'Units bought, as the link states.',
      resolve: (o) => (typeof o.properties.units === 'number' ? o.properties.units : null),
    }),
    period: t.string({
      nullable: true,
      description: 'The period the units were bought in (2024); null when the link is not tied to one.',
      resolve: (o) => (typeof o.properties.period === 'string' ? o.properties.period : null),
    }),
    estimate: t.boolean({
      description: "True when the link's unit count is an estimate (Epoch AI's owner figures are).",
      resolve: (o) => o.properties.estimate === true,
    }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the BUYS link.', resolve: (o) => otherProperties(o) }),
    figures: t.field({
      type: [FinancialFactRef],
      args: {
        metric: t.arg({ type: FinancialMetricEnum, description: 'Only figures of this metric; every metric when omitted.' }),
        period: t.arg.string({ description: 'Only figures of exactly this period; every period when omitted.' }),
      },
      description:
        "The owner's figures for the item (FinancialFact.item = item.key): units held, H100 equivalents, hardware cost, power, by date; estimates carry their 5th-95th percentile interval.",
      resolve: (o, args) => o.figures.filter((f) => (!args.metric || f.metric === args.metric) && (!args.period || f.period === args.period)).sort(byFigure),
    }),
  }),
});
addProvenanceFields(ChipOwnerRef, (o) => o.properties);

const byFigure = (a: FactRecord, b: FactRecord) =>
  a.metric.localeCompare(b.metric) ||
  (a.period ?? '').localeCompare(b.period ?? '') ||
  (a.date ?? '').localeCompare(b.date ?? '') ||
  a.key.localeCompare(b.key);

type Fields = PothosSchemaTypes.ObjectFieldBuilder<AtlasSchemaTypes, EntityRecord>;

/** `owners` of a Chip or a ChipFamily. */
export const ownersField = (t: Fields) =>
  t.field({
    type: [ChipOwnerRef],
    args: { routes: t.arg({ type: [OwnerRouteEnum], description: 'Only owners reached these ways; all when omitted.' }) },
    description:
      'Companies and company groups that buy this, a merged class or family it is in, or (for a family) one of its members: every owner any source knows, direct first, each with its figures for what it buys.',
    resolve: async (e, args, ctx) => (await ctx.graph.owners(e.key)).filter((o) => !args.routes?.length || args.routes.includes(o.route)),
  });

/** `chipHoldings` of a Company or CompanyGroup: its figures that count one chip or class. */
export const chipHoldingsField = (t: Fields) =>
  t.field({
    type: [FinancialFactRef],
    args: {
      period: t.arg.string({ description: 'Only figures of this period (2025, 2025Q2).' }),
      metric: t.arg({ type: FinancialMetricEnum, description: 'Only this metric (CHIP_COUNT, H100_EQUIVALENTS, HARDWARE_COST, TOTAL_TDP...).' }),
      item: t.arg.string({ description: 'Only figures counting this chip or class (key).' }),
    },
    description:
      "Figures that count one chip or class the subject holds (FinancialFact.item: an owner's H20s, H100 equivalents, hardware cost), optionally for one period, metric or item. Never part of financialTotals' company totals.",
    resolve: async (e, args, ctx) =>
      (await ctx.graph.facts(e.key, { metric: args.metric ?? null, period: args.period ?? null }))
        .filter((f) => f.item != null && (!args.item || f.item === args.item))
        .sort(byFigure),
  });
