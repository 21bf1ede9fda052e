import type { LinkRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { EntityRef } from './entity.js';
import { WorkloadEnum } from './enums.js';
import { addProvenanceFields } from './provenance.js';
import { ChipFamilyRef, ChipRef, DataCenterRef, PolicyRef } from './refs.js';

// The object types of link fields that return the links themselves, with the values a link carries.

/** A property of a link that is a number, or null when it is absent or not a number. */
const linkNumber = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'number' ? (link.properties[name] as number) : null);
/** A property of a link that is a string, or null when it is absent or not a string. */
const linkString = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'string' ? (link.properties[name] as string) : null);

// What the graph keeps about a link's claims is shown through support, not as its properties.
const PROVENANCE_KEYS = new Set(['key', 'evidence', 'sources', 'derived', 'basis', 'note', 'supportCount', 'conflict', 'locator', 'confidence']);
export function otherProperties(link: Pick<LinkRecord, 'properties'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(link.properties).filter(([name]) => !PROVENANCE_KEYS.has(name)));
}

export const ChipUseRef = builder.objectRef<LinkRecord>('ChipUse');
ChipUseRef.implement({
  description: 'One link to a chip or a chip family: BUYS or DEPENDS_ON from a company, or HOSTS from a data center, with its figures and evidence.',
  fields: (t) => ({
    relation: t.string({ description: 'BUYS or DEPENDS_ON (from a company), HOSTS (from a data center).', resolve: (l) => l.type }),
    chip: t.field({ type: ChipRef, nullable: true, resolve: (l) => (l.node.label === 'Chip' ? l.node : null) }),
    family: t.field({ type: ChipFamilyRef, nullable: true, resolve: (l) => (l.node.label === 'ChipFamily' ? l.node : null) }),
    units: t.float({ nullable: true, description: 'How many chips: bought in the period, or hosted (HOSTS).', resolve: (l) => linkNumber(l, 'units') }),
    stated: t.string({ nullable: true, description: 'The unit count as the source writes it (48.5萬枚).', resolve: (l) => linkString(l, 'stated') }),
    period: t.string({ nullable: true, resolve: (l) => linkString(l, 'period') }),
    estimate: t.boolean({ resolve: (l) => l.properties.estimate === true }),
    uses: t.field({ type: [WorkloadEnum], resolve: (l) => (l.properties.uses ?? []) as (typeof WorkloadEnum)['$inferType'][] }),
    strength: t.string({ nullable: true, description: 'How strong a dependency is: LOW, MEDIUM or HIGH.', resolve: (l) => linkString(l, 'strength') }),
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

/** Today as an ISO date: what `current` compares a designation's dates with. */
const today = () => new Date().toISOString().slice(0, 10);

/** A dated link (a designation) holds now: begun (or undated) and not ended. Partial dates compare as their first day. */
export function holdsNow(link: LinkRecord, on = today()): boolean {
  const since = linkString(link, 'since');
  const until = linkString(link, 'until');
  return (since === null || since <= on) && (until === null || until > on);
}

/** The dates of a TARGETS link from a designation list, on both of its sides. */
function designationFields(t: PothosSchemaTypes.ObjectFieldBuilder<AtlasSchemaTypes, LinkRecord>) {
  return {
    since: t.string({
      nullable: true,
      description: 'Since when the list names the company (ISO date, possibly partial); null when the source does not say.',
      resolve: (l) => linkString(l, 'since'),
    }),
    until: t.string({
      nullable: true,
      description: 'When the list stopped naming it (a removal), ISO date; null while it still does.',
      resolve: (l) => linkString(l, 'until'),
    }),
    current: t.boolean({
      description: 'True when the designation holds today: `since` is not in the future and there is no `until`, or it is later than today.',
      resolve: (l) => holdsNow(l),
    }),
    properties: t.field({
      type: 'JSON',
      description: 'Other properties of the link (list section, notes the source gives).',
      resolve: (l) => otherProperties(l),
    }),
  };
}

export const DesignationRef = builder.objectRef<LinkRecord>('Designation');
DesignationRef.implement({
  description:
    'A government list that names a company (a policy of kind DESIGNATION_LIST TARGETS it: NDAA §889, the Entity List...), since when and until when, with the row of the source that says so. Ended designations are listed too; `current` says which hold today.',
  fields: (t) => ({
    policy: t.field({ type: PolicyRef, description: 'The list.', resolve: (l) => l.node }),
    ...designationFields(t),
  }),
});
addProvenanceFields(DesignationRef, (l) => l.properties);

export const PolicyTargetRef = builder.objectRef<LinkRecord>('PolicyTarget');
PolicyTargetRef.implement({
  description: 'What a policy TARGETS (a country, region, company or data center), with the dates of a designation where the policy is a list.',
  fields: (t) => ({
    target: t.field({ type: EntityRef, resolve: (l) => l.node }),
    ...designationFields(t),
  }),
});
addProvenanceFields(PolicyTargetRef, (l) => l.properties);

export const ChipHostRef = builder.objectRef<LinkRecord>('ChipHost');
ChipHostRef.implement({
  description: 'A data center that hosts a chip or family (a HOSTS link), with how many units.',
  fields: (t) => ({
    dataCenter: t.field({ type: DataCenterRef, resolve: (l) => l.node }),
    units: t.float({ nullable: true, description: 'How many chips the data center hosts, as the source states.', resolve: (l) => linkNumber(l, 'units') }),
    period: t.string({ nullable: true, resolve: (l) => linkString(l, 'period') }),
    estimate: t.boolean({ description: 'True when the unit count is an estimate.', resolve: (l) => l.properties.estimate === true }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link.', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(ChipHostRef, (l) => l.properties);

export const DataCenterLinkRef = builder.objectRef<LinkRecord>('DataCenterLink');
DataCenterLinkRef.implement({
  description: 'How a company or group is tied to a data center: it OPERATES it, USES it (a tenant: compute it rents), or INVESTS_IN it.',
  fields: (t) => ({
    relation: t.string({ description: 'OPERATES, USES or INVESTS_IN.', resolve: (l) => l.type }),
    dataCenter: t.field({ type: DataCenterRef, resolve: (l) => l.node }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link (share, period...).', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(DataCenterLinkRef, (l) => l.properties);
