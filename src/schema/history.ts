import { PREFERENCE_RULE } from '../graph/claims.js';
import { findConflicts, type ConflictingValue, type ConflictRecord } from '../graph/conflicts.js';
import { changeSetSeq, changesAfter, graphVersion, type ChangeSetRecord } from '../graph/history.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityRef, SourceRef } from './entity.js';
import { badInput } from '../core/errors.js';
import { encodeCursor, pageArgs, type ConnectionArgs } from './pagination.js';
import { SupportRef } from './provenance.js';

// --- conflicts -------------------------------------------------------------------------------

const ConflictKindEnum = builder.enumType('ConflictKind', {
  description:
    'LINK: sources give a link different values (units...); FIGURE: different figures for one subject, metric and period; ENTITY: different values of one property.',
  values: ['LINK', 'FIGURE', 'ENTITY'] as const,
});

const ConflictingValueRef = builder.objectRef<ConflictingValue>('ConflictingValue');
ConflictingValueRef.implement({
  description: 'One of the values sources disagree on, with every source that gives it.',
  fields: (t) => ({
    value: t.field({
      type: 'JSON',
      description: "The value (a link's properties, a figure's value and unit, or a property's value).",
      resolve: (v) => v.value,
    }),
    preferred: t.boolean({ description: `True for the value the other fields of the API show. ${PREFERENCE_RULE}`, resolve: (v) => v.preferred }),
    support: t.field({
      type: [SupportRef],
      resolve: (v) => v.support.map((claim, index) => ({ ...claim, preferred: v.preferred && index === 0 })),
    }),
  }),
});

const ConflictRef = builder.objectRef<ConflictRecord>('Conflict');
ConflictRef.implement({
  description: 'A place where sources disagree: every value side by side, each with its sources and the sentence each wrote. Nothing is resolved silently.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ConflictKindEnum, resolve: (c) => c.kind }),
    subject: t.field({ type: EntityRef, nullable: true, resolve: (c, _a, ctx, info) => ctx.graph.entity(c.subject, undefined, entityNeed(info)) }),
    object: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The other end of a link, or the market of a figure.',
      resolve: (c, _a, ctx, info) => (c.object ? ctx.graph.entity(c.object, undefined, entityNeed(info)) : null),
    }),
    about: t.exposeString('about', { description: 'The relationship type, the metric, or the property the sources disagree on.' }),
    period: t.string({ nullable: true, resolve: (c) => c.period }),
    values: t.field({ type: [ConflictingValueRef], description: 'The preferred value first.', resolve: (c) => c.values }),
    rule: t.string({ description: 'How the preferred value is chosen.', resolve: () => PREFERENCE_RULE }),
  }),
});

interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

function page<T>(items: T[], hasNextPage: boolean, hadCursor: boolean, cursorOf: (item: T) => string, totalCount: number): Page<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage: hadCursor, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

const ConflictEdgeRef = builder.objectRef<Page<ConflictRecord>['edges'][number]>('ConflictEdge');
ConflictEdgeRef.implement({ fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: ConflictRef, resolve: (e) => e.node }) }) });
const ConflictConnectionRef = builder.objectRef<Page<ConflictRecord>>('ConflictConnection');
ConflictConnectionRef.implement({
  fields: (t) => ({
    edges: t.field({ type: [ConflictEdgeRef], resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (c) => c.pageInfo }),
    totalCount: t.exposeInt('totalCount'),
  }),
});

// --- history ---------------------------------------------------------------------------------

const ChangeSetRef = builder.objectRef<ChangeSetRecord>('ChangeSet');
ChangeSetRef.implement({
  description: 'One write (seed, import or mutation), as the graph recorded it: who, when, which sources, and how many claims it added, changed or retracted.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The graph version this write produced (cs-<n>, in commit order).' }),
    at: t.exposeString('at', { description: 'ISO date-time of the write.' }),
    principal: t.exposeString('principal', { description: 'The API key name, or import, or seed.' }),
    sources: t.field({
      type: [SourceRef],
      description: 'The sources the write touched.',
      resolve: (c, _a, ctx, info) => ctx.graph.existing(c.sources, 'Source', entityNeed(info)),
    }),
    added: t.exposeInt('added'),
    changed: t.exposeInt('changed'),
    retracted: t.exposeInt('retracted'),
  }),
});

const ChangeSetEdgeRef = builder.objectRef<Page<ChangeSetRecord>['edges'][number]>('ChangeSetEdge');
ChangeSetEdgeRef.implement({ fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: ChangeSetRef, resolve: (e) => e.node }) }) });
const ChangeSetConnectionRef = builder.objectRef<Omit<Page<ChangeSetRecord>, 'totalCount'>>('ChangeSetConnection');
ChangeSetConnectionRef.implement({
  fields: (t) => ({
    edges: t.field({ type: [ChangeSetEdgeRef], resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (c) => c.pageInfo }),
  }),
});

const CONFLICTS_COST = 500;

builder.queryFields((t) => ({
  graphVersion: t.id({
    nullable: true,
    description: 'The latest change set: every write that changes anything moves it, so equal versions mean equal graphs. Null before the first write.',
    resolve: (_root, _args, ctx) => graphVersion(ctx.db),
  }),
  changes: t.field({
    type: ChangeSetConnectionRef,
    description: 'The writes after a graph version (all of them without since), oldest first.',
    args: { since: t.arg.id({ description: 'A graph version (cs-<n>): list what came after it.' }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const since = args.since ? changeSetSeq(String(args.since)) : 0;
      if (since === null) throw badInput('since', `must be a graph version like cs-12 (got ${JSON.stringify(String(args.since).slice(0, 40))}).`);
      const { first, after } = pageArgs(args as ConnectionArgs, ctx, 'changes');
      const from = Math.max(since, after ? Number(after.value) : 0);
      const { changes, hasNextPage } = await changesAfter(ctx.db, from, first);
      const { totalCount: _count, ...rest } = page(
        changes,
        hasNextPage,
        after !== null,
        (c) => encodeCursor('changes', { value: String(c.seq), key: c.id }),
        0,
      );
      return rest;
    },
  }),
  conflicts: t.field({
    type: ConflictConnectionRef,
    description: 'Every place where sources disagree (optionally about one entity, by key), each value with its sources and evidence.',
    args: { subject: t.arg.string({ description: 'Only conflicts about this entity (key).' }), first: t.arg.int(), after: t.arg.string() },
    // One pass over the claims whatever the page; what each conflict holds is paid per ten of them.
    complexity: (args) => ({ field: CONFLICTS_COST, multiplier: Math.max(1, Math.ceil(Math.min(args.first ?? 20, 1000) / 10)) }),
    resolve: async (_root, args, ctx) => {
      const sort = `conflicts:${args.subject ?? ''}`;
      const { first, after } = pageArgs(args as ConnectionArgs, ctx, sort);
      const all = await findConflicts(ctx.db, args.subject ?? null);
      const rest = after ? all.filter((c) => c.id > after.value) : all;
      return page(rest.slice(0, first), rest.length > first, after !== null, (c) => encodeCursor(sort, { value: c.id, key: c.id }), all.length);
    },
  }),
}));
