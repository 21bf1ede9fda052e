import type { GraphQLResolveInfo } from 'graphql';
import { exposure } from '../graph/exposure.js';
import type { LinkNeed } from '../graph/records.js';
import { financialTotals, TotalsRequestError, type GroupTotal } from '../graph/financials.js';
import { MAX_NEIGHBORHOOD_DEPTH, MAX_PATH_HOPS, neighborhood, shortestPaths, UnknownEndError } from '../graph/paths.js';
import { countSearchHits, type SearchHit, type SearchQuery, SearchTextError, searchEntities, toSearchQuery } from '../graph/search.js';
import { RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../core/model.js';
import { builder } from './builder.js';
import { ChipRef } from './chip.js';
import { CompanyRef } from './company.js';
import { union } from '../graph/claims.js';
import { EntityRef, SourceRef } from './entity.js';
import { CompanyKindEnum, EntityLabelEnum, FinancialMetricEnum, PolicyKindEnum, UnitEnum } from './enums.js';
import { badInput } from '../core/errors.js';
import { FinancialFactRef } from './financial.js';
import { connectionComplexity, encodeCursor, pageArgs, type ConnectionArgs } from './pagination.js';
import { PolicyRef } from './policy.js';
import { PathRef, SubgraphRef } from './relation.js';
import { entityNeed, relationNeed, selectedFields } from '../read/selection.js';

/**
 * Prices of the root analyses, in the unit of the cost limit (one unit ~ one field of a page): each
 * is a traversal of its own, so a request can hold only a few of them however it aliases them.
 */
const EXPOSURE_COST = 1_500;
const PATHS_COST_PER_HOP_AND_PATH = 100;
const NEIGHBORHOOD_COST_DEPTH_1 = 500;
const SEARCH_COST = 250;
const TOTALS_COST = 1_000;

/** Relationships a neighbourhood returns at most; the Subgraph says when it was cut. */
export const NEIGHBORHOOD_LIMIT = 500;
const MAX_PATHS = 25;

function intInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(argument, `must be between ${min} and ${max} (got ${value}).`);
  return value;
}

/**
 * What a selection reads of the nodes and relationships of a path or subgraph at `at`: a Path or
 * Subgraph lists nodes and relationships, and each relationship has its two ends.
 */
function pathNeed(info: GraphQLResolveInfo, at: string[]): LinkNeed {
  return {
    node: entityNeed(info, [...at, 'nodes'], [...at, 'relationships', 'from'], [...at, 'relationships', 'to']),
    relation: relationNeed(info, [...at, 'relationships']),
  };
}

// --- exposure --------------------------------------------------------------------------------

const ExposureRouteEnum = builder.enumType('ExposureRoute', {
  description: 'How the company reaches the chip: DIRECT use, through the chip FAMILY, or through a market-specific VARIANT in its family.',
  values: ['DIRECT', 'FAMILY', 'VARIANT'] as const,
});

const ExposureBasisEnum = builder.enumType('ExposureBasis', {
  description: 'What an exposure rests on, decided by its weakest link (see LinkBasis).',
  values: {
    STATED: { description: 'Every link of its paths is stated by a source.' },
    DERIVED: { description: 'At least one link is derived: an inference from source sentences, marked as such.' },
    CURATOR: { description: "No link is derived, but at least one rests only on the curators' general knowledge, which no published source states." },
  } as const,
});

const ExposureRef = builder.objectRef<Awaited<ReturnType<typeof exposure>>[number]>('Exposure');
ExposureRef.implement({
  description: 'A company that uses a chip a policy restricts or threatens, with the paths that show why.',
  fields: (t) => ({
    basis: t.field({
      type: ExposureBasisEnum,
      description:
        "DERIVED when any link of its paths is derived rather than stated, CURATOR when one rests only on the curators' knowledge; ask with includeDerived: false for stated links only.",
      resolve: (e) => e.basis,
    }),
    company: t.field({ type: CompanyRef, resolve: (e) => e.company }),
    chip: t.field({ type: ChipRef, resolve: (e) => e.chip }),
    policies: t.field({ type: [PolicyRef], resolve: (e) => e.policies }),
    routes: t.field({ type: [ExposureRouteEnum], resolve: (e) => e.routes }),
    paths: t.field({
      type: [PathRef],
      description: "Evidence: company to chip (use), policy to chip (threat), policy to the company's country (scope).",
      resolve: (e) => e.paths,
    }),
  }),
});

// --- search ----------------------------------------------------------------------------------

