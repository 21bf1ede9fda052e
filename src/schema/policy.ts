import { policyFilter } from '../graph/filters.js';
import type { LinkRecord } from '../graph/records.js';
import { followLinks, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { otherProperties } from './company.js';
import { EntityRef, entityType, prop } from './entity.js';
import { PolicyKindEnum, PolicyStatusEnum } from './enums.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';
import { addProvenanceFields } from './provenance.js';

export const PolicyRef = entityType(
  'Policy',
  'A policy, programme or event that shapes the compute supply: export controls, tariffs and exemptions, investment programmes.',
);

export const PolicyEffectRef = builder.objectRef<LinkRecord>('PolicyEffect');
PolicyEffectRef.implement({
  description: 'A link from a policy to what it restricts, threatens, targets, exempts, amends or influences, or to who issued it.',
  fields: (t) => ({
    relation: t.string({ resolve: (l) => l.type }),
    target: t.field({ type: EntityRef, resolve: (l) => l.node }),
    properties: t.field({ type: 'JSON', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(PolicyEffectRef, (l) => l.properties);

builder.objectFields(PolicyRef, (t) => ({
  kind: t.field({ type: PolicyKindEnum, resolve: (e) => e.kind as (typeof PolicyKindEnum)['$inferType'] }),
  status: t.field({ type: PolicyStatusEnum, resolve: (e) => e.status as (typeof PolicyStatusEnum)['$inferType'] }),
  announcedOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-04).', resolve: (e) => prop(e, 'announcedOn') }),
  effectiveOn: t.string({ nullable: true, resolve: (e) => prop(e, 'effectiveOn') }),
  effects: t.field({
    type: [PolicyEffectRef],
    description: 'What the policy restricts, threatens, targets, exempts, amends or influences, and who issued it.',
    resolve: followLinks(LINK_FIELDS.Policy.effects),
  }),
  participants: t.field({
    type: [PolicyEffectRef],
    description: 'Companies and people that take part in the policy or programme, with their role and commitment.',
    resolve: followLinks(LINK_FIELDS.Policy.participants),
  }),
}));

const PolicyConnection = entityConnection(PolicyRef, 'Policy');

builder.queryFields((t) => ({
  policies: t.field({
    type: PolicyConnection,
    description: 'Policies, optionally of one kind, ordered by key.',
    args: { kind: t.arg({ type: PolicyKindEnum }), first: t.arg.int(), after: t.arg.string() },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) => entityConnectionPage(ctx, info, args, { label: 'Policy', ...policyFilter(args.kind) }, 'key', 'ASC', 'policy:key'),
  }),
}));
