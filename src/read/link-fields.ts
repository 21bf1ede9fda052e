import type { GraphQLField } from 'graphql';
import type { LinkSpec } from '../graph/lookups.js';

/**
 * A field that follows links from its entity. It is declared once, with its GraphQL field
 * (src/schema/link-field.ts), and travels in that field's extensions, so everything the read path
 * must know about it comes from the schema itself: the selection reads only the key of the entity
 * it hangs on (src/read/selection.ts), the resolver asks the loader for its links, and a page
 * prefetches it into its own statement under the very request the resolver will make
 * (src/read/prefetch.ts).
 */
export interface LinkField {
  spec: LinkSpec;
  /** LINKS: the link records (ChipUse, PolicyLink...); NODES: the entities at the other end; NODE: the first of them. */
  returns: 'LINKS' | 'NODES' | 'NODE';
  /** For LINKS: the fields of the link record that lead to its node. */
  nodeFields?: readonly string[];
}

const EXTENSION = 'atlasLink';

/** The extensions that make a GraphQL field a link field. */
export const linkExtensions = (field: LinkField): Record<string, unknown> => ({ [EXTENSION]: field });

/** The link a field of the schema follows; undefined for any other field. */
export function linkFieldOf(field: Pick<GraphQLField<unknown, unknown>, 'extensions'>): LinkField | undefined {
  return field.extensions[EXTENSION] as LinkField | undefined;
}
