import { PREFERENCE_RULE } from '../graph/claims.js';
import { findConflicts, type ConflictingValue, type ConflictRecord } from '../graph/conflicts.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { CONFLICTS_COST, CONFLICTS_PER_PRICE_STEP, DEFAULT_PAGE_SIZE, PRICED_PAGE_SIZE_CAP } from './costs.js';
import { EntityRef } from './entity.js';
import { checkedWhenEmpty, type ConnectionArgs, type CountedConnection, type Edge, pageArgs, toConnection } from './pagination.js';
import { SupportRef } from './provenance.js';

const ConflictKindEnum = builder.enumType('ConflictKind', {
  description:
    'LINK: sources give a link different values (units...); FIGURE: different figures for one subject, metric and period; ENTITY: different values of one property.',
  values: {
    LINK: { description: 'Sources give one link different values (units, period...).' },
    FIGURE: { description: 'Sources give different figures for one subject, metric and period.' },
    ENTITY: { description: 'Sources give different values of one property of an entity.' },
  } as const,
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
      description: 'Every statement that gives this value, each with its source and evidence.',
      // Of the preferred value, only its first claim is the one the API shows.
      resolve: (v) => v.support.map((claim, index) => ({ ...claim, preferred: v.preferred && index === 0 })),
    }),
  }),
});

const ConflictRef = builder.objectRef<ConflictRecord>('Conflict');
ConflictRef.implement({
  description: 'A place where sources disagree: every value side by side, each with its sources and the sentence each wrote. Nothing is resolved silently.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the disagreement (what `conflicts` pages by).' }),
    kind: t.field({ type: ConflictKindEnum, description: 'What the sources disagree about: a link, a figure or an entity property.', resolve: (c) => c.kind }),
    subject: t.field({
      type: EntityRef,
      nullable: true,
      description: "The entity the disagreement is about (the link's start, the figure's subject); null if it is gone.",
      resolve: (c, _a, ctx, info) => ctx.graph.entity(c.subject, undefined, entityNeed(info)),
    }),
    object: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The other end of a link, or the market of a figure.',
      resolve: (c, _a, ctx, info) => (c.object ? ctx.graph.entity(c.object, undefined, entityNeed(info)) : null),
    }),
    about: t.exposeString('about', { description: 'The relationship type, the metric, or the property the sources disagree on.' }),
    period: t.string({ nullable: true, description: 'The period of the disputed link or figure; null when it has none.', resolve: (c) => c.period }),
    values: t.field({ type: [ConflictingValueRef], description: 'The preferred value first.', resolve: (c) => c.values }),
    rule: t.string({ description: 'How the preferred value is chosen.', resolve: () => PREFERENCE_RULE }),
  }),
});

const ConflictEdgeRef = builder.objectRef<Edge<ConflictRecord>>('ConflictEdge');
ConflictEdgeRef.implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: ConflictRef, description: 'The item itself.', resolve: (e) => e.node }),
  }),
});
const ConflictConnectionRef = builder.objectRef<CountedConnection<ConflictRecord>>('ConflictConnection');
ConflictConnectionRef.implement({
  description: 'A page of disagreements between sources.',
  fields: (t) => ({
    edges: t.field({ type: [ConflictEdgeRef], description: 'The items of this page, in order, each with its cursor.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
    totalCount: t.int({ description: 'How many items match, across all pages.', resolve: (c) => c.totalCount() }),
  }),
});

builder.queryFields((t) => ({
  conflicts: t.field({
    type: ConflictConnectionRef,
    description: 'Every place where sources disagree (optionally about one entity, by key), each value with its sources and evidence.',
    args: {
      subject: t.arg.string({ description: 'Only conflicts about this entity (key).' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: (args) => {
      const pageSize = Math.min(args.first ?? DEFAULT_PAGE_SIZE, PRICED_PAGE_SIZE_CAP);
      return { field: CONFLICTS_COST, multiplier: Math.max(1, Math.ceil(pageSize / CONFLICTS_PER_PRICE_STEP)) };
    },
    resolve: async (_root, args, ctx) => {
      const page = pageArgs(args as ConnectionArgs, ctx, `conflicts:${args.subject ?? ''}`);
      // Conflicts are found whole (one pass over the claims), then paged by id.
      const all = await checkedWhenEmpty(ctx, findConflicts(ctx.db, args.subject ?? null), (found) => found.length === 0, { subject: args.subject });
      const after = page.after;
      const rest = after ? all.filter((c) => c.id > after.value) : all;
      return {
        ...toConnection(rest.slice(0, page.first), rest.length > page.first, page, (c) => ({ value: c.id, key: c.id })),
        totalCount: async () => all.length,
      };
    },
  }),
}));
