import { companyFilter } from '../graph/filters.js';
import type { LinkRecord } from '../graph/records.js';
import { entityNeed } from '../read/selection.js';
import { followLinks, followNode, followNodes, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { ChipFamilyRef, ChipRef } from './chip.js';
import { DataCenterRef } from './data-center.js';
import { entityType } from './entity.js';
import { CompanyKindEnum, OrderDirectionEnum, WorkloadEnum } from './enums.js';
import { CompanyGroupRef } from './organization.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';
import { CountryRef } from './place.js';
import { PolicyRef } from './policy.js';
import { addProvenanceFields } from './provenance.js';
import { QuoteRef } from './quote.js';

export const CompanyRef = entityType('Company', 'A company: hyperscaler, platform, telecom operator, chip designer, AI lab, investor or research firm.');

const num = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'number' ? (link.properties[name] as number) : null);
const str = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'string' ? (link.properties[name] as string) : null);

export const ChipUseRef = builder.objectRef<LinkRecord>('ChipUse');
ChipUseRef.implement({
  description: 'One BUYS or DEPENDS_ON link from a company to a chip or a chip family, with its figures and evidence.',
  fields: (t) => ({
    relation: t.string({ description: 'BUYS or DEPENDS_ON.', resolve: (l) => l.type }),
    chip: t.field({ type: ChipRef, nullable: true, resolve: (l) => (l.node.label === 'Chip' ? l.node : null) }),
    family: t.field({ type: ChipFamilyRef, nullable: true, resolve: (l) => (l.node.label === 'ChipFamily' ? l.node : null) }),
    units: t.float({ nullable: true, description: 'Chips bought in the period.', resolve: (l) => num(l, 'units') }),
    stated: t.string({ nullable: true, description: 'The unit count as the source writes it (48.5萬枚).', resolve: (l) => str(l, 'stated') }),
    period: t.string({ nullable: true, resolve: (l) => str(l, 'period') }),
    estimate: t.boolean({ resolve: (l) => l.properties.estimate === true }),
    uses: t.field({ type: [WorkloadEnum], resolve: (l) => (l.properties.uses ?? []) as (typeof WorkloadEnum)['$inferType'][] }),
    strength: t.string({ nullable: true, description: 'How strong a dependency is: LOW, MEDIUM or HIGH.', resolve: (l) => str(l, 'strength') }),
  }),
});
addProvenanceFields(ChipUseRef, (l) => l.properties);

export const PolicyLinkRef = builder.objectRef<LinkRecord>('PolicyLink');
PolicyLinkRef.implement({
  description: 'How a policy touches an entity: restricts, threatens, targets, exempts or influences it, or the entity issued or joined it.',
  fields: (t) => ({
    relation: t.string({ description: 'The relationship type (RESTRICTS, THREATENS, TARGETS, PARTICIPATES_IN...).', resolve: (l) => l.type }),
    fromPolicy: t.boolean({ description: 'True when the link points from the policy to the entity.', resolve: (l) => !l.outgoing }),
    policy: t.field({ type: PolicyRef, resolve: (l) => l.node }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link (role, commitment, status).', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(PolicyLinkRef, (l) => l.properties);

// What the graph keeps about a link's claims is shown through support, not as its properties.
const PROVENANCE_KEYS = new Set(['key', 'evidence', 'sources', 'derived', 'basis', 'note', 'supportCount', 'conflict']);
export function otherProperties(link: Pick<LinkRecord, 'properties'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(link.properties).filter(([name]) => !PROVENANCE_KEYS.has(name)));
}

builder.objectFields(CompanyRef, (t) => ({
  kind: t.field({ type: CompanyKindEnum, resolve: (e) => e.kind as (typeof CompanyKindEnum)['$inferType'] }),
  country: t.field({
    type: CountryRef,
    nullable: true,
    description: 'Where the company is headquartered.',
    resolve: followNode(LINK_FIELDS.Company.country),
  }),
  chips: t.field({
    type: [ChipUseRef],
    description: 'Chips and chip families the company buys or depends on.',
    resolve: followLinks(LINK_FIELDS.Company.chips),
  }),
  dataCenters: t.field({
    type: [DataCenterRef],
    resolve: followNodes(LINK_FIELDS.Company.dataCenters),
  }),
  policies: t.field({
    type: [PolicyLinkRef],
    description: 'Policies that restrict, threaten, target, influence or include the company.',
    resolve: followLinks(LINK_FIELDS.Company.policies),
  }),
  quotes: t.field({
    type: [QuoteRef],
    description: 'Statements about the company.',
    resolve: followNodes(LINK_FIELDS.Company.quotes),
  }),
  groups: t.field({
    type: [CompanyGroupRef],
    description: 'Groups a source reports this company in.',
    resolve: followNodes(LINK_FIELDS.Company.groups),
  }),
}));

const CompanyFilterInput = builder.inputType('CompanyFilter', {
  fields: (t) => ({
    country: t.string({ description: 'Key of the headquarters country (`us`, `cn`).' }),
    kind: t.field({ type: CompanyKindEnum }),
    nameContains: t.string({ description: 'Case-insensitive match on the name, the Chinese name or any alias.' }),
  }),
});

const CompanyOrderField = builder.enumType('CompanyOrderField', { values: ['NAME', 'KEY'] as const });
const CompanyOrderInput = builder.inputType('CompanyOrder', {
  fields: (t) => ({
    field: t.field({ type: CompanyOrderField, defaultValue: 'NAME' }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC' }),
  }),
});

const CompanyConnection = entityConnection(CompanyRef, 'Company');

builder.queryFields((t) => ({
  company: t.field({
    type: CompanyRef,
    nullable: true,
    args: { key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx, info) => ctx.graph.entity(args.key, 'Company', entityNeed(info)),
  }),
  companies: t.field({
    type: CompanyConnection,
    description: 'Companies, filtered and ordered, one keyset page at a time.',
    args: {
      filter: t.arg({ type: CompanyFilterInput }),
      orderBy: t.arg({ type: CompanyOrderInput }),
      first: t.arg.int({ description: 'Page size, 0 to MAX_PAGE_SIZE (default 20).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx, info) => {
      const sort = args.orderBy?.field === 'KEY' ? 'key' : 'name';
      const direction = args.orderBy?.direction ?? 'ASC';
      return entityConnectionPage(ctx, info, args, { label: 'Company', ...companyFilter(args.filter ?? {}) }, sort, direction, `company:${sort}:${direction}`);
    },
  }),
}));
