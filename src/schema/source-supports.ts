import type { ChangeSetRecord } from '../graph/history.js';
import { SUPPORT_KINDS, type SourceRowRecord, type SourceStatementRecord, type SupportKind } from '../graph/source-supports.js';
import { importsOf, rowsOf, statementsOf, summaryOf } from '../read/source-loader.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { ChangeSetRef } from './changes.js';
import { EntityRef, SourceRef } from './entity.js';
import { FinancialFactRef } from './financial.js';
import { type ConnectionArgs, connectionComplexity, type Edge, pageArgs, toConnection } from './pagination.js';
import { addProvenanceFields, linkSupport } from './provenance.js';
import { foundOr } from './unknown-input.js';

const SupportKindEnum = builder.enumType('SupportKind', {
  description: 'What a statement of a source is about.',
  values: {
    LINK: { description: 'A relationship between two entities (BUYS, TARGETS...), with its values.' },
    FIGURE: { description: 'A figure (FinancialFact): a value with its unit and period.' },
    QUOTE: { description: 'A quote: who said what, when.' },
    ENTITY: {
      description: 'An entity the source defines, or properties it states of an entity defined elsewhere (a dataset adding specs or identifiers).',
    },
  } as const,
});

const SupportCountRef = builder.objectRef<{ kind: SupportKind; count: number }>('SupportCount').implement({
  description: 'How many statements of one kind a source makes.',
  fields: (t) => ({
    kind: t.field({ type: SupportKindEnum, description: 'The kind of statement counted.', resolve: (c) => c.kind }),
    count: t.exposeInt('count', { description: 'Statements of this kind, retracted ones left out.' }),
  }),
});

const SourceStatementRef = builder.objectRef<SourceStatementRecord>('SourceStatement');
SourceStatementRef.implement({
  description:
    "One statement a source makes: a link, a figure, a quote or an entity's properties, with the row of the file it comes from (locator), its evidence and the values it gives. Where other sources speak to the same thing, `support` lists them all.",
  fields: (t) => ({
    kind: t.field({ type: SupportKindEnum, description: 'What kind of statement it is (a link, a figure, a quote or an entity).', resolve: (s) => s.kind }),
    key: t.exposeString('key', { description: "The claim's or the figure's key: stable while the source states the same thing." }),
    about: t.exposeString('about', {
      description: 'The relationship type (LINK), the metric (FIGURE), or the label of the entity (ENTITY, QUOTE: Quote).',
    }),
    subject: t.field({
      type: EntityRef,
      nullable: true,
      description: "The link's start, the figure's subject, the quote, or the entity described; null if it no longer exists.",
      resolve: (s, _a, ctx, info) => ctx.graph.entity(s.kind === 'LINK' ? s.from! : s.target, undefined, entityNeed(info)),
    }),
    object: t.field({
      type: EntityRef,
      nullable: true,
      description: "The link's other end; null for figures, quotes and entities.",
      resolve: (s, _a, ctx, info) => (s.to ? ctx.graph.entity(s.to, undefined, entityNeed(info)) : null),
    }),
    period: t.string({
      nullable: true,
      description: "The link's or the figure's period as the source gives it; null when it gives none.",
      resolve: (s) => {
        const period = s.fact ? s.fact.period : propertiesOf(s).period;
        return typeof period === 'string' ? period : null;
      },
    }),
    properties: t.field({
      type: 'JSON',
      description: "The values this source gives: a link's (units, period...), an entity's properties, or a figure's value, unit and qualifier.",
      resolve: (s) => propertiesOf(s),
    }),
    figure: t.field({
      type: FinancialFactRef,
      nullable: true,
      description: 'The figure itself, for a FIGURE statement; null for the other kinds.',
      resolve: (s) => s.fact,
    }),
    recordedIn: t.id({ nullable: true, description: 'The change set that first recorded it.', resolve: (s) => s.recordedIn ?? null }),
  }),
});
addProvenanceFields(
  SourceStatementRef,
  (s) => ({ ...s, basis: s.curator ? 'CURATOR' : s.derived ? 'DERIVED' : 'STATED' }),
  // A link's support is every claim of it; a figure, quote or entity statement stands for itself.
  (s, ctx) => linkSupport(s.kind === 'LINK' ? { key: s.target } : { ...s, key: undefined }, ctx),
);

