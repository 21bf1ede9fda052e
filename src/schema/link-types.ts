import type { LinkRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { EntityRef } from './entity.js';
import { RelationTypeEnum, WorkloadEnum } from './enums.js';
import { addProvenanceFields } from './provenance.js';
import { ChipFamilyRef, ChipRef, DataCenterRef, PolicyRef } from './refs.js';

// The object types of link fields that return the links themselves, with the values a link carries.

type WithProperties = Pick<LinkRecord, 'properties'>;
/** A property of a link that is a number, or null when it is absent or not a number. */
const linkNumber = (link: WithProperties, name: string) => (typeof link.properties[name] === 'number' ? (link.properties[name] as number) : null);
/** A property of a link that is a string, or null when it is absent or not a string. */
const linkString = (link: WithProperties, name: string) => (typeof link.properties[name] === 'string' ? (link.properties[name] as string) : null);
/** A property of a link that is a boolean, or null when it is absent or not a boolean. */
const linkBoolean = (link: WithProperties, name: string) => (typeof link.properties[name] === 'boolean' ? (link.properties[name] as boolean) : null);

/**
 * The properties links carry in the seed and the dataset imports, typed, so clients need not read
 * them out of `properties` JSON. Each field is named after its stored property (read/selection.ts
 * fetches a field's own name) and is null on links that do not carry it.
 */
export function linkPropertyFields<Link extends WithProperties>(t: PothosSchemaTypes.ObjectFieldBuilder<AtlasSchemaTypes, Link>) {
  return {
    units: t.float({
      nullable: true,
      description: 'How many chips (BUYS: bought in `period`; HOSTS: housed); null when the link carries no count.',
      resolve: (l) => linkNumber(l, 'units'),
    }),
    stated: t.string({ nullable: true, description: 'The count as the source writes it (48.5萬枚), beside `units`.', resolve: (l) => linkString(l, 'stated') }),
    period: t.string({
      nullable: true,
      description: 'The period the link holds for (2024, 2024Q4, 2025-2027); null when the link is not tied to one.',
      resolve: (l) => linkString(l, 'period'),
    }),
    estimate: t.boolean({
      nullable: true,
      description: 'True when the count is an estimate; null when the link carries no count.',
      resolve: (l) => linkBoolean(l, 'estimate'),
    }),
    uses: t.field({
      type: [WorkloadEnum],
      description: 'DEPENDS_ON: the workloads the company uses the chip for; empty when the source does not say.',
      resolve: (l) => (Array.isArray(l.properties.uses) ? l.properties.uses : []) as (typeof WorkloadEnum)['$inferType'][],
    }),
    strength: t.string({
      nullable: true,
      description: 'DEPENDS_ON: how strong the dependency is (LOW, MEDIUM or HIGH); null when unstated.',
      resolve: (l) => linkString(l, 'strength'),
    }),
    purpose: t.string({
      nullable: true,
      description: 'OPERATES_IN: what the company does there (TRAINING...); null when unstated.',
      resolve: (l) => linkString(l, 'purpose'),
    }),
    role: t.string({
      nullable: true,
      description: 'PARTICIPATES_IN, LEADS, WORKS_FOR: the role or title, in the words of the source ("initiator and co-investor", "CEO").',
      resolve: (l) => linkString(l, 'role'),
    }),
    commitment: t.string({
      nullable: true,
      description: 'PARTICIPATES_IN: what the participant committed, as the source states it ("USD 500 bn jointly with SoftBank and Oracle").',
      resolve: (l) => linkString(l, 'commitment'),
    }),
    partial: t.boolean({
      nullable: true,
      description: 'SUBSTITUTES: true when the chip replaces the other only in part; null when unstated.',
      resolve: (l) => linkBoolean(l, 'partial'),
    }),
    available: t.boolean({
      nullable: true,
      description: 'AVAILABLE_IN: true when the chip can be bought there, false when it cannot, as of `asOf`; null on other links.',
      resolve: (l) => linkBoolean(l, 'available'),
    }),
    asOf: t.string({
      nullable: true,
      description: 'The date (ISO, possibly partial: 2024-11) a dated statement such as AVAILABLE_IN holds at.',
      resolve: (l) => linkString(l, 'asOf'),
    }),
    since: t.string({
      nullable: true,
      description: 'TARGETS from a designation list: since when the list names the entity (ISO date, possibly partial); null when unstated.',
      resolve: (l) => linkString(l, 'since'),
    }),
    until: t.string({
      nullable: true,
      description: 'TARGETS from a designation list: when the list stopped naming it (ISO date); null while it still does.',
      resolve: (l) => linkString(l, 'until'),
    }),
  };
}

// What the graph keeps about a link's claims is shown through support, not as its properties.
const PROVENANCE_KEYS = new Set(['key', 'evidence', 'sources', 'derived', 'basis', 'note', 'supportCount', 'conflict', 'locator', 'confidence']);
export function otherProperties(link: Pick<LinkRecord, 'properties'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(link.properties).filter(([name]) => !PROVENANCE_KEYS.has(name)));
}

