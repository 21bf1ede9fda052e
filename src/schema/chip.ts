import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { chipFilter } from '../graph/filters.js';
import type { EntityRecord } from '../graph/records.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { numberProperty, stringProperty } from './entity.js';
import { ChipMarketEnum, WorkloadEnum } from './enums.js';
import { ownersField } from './holdings.js';
import { linkField } from './link-field.js';
import { ChipHostRef } from './link-types.js';
import { checkedWhenEmpty, connectionComplexity, emptyPage, entityConnection, entityConnectionPage } from './pagination.js';
import { ChipFamilyRef, ChipRef, CompanyRef } from './refs.js';

/** Chips and families name their designer by key. */
const vendorOf = (e: EntityRecord, ctx: Context, info: GraphQLResolveInfo) => {
  const vendor = stringProperty(e, 'vendor');
  return vendor ? ctx.graph.entity(vendor, 'Company', entityNeed(info)) : null;
};

// Specs as the publisher gives them (Epoch AI's ML hardware data), in SI base units, flat on the
// chip so that a table or a comparison selects the columns it shows.
const NUMBER_SPECS = {
  releasePriceUsd: 'Launch price in US dollars.',
  tdpWatts: 'Thermal design power in watts.',
  memoryBytes: 'Memory capacity in bytes (80 GB is 8e10).',
  memoryBandwidthBytesPerSecond: 'Memory bandwidth in bytes per second (3.35 TB/s is 3.35e12).',
  bf16FlopsPerSecond: 'Dense BF16 (16-bit) throughput in FLOP per second.',
  fp8FlopsPerSecond: 'Dense FP8 throughput in FLOP per second.',
  int8OpsPerSecond: 'Dense INT8 throughput in operations per second.',
  processNm: 'Process node in nanometres, as the foundry names it (4 for TSMC 4N).',
} as const;

builder.objectFields(ChipRef, (t) => ({
  vendor: t.field({
    type: CompanyRef,
    nullable: true,
    description: 'The company that designs the chip (Nvidia); null when no source names it.',
    resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info),
  }),
  family: linkField(t, {
    type: ChipFamilyRef,
    description: 'The family the chip is a MEMBER_OF (Hopper for the H20); null when none is stated. See `families` for every one.',
    follow: { types: ['MEMBER_OF'], direction: 'OUT', labels: ['ChipFamily'] },
  }),
  families: linkField(t, {
    type: [ChipFamilyRef],
    description: "Every family or merged class the chip is directly in (Hopper, and Epoch AI's `h100-h200` class).",
    follow: { types: ['MEMBER_OF'], direction: 'OUT', labels: ['ChipFamily'] },
  }),
  market: t.field({
    type: ChipMarketEnum,
    description: 'Which market the chip was made for (CHINA_SPECIFIC for the H20).',
    resolve: (e) => e.market as (typeof ChipMarketEnum)['$inferType'],
  }),
  uses: t.field({
    type: [WorkloadEnum],
    description: 'What the chip is used for, as the sources say; empty when they do not.',
    resolve: (e) => (e.uses ?? []) as (typeof WorkloadEnum)['$inferType'][],
  }),
  releasedOn: t.string({ nullable: true, description: 'Release date, ISO, possibly partial (2022-03).', resolve: (e) => stringProperty(e, 'releasedOn') }),
  ...Object.fromEntries(
    Object.entries(NUMBER_SPECS).map(([name, description]) => [name, t.float({ nullable: true, description, resolve: (e) => numberProperty(e, name) })]),
  ),
  foundry: t.string({
    nullable: true,
    description: 'The foundry that makes the die (TSMC), as the source names it.',
    resolve: (e) => stringProperty(e, 'foundry'),
  }),
  chipType: t.string({
    nullable: true,
    description: 'The kind of accelerator as the source names it (GPU, TPU, ASIC).',
    resolve: (e) => stringProperty(e, 'chipType'),
  }),
  owners: ownersField(t),
  hostedAt: linkField(t, {
    type: [ChipHostRef],
    description: 'Data centers that host the chip (HOSTS links), with units.',
    follow: { types: ['HOSTS'], direction: 'IN' },
    nodeFields: ['dataCenter'],
  }),
  variants: linkField(t, {
    type: [ChipRef],
    description: 'Chips that are variants of this one (their VARIANT_OF links: the H800 and H20 of the H100).',
    follow: { types: ['VARIANT_OF'], direction: 'IN', labels: ['Chip'] },
  }),
  variantOf: linkField(t, {
    type: [ChipRef],
    description: 'The chips this one is a variant of.',
    follow: { types: ['VARIANT_OF'], direction: 'OUT', labels: ['Chip'] },
  }),
  fabricators: linkField(t, {
    type: [CompanyRef],
    description: 'Companies that fabricate the chip (FABRICATES).',
    follow: { types: ['FABRICATES'], direction: 'IN', labels: ['Company'] },
  }),
}));

builder.objectFields(ChipFamilyRef, (t) => ({
  vendor: t.field({
    type: CompanyRef,
    nullable: true,
    description: 'The company that designs the family; null when no source names it.',
    resolve: (e, _a, ctx, info) => vendorOf(e, ctx, info),
  }),
  chips: linkField(t, {
    type: [ChipRef],
    description: 'The chips that are directly members of this family or class; empty when none is in the graph.',
    follow: { types: ['MEMBER_OF'], direction: 'IN', labels: ['Chip'] },
  }),
  classes: linkField(t, {
    type: [ChipFamilyRef],
    description: "Families or merged classes that are members of this one (Epoch AI's `h100-h200` in Hopper).",
    follow: { types: ['MEMBER_OF'], direction: 'IN', labels: ['ChipFamily'] },
  }),
  parents: linkField(t, {
    type: [ChipFamilyRef],
    description: 'The families this class is a member of (Hopper for `h100-h200`).',
    follow: { types: ['MEMBER_OF'], direction: 'OUT', labels: ['ChipFamily'] },
  }),
  owners: ownersField(t),
  hostedAt: linkField(t, {
    type: [ChipHostRef],
    description: 'Data centers that state they host the family or class as such (HOSTS links), with units.',
    follow: { types: ['HOSTS'], direction: 'IN' },
    nodeFields: ['dataCenter'],
  }),
}));

const ChipConnection = entityConnection(ChipRef, 'Chip');

builder.queryFields((t) => ({
  chips: t.field({
    type: ChipConnection,
    description: 'Chips, optionally by designer or family, ordered by key.',
    args: {
      vendor: t.arg.string({ description: 'Key of the designer (`nvidia`): the chip names it as vendor or it DESIGNS the chip.' }),
      family: t.arg.string({ description: 'Key of a family or class the chip is in, up to two levels (`hopper`, `h100-h200`).' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx, info) => {
      const page = entityConnectionPage(ctx, info, args, { label: 'Chip', ...chipFilter(args) }, 'key', 'ASC', 'chip:key');
      return checkedWhenEmpty(ctx, page, emptyPage, { vendor: args.vendor, family: args.family });
    },
  }),
}));
