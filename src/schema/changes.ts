import { badInput } from '../core/errors.js';
import { changeSetSeq, changesAfter, graphVersion, type ChangeSetRecord } from '../graph/history.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { SourceRef } from './entity.js';
import { type Connection, type ConnectionArgs, type Edge, pageArgs, toConnection } from './pagination.js';

export const ChangeSetRef = builder.objectRef<ChangeSetRecord>('ChangeSet');
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
    added: t.exposeInt('added', { description: 'How many claims the write added.' }),
    changed: t.exposeInt('changed', { description: 'How many existing claims it changed.' }),
    retracted: t.exposeInt('retracted', { description: 'How many claims it retracted.' }),
  }),
});

const ChangeSetEdgeRef = builder.objectRef<Edge<ChangeSetRecord>>('ChangeSetEdge');
ChangeSetEdgeRef.implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: ChangeSetRef, description: 'The item itself.', resolve: (e) => e.node }),
  }),
});
const ChangeSetConnectionRef = builder.objectRef<Connection<ChangeSetRecord>>('ChangeSetConnection');
ChangeSetConnectionRef.implement({
  description: 'A page of writes, oldest first.',
  fields: (t) => ({
    edges: t.field({ type: [ChangeSetEdgeRef], description: 'The items of this page, in order, each with its cursor.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
  }),
});

builder.queryFields((t) => ({
  graphVersion: t.id({
    nullable: true,
    description: 'The latest change set: every write that changes anything moves it, so equal versions mean equal graphs. Null before the first write.',
    resolve: (_root, _args, ctx) => graphVersion(ctx.db),
  }),
  changes: t.field({
    type: ChangeSetConnectionRef,
    description: 'The writes after a graph version (all of them without since), oldest first.',
    args: {
      since: t.arg.id({ description: 'A graph version (cs-<n>): list what came after it.' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    resolve: async (_root, args, ctx) => {
      const since = args.since ? changeSetSeq(String(args.since)) : 0;
      if (since === null) throw badInput('since', `must be a graph version like cs-12 (got ${JSON.stringify(String(args.since).slice(0, 40))}).`);
      const page = pageArgs(args as ConnectionArgs, ctx, 'changes');
      const { changes, hasNextPage } = await changesAfter(ctx.db, Math.max(since, page.after ? Number(page.after.value) : 0), page.first);
      if (!changes.length && since > 0) {
        // Nothing after a version is an answer only for a version this graph has reached (checked on the empty path only).
        const latest = await graphVersion(ctx.db);
        if ((latest ? (changeSetSeq(latest) ?? 0) : 0) < since) {
          throw badInput(
            'since',
            `names a graph version this graph has not reached: ${JSON.stringify(String(args.since))}; the latest is ${latest ?? 'none (no write yet)'}.`,
          );
        }
      }
      return toConnection(changes, hasNextPage, page, (c) => ({ value: String(c.seq), key: c.id }));
    },
  }),
}));