export const ChipUseRef = builder.objectRef<LinkRecord>('ChipUse');
ChipUseRef.implement({
  description: 'One link to a chip or a chip family: BUYS or DEPENDS_ON from a company, or HOSTS from a data center, with its figures and evidence.',
  fields: (t) => ({
    relation: t.field({ type: RelationTypeEnum, description: 'BUYS or DEPENDS_ON (from a company), HOSTS (from a data center).', resolve: (l) => l.type }),
    chip: t.field({
      type: ChipRef,
      nullable: true,
      description: 'The chip, when the link is to one chip; null when it is to a family (then `family` is set).',
      resolve: (l) => (l.node.label === 'Chip' ? l.node : null),
    }),
    family: t.field({
      type: ChipFamilyRef,
      nullable: true,
      description: 'The chip family, when the link is to a whole family (Hopper); null when it is to one chip.',
      resolve: (l) => (l.node.label === 'ChipFamily' ? l.node : null),
    }),
    units: t.float({ nullable: true, description: 'How many chips: bought in the period, or hosted (HOSTS).', resolve: (l) => linkNumber(l, 'units') }),
    stated: t.string({ nullable: true, description: 'The unit count as the source writes it (48.5萬枚).', resolve: (l) => linkString(l, 'stated') }),
    period: t.string({
      nullable: true,
      description: 'The period the count is for (2024); null when the link is not tied to one.',
      resolve: (l) => linkString(l, 'period'),
    }),
    estimate: t.boolean({
      description: 'True when the unit count is an estimate rather than a stated figure.',
      resolve: (l) => l.properties.estimate === true,
    }),
    uses: t.field({
      type: [WorkloadEnum],
      description: 'DEPENDS_ON: the workloads the chip is used for; empty when the source does not say.',
      resolve: (l) => (l.properties.uses ?? []) as (typeof WorkloadEnum)['$inferType'][],
    }),
    strength: t.string({ nullable: true, description: 'How strong a dependency is: LOW, MEDIUM or HIGH.', resolve: (l) => linkString(l, 'strength') }),
  }),
});
addProvenanceFields(ChipUseRef, (l) => l.properties);

export const PolicyLinkRef = builder.objectRef<LinkRecord>('PolicyLink');
PolicyLinkRef.implement({
  description: 'How a policy touches an entity: restricts, threatens, targets, exempts or influences it, or the entity issued or joined it.',
  fields: (t) => ({
    relation: t.field({
      type: RelationTypeEnum,
      description: 'The relationship type (RESTRICTS, THREATENS, TARGETS, PARTICIPATES_IN...).',
      resolve: (l) => l.type,
    }),
    fromPolicy: t.boolean({ description: 'True when the link points from the policy to the entity.', resolve: (l) => !l.outgoing }),
    policy: t.field({ type: PolicyRef, description: 'The policy at the other end of the link.', resolve: (l) => l.node }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link (role, commitment, status).', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(PolicyLinkRef, (l) => l.properties);

export const PolicyEffectRef = builder.objectRef<LinkRecord>('PolicyEffect');
PolicyEffectRef.implement({
  description: 'A link from a policy to what it restricts, threatens, targets, exempts, amends or influences, or to who issued it.',
  fields: (t) => ({
    relation: t.field({
      type: RelationTypeEnum,
      description: 'The relationship type: RESTRICTS, THREATENS, TARGETS, EXEMPTS, AMENDS, INFLUENCES or ISSUED_BY.',
      resolve: (l) => l.type,
    }),
    target: t.field({ type: EntityRef, description: 'What the policy acts on (or, for ISSUED_BY, who issued it).', resolve: (l) => l.node }),
    properties: t.field({
      type: 'JSON',
      description: 'Other properties of the link as stored (status, since, until...): a JSON object, empty when there are none.',
      resolve: (l) => otherProperties(l),
    }),
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
    target: t.field({ type: EntityRef, description: 'The entity the policy targets.', resolve: (l) => l.node }),
    ...designationFields(t),
  }),
});
addProvenanceFields(PolicyTargetRef, (l) => l.properties);

export const ChipHostRef = builder.objectRef<LinkRecord>('ChipHost');
ChipHostRef.implement({
  description: 'A data center that hosts a chip or family (a HOSTS link), with how many units.',
  fields: (t) => ({
    dataCenter: t.field({ type: DataCenterRef, description: 'The data center that hosts the chips.', resolve: (l) => l.node }),
    units: t.float({ nullable: true, description: 'How many chips the data center hosts, as the source states.', resolve: (l) => linkNumber(l, 'units') }),
    period: t.string({
      nullable: true,
      description: 'When the count holds (a year or date); null when the source gives none.',
      resolve: (l) => linkString(l, 'period'),
    }),
    estimate: t.boolean({ description: 'True when the unit count is an estimate.', resolve: (l) => l.properties.estimate === true }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link.', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(ChipHostRef, (l) => l.properties);

export const DataCenterLinkRef = builder.objectRef<LinkRecord>('DataCenterLink');
DataCenterLinkRef.implement({
  description: 'How a company or group is tied to a data center: it OPERATES it, USES it (a tenant: compute it rents), or INVESTS_IN it.',
  fields: (t) => ({
    relation: t.field({ type: RelationTypeEnum, description: 'OPERATES, USES or INVESTS_IN.', resolve: (l) => l.type }),
    dataCenter: t.field({ type: DataCenterRef, description: 'The data center at the other end of the link.', resolve: (l) => l.node }),
    properties: t.field({ type: 'JSON', description: 'Other properties of the link (share, period...).', resolve: (l) => otherProperties(l) }),
  }),
});
addProvenanceFields(DataCenterLinkRef, (l) => l.properties);
