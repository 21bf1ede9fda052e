import type { FieldRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { LinkSpec } from '../graph/lookups.js';
import type { EntityRecord, LinkRecord } from '../graph/records.js';
import { linkExtensions, type LinkField } from '../read/link-fields.js';
import type { AtlasSchemaTypes } from './builder.js';

type Ref<Shape> = ObjectRef<AtlasSchemaTypes, Shape> | InterfaceRef<AtlasSchemaTypes, Shape>;
type EntityFields = PothosSchemaTypes.ObjectFieldBuilder<AtlasSchemaTypes, EntityRecord>;

interface LinkFieldOptions<Type> {
  type: Type;
  description?: string;
  /** The links the field follows from its entity. */
  follow: LinkSpec;
}

/**
 * A field that follows links from its entity, in one declaration: the GraphQL field, its resolver,
 * and the spec the read path finds in the field's extensions (src/read/link-fields.ts), from which
 * the selection reads the entity's key alone and a page prefetches the field into its statement.
 * The field lists the links themselves when `nodeFields` names the fields of the link type that
 * lead to the node (ChipUse.chip), the entities at the other end (each once) when `type` is a list
 * of entities, and the first of them, or null, otherwise.
 */
export function linkField(
  t: EntityFields,
  options: LinkFieldOptions<[Ref<LinkRecord>]> & { nodeFields: readonly string[] },
): FieldRef<AtlasSchemaTypes, LinkRecord[], 'Object'>;
export function linkField(t: EntityFields, options: LinkFieldOptions<[Ref<EntityRecord>]>): FieldRef<AtlasSchemaTypes, EntityRecord[], 'Object'>;
export function linkField(t: EntityFields, options: LinkFieldOptions<Ref<EntityRecord>>): FieldRef<AtlasSchemaTypes, EntityRecord | null, 'Object'>;
export function linkField(t: EntityFields, { type, description, follow, nodeFields }: LinkFieldOptions<object> & { nodeFields?: readonly string[] }) {
  const returns = nodeFields ? 'LINKS' : Array.isArray(type) ? 'NODES' : 'NODE';
  const field: LinkField = { spec: follow, returns, nodeFields };
  const resolve = async (e: EntityRecord, _args: object, ctx: Context, info: GraphQLResolveInfo) => {
    const links = await ctx.graph.links(e.key, field, info);
    if (returns === 'LINKS') return links;
    // A node reached by several links (OPERATES and USES, two periods) is listed once.
    return returns === 'NODES' ? [...new Map(links.map((link) => [link.node.key, link.node])).values()] : (links[0]?.node ?? null);
  };
  // The overloads above tie the type to what the resolver returns; Pothos cannot follow `returns`.
  return t.field({ type, nullable: returns === 'NODE', description, extensions: linkExtensions(field), resolve } as never);
}