const FIGURE_VALUES = ['value', 'valueMax', 'valueLow', 'valueHigh', 'unit', 'qualifier', 'period', 'date', 'market', 'item', 'estimate'] as const;

function propertiesOf(s: SourceStatementRecord): Record<string, unknown> {
  if (s.fact) {
    const fact = s.fact as unknown as Record<string, unknown>;
    return Object.fromEntries(FIGURE_VALUES.filter((name) => fact[name] !== undefined && fact[name] !== null).map((name) => [name, fact[name]]));
  }
  return s.values ? (JSON.parse(s.values) as Record<string, unknown>) : {};
}

const SourceRowRef = builder.objectRef<SourceRowRecord>('SourceRow');
SourceRowRef.implement({
  description: "One row of a dataset's file and every statement the import made of it.",
  fields: (t) => ({
    row: t.exposeString('row', { description: 'The row as locators name it: `line 412`.' }),
    line: t.int({ nullable: true, description: 'The line of the file where the record starts; null for a locator without one.', resolve: (r) => r.line }),
    locators: t.stringList({
      description: 'The distinct locators of its statements (`line 412: xAI Colossus Memphis Phase 1`): a row may name several things.',
      resolve: (r) => [...new Set(r.statements.map((s) => s.locator).filter((l): l is string => typeof l === 'string'))],
    }),
    statements: t.field({
      type: [SourceStatementRef],
      description: 'What the row states, links first, then figures, quotes and entities.',
      resolve: (r) => r.statements,
    }),
  }),
});

type Counted<T> = { edges: Edge<T>[]; pageInfo: ReturnType<typeof toConnection>['pageInfo']; totalCount: () => Promise<number> };

