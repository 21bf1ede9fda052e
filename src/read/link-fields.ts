import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { LinkSpec } from '../graph/lookups.js';
import type { EntityRecord, LinkNeed, LinkRecord } from '../graph/records.js';
import { CHIP_USE_TYPES, POLICY_LINK_TYPES } from '../core/model.js';
import { entityNeed, relationNeed, type Selection } from './selection.js';

/**
 * A field that follows links from its entity. Declared as data, so the field's resolver and a page
 * that folds the field into its own statement (src/read/prefetch.ts) ask the loader the same
 * question, and the folded answer is the one the resolver finds.
 */
export interface LinkField {
  spec: LinkSpec;
  /** LINKS: the link records (ChipUse, PolicyLink...); NODES: the entities at the other end; NODE: the first of them. */
  returns: 'LINKS' | 'NODES' | 'NODE';
  /** For LINKS: the fields of the link record that lead to its node. */
  nodeFields?: string[];
}

const nodes = (spec: LinkSpec): LinkField => ({ spec, returns: 'NODES' });
const node = (spec: LinkSpec): LinkField => ({ spec, returns: 'NODE' });
const links = (spec: LinkSpec, nodeFields: string[]): LinkField => ({ spec, returns: 'LINKS', nodeFields });

export const LINK_FIELDS = {
  Company: {
    country: node({ types: ['HEADQUARTERED_IN'], direction: 'OUT', labels: ['Country'] }),
    chips: links({ types: CHIP_USE_TYPES, direction: 'OUT' }, ['chip', 'family']),
    dataCenters: nodes({ types: ['OPERATES'], direction: 'OUT' }),
    policies: links({ types: POLICY_LINK_TYPES, direction: 'BOTH', labels: ['Policy'] }, ['policy']),
    quotes: nodes({ types: ['ABOUT'], direction: 'IN' }),
    groups: nodes({ types: ['MEMBER_OF'], direction: 'OUT', labels: ['CompanyGroup'] }),
  },
  Chip: {
    family: node({ types: ['MEMBER_OF'], direction: 'OUT', labels: ['ChipFamily'] }),
  },
  ChipFamily: {
    chips: nodes({ types: ['MEMBER_OF'], direction: 'IN', labels: ['Chip'] }),
  },
  Person: {
    organizations: nodes({ types: ['LEADS', 'FOUNDED', 'WORKS_FOR'], direction: 'OUT', labels: ['Company'] }),
    quotes: nodes({ types: ['SAID'], direction: 'OUT' }),
  },
  Quote: {
    speaker: node({ types: ['SAID'], direction: 'IN' }),
    about: nodes({ types: ['ABOUT'], direction: 'OUT' }),
  },
  Policy: {
    effects: links({ types: ['RESTRICTS', 'THREATENS', 'TARGETS', 'EXEMPTS', 'AMENDS', 'INFLUENCES', 'ISSUED_BY'], direction: 'OUT' }, ['target']),
    participants: links({ types: ['PARTICIPATES_IN'], direction: 'IN' }, ['target']),
  },
  DataCenter: {
    operators: nodes({ types: ['OPERATES'], direction: 'IN' }),
    locations: nodes({ types: ['LOCATED_IN'], direction: 'OUT' }),
    chips: links({ types: ['HOSTS'], direction: 'OUT' }, ['chip', 'family']),
  },
  CompanyGroup: {
    members: nodes({ types: ['MEMBER_OF'], direction: 'IN', labels: ['Company'] }),
  },
  AIModel: {
    developers: nodes({ types: ['DEVELOPS'], direction: 'IN' }),
  },
} satisfies Record<string, Record<string, LinkField>>;

/** What a selection of a link field reads of the links and of the nodes they lead to. */
export function linkNeed(info: Selection, field: LinkField): LinkNeed {
  return field.returns === 'LINKS'
    ? { relation: relationNeed(info), node: entityNeed(info, ...field.nodeFields!.map((name) => [name])) }
    : { relation: [], node: entityNeed(info) };
}

type Resolver<T> = (e: EntityRecord, args: unknown, ctx: Context, info: GraphQLResolveInfo) => Promise<T>;

const linksOf = (field: LinkField, e: EntityRecord, ctx: Context, info: GraphQLResolveInfo) => ctx.graph.links(e.key, field.spec, linkNeed(info, field));

/** Resolvers of link fields, by what they return. */
export const followLinks =
  (field: LinkField): Resolver<LinkRecord[]> =>
  (e, _args, ctx, info) =>
    linksOf(field, e, ctx, info);
export const followNodes =
  (field: LinkField): Resolver<EntityRecord[]> =>
  async (e, _args, ctx, info) =>
    (await linksOf(field, e, ctx, info)).map((link) => link.node);
export const followNode =
  (field: LinkField): Resolver<EntityRecord | null> =>
  async (e, _args, ctx, info) =>
    (await linksOf(field, e, ctx, info))[0]?.node ?? null;
