import { policyFilter } from '../graph/filters.js';
import { builder } from './builder.js';
import { stringProperty } from './entity.js';
import { PolicyKindEnum, PolicyStatusEnum } from './enums.js';
import { linkField } from './link-field.js';
import { PolicyEffectRef, PolicyTargetRef } from './link-types.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';
import { PolicyRef } from './refs.js';

builder.objectFields(PolicyRef, (t) => ({
  kind: t.field({ type: PolicyKindEnum, description: 'What kind of measure the policy is.', resolve: (e) => e.kind as (typeof PolicyKindEnum)['$inferType'] }),
  status: t.field({
    type: PolicyStatusEnum,
    description: 'Where the policy stands, as of the date of the source that reports it (SHELVED: proposed, then set aside).',
    resolve: (e) => e.status as (typeof PolicyStatusEnum)['$inferType'],
  }),
  announcedOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-04).', resolve: (e) => stringProperty(e, 'announcedOn') }),
  effectiveOn: t.string({
    nullable: true,
    description: 'When it takes or took effect, ISO date possibly partial; null when not in force or unknown.',
    resolve: (e) => stringProperty(e, 'effectiveOn'),
  }),
  effects: linkField(t, {
    type: [PolicyEffectRef],
    description: 'What the policy restricts, threatens, targets, exempts, amends or influences, and who issued it.',
    follow: { types: ['RESTRICTS', 'THREATENS', 'TARGETS', 'EXEMPTS', 'AMENDS', 'INFLUENCES', 'ISSUED_BY'], direction: 'OUT' },
    nodeFields: ['target'],
  }),
  targets: linkField(t, {
    type: [PolicyTargetRef],
    description:
      'What the policy TARGETS: for a designation list (kind DESIGNATION_LIST), the companies it names, since and until when, ended ones included (`current` says which hold today).',
    follow: { types: ['TARGETS'], direction: 'OUT' },
    nodeFields: ['target'],
  }),
  participants: linkField(t, {
    type: [PolicyEffectRef],
    description: 'Companies and people that take part in the policy or programme, with their role and commitment.',
    follow: { types: ['PARTICIPATES_IN'], direction: 'IN' },
    nodeFields: ['target'],
  }),
}));

const PolicyConnection = entityConnection(PolicyRef, 'Policy');

builder.queryFields((t) => ({
  policies: t.field({
    type: PolicyConnection,
    description: 'Policies, optionally of one kind, ordered by key.',
    args: {
      kind: t.arg({ type: PolicyKindEnum, description: 'Only policies of this kind; every kind when omitted.' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) => entityConnectionPage(ctx, info, args, { label: 'Policy', ...policyFilter(args.kind) }, 'key', 'ASC', 'policy:key'),
  }),
}));