const SourceStatementEdgeRef = builder.objectRef<Edge<SourceStatementRecord>>('SourceStatementEdge').implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: SourceStatementRef, description: 'The item itself.', resolve: (e) => e.node }),
  }),
});
const SourceStatementConnectionRef = builder.objectRef<Counted<SourceStatementRecord>>('SourceStatementConnection').implement({
  description: "A page of a source's statements.",
  fields: (t) => ({
    edges: t.field({ type: [SourceStatementEdgeRef], description: 'The items of this page, in order, each with its cursor.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
    totalCount: t.int({ description: 'How many statements (of the kind asked for) the source makes, across all pages.', resolve: (c) => c.totalCount() }),
  }),
});
const SourceRowEdgeRef = builder.objectRef<Edge<SourceRowRecord>>('SourceRowEdge').implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: SourceRowRef, description: 'The item itself.', resolve: (e) => e.node }),
  }),
});
const SourceRowConnectionRef = builder.objectRef<Counted<SourceRowRecord>>('SourceRowConnection').implement({
  description: "A page of the rows of a dataset's file that produced statements, in file order.",
  fields: (t) => ({
    edges: t.field({ type: [SourceRowEdgeRef], description: 'The items of this page, in order, each with its cursor.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
    totalCount: t.int({ description: 'How many rows produced statements (rowCount is the rows of the whole file).', resolve: (c) => c.totalCount() }),
  }),
});
const SourceImportEdgeRef = builder.objectRef<Edge<ChangeSetRecord>>('SourceImportEdge').implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: ChangeSetRef, description: 'The item itself.', resolve: (e) => e.node }),
  }),
});
const SourceImportConnectionRef = builder.objectRef<Omit<Counted<ChangeSetRecord>, 'totalCount'>>('SourceImportConnection').implement({
  description: 'A page of the writes that recorded a source, newest first.',
  fields: (t) => ({
    edges: t.field({ type: [SourceImportEdgeRef], description: 'The items of this page, in order, each with its cursor.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
  }),
});

const FIRST_DESCRIPTION = 'How many items to return (0 to MAX_PAGE_SIZE, default 20).';
const AFTER_DESCRIPTION = 'The endCursor of the previous page of this same field and arguments.';

builder.objectFields(SourceRef, (t) => ({
  supportCounts: t.field({
    type: [SupportCountRef],
    description: 'How many statements of each kind the source makes (every kind listed, zero included), retracted ones left out.',
    resolve: async (s, _a, ctx) => {
      const { counts } = await summaryOf(ctx.db, s.key);
      return SUPPORT_KINDS.map((kind) => ({ kind, count: counts.find((c) => c.kind === kind)?.count ?? 0 }));
    },
  }),
  supports: t.field({
    type: SourceStatementConnectionRef,
    description:
      'Everything the source states (the reverse of `sources` and `support`): links, figures, quotes and entities, each with its row (locator) and evidence, ordered by kind, then row, then key. Retracted statements are left out.',
    args: {
      kind: t.arg({ type: SupportKindEnum, description: 'Only statements of this kind; all kinds when omitted.' }),
      first: t.arg.int({ description: FIRST_DESCRIPTION }),
      after: t.arg.string({ description: AFTER_DESCRIPTION }),
    },
    complexity: connectionComplexity,
    resolve: async (s, args, ctx) => {
      const kind = (args.kind ?? null) as SupportKind | null;
      const page = pageArgs(args as ConnectionArgs, ctx, `supports:${s.key}:${kind ?? ''}`);
      const rows = await statementsOf(ctx.db, {
        source: s.key,
        kind,
        limit: page.first + 1,
        afterValue: page.after?.value ?? null,
        afterKey: page.after?.key ?? null,
      });
      return {
        ...toConnection(rows.slice(0, page.first), rows.length > page.first, page, (row) => ({ value: row.sortValue, key: row.key })),
        totalCount: async () => {
          const { counts } = await summaryOf(ctx.db, s.key);
          return counts.filter((c) => kind === null || c.kind === kind).reduce((sum, c) => sum + c.count, 0);
        },
      };
    },
  }),
  rows: t.field({
    type: SourceRowConnectionRef,
    description:
      'For a dataset: the rows of its file that produced statements, in file order, each with the statements made of it. Empty for a source cited by sentence (no locators).',
    args: { first: t.arg.int({ description: FIRST_DESCRIPTION }), after: t.arg.string({ description: AFTER_DESCRIPTION }) },
    complexity: connectionComplexity,
    resolve: async (s, args, ctx) => {
      const page = pageArgs(args as ConnectionArgs, ctx, `rows:${s.key}`);
      const rows = await rowsOf(ctx.db, { source: s.key, limit: page.first + 1, afterValue: page.after?.value ?? null, afterKey: null });
      return {
        ...toConnection(rows.slice(0, page.first), rows.length > page.first, page, (row) => ({ value: row.sortValue, key: row.row })),
        totalCount: async () => (await summaryOf(ctx.db, s.key)).rows,
      };
    },
  }),
  imports: t.field({
    type: SourceImportConnectionRef,
    description:
      "The writes (change sets) that recorded this source's statements, newest first: when, by whom (seed, dataset:<id>, an API key) and how many statements each added, changed (a changed row's old statement kept as replaced) or retracted. The counts are the whole write's: the seed writes all of its sources at once.",
    args: { first: t.arg.int({ description: FIRST_DESCRIPTION }), after: t.arg.string({ description: AFTER_DESCRIPTION }) },
    complexity: connectionComplexity,
    resolve: async (s, args, ctx) => {
      const page = pageArgs(args as ConnectionArgs, ctx, `imports:${s.key}`);
      const changes = await importsOf(ctx.db, { source: s.key, limit: page.first + 1, beforeSeq: page.after ? Number(page.after.value) : null });
      return toConnection(changes.slice(0, page.first), changes.length > page.first, page, (c) => ({ value: String(c.seq), key: c.id }));
    },
  }),
}));

builder.queryFields((t) => ({
  source: t.field({
    type: SourceRef,
    nullable: true,
    description: 'A source by its key; null, with a NOT_FOUND error listing the closest source keys, when no source has it.',
    args: { key: t.arg.string({ required: true, description: 'The source key (caijing-2025-us-cn-ai-compute-capex, epoch-gpu-clusters).' }) },
    resolve: async (_root, args, ctx, info) => foundOr(ctx, await ctx.graph.entity(args.key, 'Source', entityNeed(info)), args.key, 'source', ['Source']),
  }),
}));