interface SearchConnectionShape {
  edges: { cursor: string; node: SearchHit['node']; score: number }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

const SearchEdgeRef = builder.objectRef<SearchConnectionShape['edges'][number]>('SearchEdge');
SearchEdgeRef.implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: EntityRef, resolve: (e) => e.node }),
    score: t.exposeFloat('score', { description: 'Relevance; higher is better. Comparable only within one search.' }),
  }),
});
const SearchConnectionRef = builder.objectRef<SearchConnectionShape>('SearchConnection');
SearchConnectionRef.implement({
  fields: (t) => ({
    edges: t.field({ type: [SearchEdgeRef], complexity: { field: 0, multiplier: 1 }, resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (c) => c.pageInfo }),
    totalCount: t.int({ resolve: (c) => c.totalCount() }),
  }),
});

// The keyset of a search is (score, key); a cursor stores the score as text to survive JSON exactly.
function decodeSearchCursor(position: { value: string; key: string } | null) {
  return position ? { score: Number(position.value), key: position.key } : null;
}

function searchQueryOf(text: string): SearchQuery | null {
  try {
    return toSearchQuery(text);
  } catch (error) {
    if (error instanceof SearchTextError) throw badInput('text', error.message);
    throw error;
  }
}

// --- totals ----------------------------------------------------------------------------------

const FinancialGroupEnum = builder.enumType('FinancialGroup', { values: ['COUNTRY', 'KIND'] as const });

type TotalShape = GroupTotal & { all: GroupTotal[] };
const FinancialTotalRef = builder.objectRef<TotalShape>('FinancialTotal');
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
    total: t.exposeFloat('total'),
    unit: t.field({ type: UnitEnum, resolve: (g) => g.unit as (typeof UnitEnum)['$inferType'] }),
    computed: t.boolean({ description: 'Always true: no source states this number; the service added it up.', resolve: () => true }),
    approximate: t.exposeBoolean('approximate', { description: 'True when a summed figure is approximate or an estimate.' }),
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
        return `Sum of ${figures} stated by the sources (one per company, ${scope}).`;
      },
    }),
    companies: t.field({ type: [CompanyRef], resolve: (g, _a, ctx, info) => ctx.graph.existing(g.companyKeys, 'Company', entityNeed(info)) }),
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
        'Figures of these companies for the metric and period that were not added: bounds, ranges, other units, second figures, and figures of another scope (market segments in a company-wide total, company-wide figures in a market total).',
      resolve: (g, _a, ctx) => ctx.graph.factsByKey(g.excludedFactKeys),
    }),
    ratioTo: t.float({
      nullable: true,
      description: 'This total divided by the total of another group of the same result (computed); null if that group is absent.',
      args: { groupKey: t.arg.string({ required: true }) },
      resolve: (g, args) => {
        const other = g.all.find((o) => o.groupKey === args.groupKey);
        return other && other.total !== 0 ? Math.round((g.total / other.total) * 1e6) / 1e6 : null;
      },
    }),
  }),
});

// --- root fields -----------------------------------------------------------------------------

