import type { LinkRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { WorkloadEnum } from './enums.js';
import { addProvenanceFields } from './provenance.js';
import { ChipFamilyRef, ChipRef, PolicyRef } from './refs.js';

// The object types of link fields that return the links themselves, with the values a link carries.

/** A property of a link that is a number, or null when it is absent or not a number. */
const linkNumber = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'number' ? (link.properties[name] as number) : null);
/** A property of a link that is a string, or null when it is absent or not a string. */
const linkString = (link: LinkRecord, name: string) => (typeof link.properties[name] === 'string' ? (link.properties[name] as string) : null);

// What the graph keeps about a link's claims is shown through support, not as its properties.
const PROVENANCE_KEYS = new Set(['key', 'evidence', 'sources', 'derived', 'basis', 'note', 'supportCount', 'conflict']);
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
