import { badInput } from '../core/errors.js';
import type { EntityLabel } from '../core/model.js';
import { companyFilter } from '../graph/filters.js';
import { graphOverview, type GraphOverview } from '../graph/overview.js';
import type { EntityRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { EntityLabelEnum, SourceKindEnum } from './enums.js';
import { type CountedConnection, connectionComplexity, entityConnectionPage } from './pagination.js';

// Browsing without a search word: what the graph holds, and every label as a list ordered by name.

const LabelCountRef = builder.objectRef<GraphOverview['labels'][number]>('LabelCount').implement({
  description: 'How many entities carry one label.',
  fields: (t) => ({
    label: t.field({ type: EntityLabelEnum, description: 'The label counted.', resolve: (c) => c.label }),
    count: t.exposeInt('count', { description: 'How many entities have it.' }),
  }),
});

const SourceKindCountRef = builder.objectRef<GraphOverview['sourceKinds'][number]>('SourceKindCount').implement({
  description: 'How many sources are of one kind.',
  fields: (t) => ({
    kind: t.field({ type: SourceKindEnum, description: 'The kind of source counted.', resolve: (c) => c.kind as (typeof SourceKindEnum)['$inferType'] }),
    count: t.exposeInt('count', { description: 'How many sources are of it.' }),
  }),
});

const OverviewRef = builder.objectRef<GraphOverview>('Overview').implement({
  description: 'What the graph holds at one graph version, read in one statement from the counts Neo4j keeps.',
  fields: (t) => ({
    entities: t.field({
      type: [LabelCountRef],
      description: 'Entities per label, every label of EntityLabel in its order, zero counts included.',
      resolve: (o) => o.labels,
    }),
    sources: t.field({ type: [SourceKindCountRef], description: 'Sources per kind, the kinds that have any.', resolve: (o) => o.sourceKinds }),
    relationships: t.int({
      description: 'Relationships that end at an entity: links between entities, quotes and the figures sources report.',
      resolve: (o) => o.relationships,
    }),
    graphVersion: t.id({
      nullable: true,
      description: 'The graph version counted (as Query.graphVersion); null before the first write.',
      resolve: (o) => o.graphVersion,
    }),
    updatedAt: t.string({ nullable: true, description: 'ISO date-time of the write that made this version.', resolve: (o) => o.updatedAt }),
  }),
});

const EntityConnection = builder.connectionObject(
  {
    type: EntityRef,
    name: 'EntityConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many entities match, across all pages.',
        // The relay plugin types the parent as a plain connection; entityConnectionPage built a counted one.
        resolve: (connection) => (connection as unknown as CountedConnection<EntityRecord>).totalCount(),
      }),
    }),
  },
  { name: 'EntityEdge' },
);

/** Longer than any name or alias in the graph: a longer text is a mistake, not a filter. */
const NAME_CONTAINS_LIMIT = 100;

builder.queryFields((t) => ({
  overview: t.field({
    type: OverviewRef,
    description: 'Counts of what the graph holds (entities per label, sources per kind, relationships) and the graph version they were counted at.',
    resolve: (_root, _args, ctx) => graphOverview(ctx.db),
  }),
  entities: t.field({
    type: EntityConnection,
    description:
      'Every entity of one label, ordered by name then key, one keyset page at a time: browsing without a search word. The labelled roots (dataCenters, chips, policies, sources, companies) add their own filters.',
    args: {
      label: t.arg({ type: EntityLabelEnum, required: true, description: 'The label to list (DataCenter, Person...).' }),
      nameContains: t.arg.string({ description: 'Case-insensitive match on the name, the Chinese name or any alias.' }),
      first: t.arg.int({ description: 'Page size, 0 to MAX_PAGE_SIZE (default 20).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) => {
      if (args.nameContains && args.nameContains.length > NAME_CONTAINS_LIMIT) {
        throw badInput('nameContains', `must be at most ${NAME_CONTAINS_LIMIT} characters (got ${args.nameContains.length}).`);
      }
      const label = args.label as EntityLabel;
      return entityConnectionPage(ctx, info, args, { label, ...companyFilter({ nameContains: args.nameContains }) }, 'name', 'ASC', `entities:${label}:name`);
    },
  }),
}));