builder.queryFields((t) => ({
  exposure: t.field({
    type: [ExposureRef],
    description:
      "Companies that buy or depend on the chip (directly, through its family, or through a market-specific variant) while a policy of the given kinds restricts or threatens it, within the policy's target countries.",
    args: {
      chip: t.arg.string({ required: true }),
      policyKinds: t.arg({ type: [PolicyKindEnum] }),
      includeDerived: t.arg.boolean({
        defaultValue: true,
        description: "False: only exposures every link of which a source states (no derived link, none resting only on the curators' knowledge).",
      }),
    },
    complexity: { field: EXPOSURE_COST, multiplier: 1 },
    resolve: (_root, args, ctx, info) =>
      exposure(ctx.db, args.chip, args.policyKinds ?? null, args.includeDerived ?? true, {
        company: entityNeed(info, ['company']),
        chip: entityNeed(info, ['chip']),
        policies: entityNeed(info, ['policies']),
        paths: selectedFields(info).has('paths') ? pathNeed(info, ['paths']) : null,
      }),
  }),
  paths: t.field({
    type: [PathRef],
    description: `Shortest paths between two entities (keys), in either direction, at most maxHops (1-${MAX_PATH_HOPS}) long; the first ones by length.`,
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      maxHops: t.arg.int({ defaultValue: 4 }),
      first: t.arg.int({ defaultValue: 5 }),
      includeDerived: t.arg.boolean({
        defaultValue: true,
        description: "False: only paths whose every link a source states (no derived link, none resting only on the curators' knowledge).",
      }),
    },
    complexity: (args) => {
      const paths = Math.max(1, Math.min(args.first ?? 5, MAX_PATHS));
      const hops = Math.max(1, Math.min(args.maxHops ?? 4, MAX_PATH_HOPS));
      return { field: PATHS_COST_PER_HOP_AND_PATH * hops * paths, multiplier: paths };
    },
    resolve: async (_root, args, ctx, info) => {
      const maxHops = intInRange('maxHops', args.maxHops ?? 4, 1, MAX_PATH_HOPS);
      const first = intInRange('first', args.first ?? 5, 0, MAX_PATHS);
      try {
        return await shortestPaths(ctx.db, args.from, args.to, maxHops, first, args.includeDerived ?? true, pathNeed(info, []));
      } catch (error) {
        if (error instanceof UnknownEndError) throw badInput(error.end, `names no entity: ${JSON.stringify(error.key.slice(0, 100))}.`);
        throw error;
      }
    },
  }),
  neighborhood: t.field({
    type: SubgraphRef,
    nullable: true,
    description: `The subgraph within depth (1-${MAX_NEIGHBORHOOD_DEPTH}) hops of an entity, optionally through some relationship types only; null for an unknown key.`,
    args: {
      key: t.arg.string({ required: true }),
      depth: t.arg.int({ defaultValue: 1 }),
      types: t.arg.stringList({ description: 'Relationship types to follow (BUYS, DEPENDS_ON...); all when omitted.' }),
    },
    // Each level multiplies what a traversal can touch; the drawing itself is one projection.
    complexity: (args) => ({ field: NEIGHBORHOOD_COST_DEPTH_1 * 5 ** Math.max(0, Math.min(args.depth ?? 1, MAX_NEIGHBORHOOD_DEPTH) - 1), multiplier: 1 }),
    resolve: (_root, args, ctx, info) => {
      const depth = intInRange('depth', args.depth ?? 1, 1, MAX_NEIGHBORHOOD_DEPTH);
      const unknown = (args.types ?? []).filter((type) => !(RELATIONSHIP_TYPES as readonly string[]).includes(type));
      if (unknown.length) throw badInput('types', `has unknown relationship types ${unknown.join(', ')}; known: ${RELATIONSHIP_TYPES.join(', ')}.`);
      return neighborhood(ctx.db, args.key, depth, (args.types ?? null) as RelationshipType[] | null, NEIGHBORHOOD_LIMIT, pathNeed(info, []));
    },
  }),
  search: t.field({
    type: SearchConnectionRef,
    description: 'Full-text search over names, Chinese names (simplified and traditional) and aliases, ranked by relevance.',
    args: {
      text: t.arg.string({ required: true }),
      labels: t.arg({ type: [EntityLabelEnum], description: 'Only entities of these kinds.' }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    complexity: (args) => ({ ...connectionComplexity(args), field: SEARCH_COST }),
    resolve: async (_root, args, ctx, info) => {
      const query = searchQueryOf(args.text);
      const signature = `search:${query?.lucene.join('|') ?? ''}:${(args.labels ?? []).join(',')}`;
      const page = pageArgs(args as ConnectionArgs, ctx, signature);
      const labels = (args.labels ?? null) as EntityLabel[] | null;
      if (!query || page.first === 0) {
        return {
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: page.after !== null, startCursor: null, endCursor: null },
          totalCount: async () => (query ? countSearchHits(ctx.db, query, labels) : 0),
        };
      }
      const result = await searchEntities(ctx.db, query, labels, page.first, decodeSearchCursor(page.after), entityNeed(info, ['edges', 'node']));
      const edges = result.hits.map((hit) => ({ ...hit, cursor: encodeCursor(signature, { value: String(hit.score), key: hit.node.key }) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: result.hasNextPage,
          hasPreviousPage: page.after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: () => countSearchHits(ctx.db, query, labels),
      };
    },
  }),
  financialTotals: t.field({
    type: [FinancialTotalRef],
    description:
      'Totals of a metric for a period by headquarters country or company kind, computed from company figures of one unit: company-wide figures, or the figures limited to one market when `market` is given.',
    args: {
      metric: t.arg({ type: FinancialMetricEnum, required: true }),
      period: t.arg.string({ required: true }),
      groupBy: t.arg({ type: FinancialGroupEnum, defaultValue: 'COUNTRY' }),
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
      const withMembers = ['companies', 'facts', 'excluded', 'sources'].some((name) => selected.has(name));
      if (args.market != null && !(await ctx.graph.entity(args.market, undefined, ['key']))) {
        throw badInput('market', `names no entity: ${JSON.stringify(args.market.slice(0, 100))}.`);
      }
      try {
        const totals = await financialTotals(ctx.db, args.metric, args.period, args.groupBy ?? 'COUNTRY', args.unit ?? null, {
          withMembers,
          sources: args.sources ?? null,
          market: args.market ?? null,
        });
        return totals.map((total) => ({ ...total, all: totals }));
      } catch (error) {
        if (error instanceof TotalsRequestError) throw badInput(error.argument, error.message);
        throw error;
      }
    },
  }),
}));
