import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import type { Context } from '../context.js';
import { ENTITY_LABELS } from '../core/model.js';
import { clientError } from '../core/errors.js';
import { entityOrErrorAt, MALFORMED_ID } from './unknown-input.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Relay's `base64("Label:key")`; an id that names no entity type decodes to MALFORMED_ID. */
function decodeEntityId(globalID: string): { typename: string; id: string } {
  const decoded = BASE64.test(globalID) ? Buffer.from(globalID, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, Math.max(colon, 0));
  const id = decoded.slice(colon + 1);
  // Refused by node and nodes (entityOrErrorAt), so that one bad id in nodes fails its position only.
  if (colon < 1 || !id || !(ENTITY_LABELS as readonly string[]).includes(typename)) return { typename: MALFORMED_ID, id: globalID };
  return { typename, id };
}

// Configuration only. The types live in the files next to this one: refs.ts declares every entity
// type and link-types.ts the links a field can list; a file per type family (company.ts, chip.ts...)
// gives those types their fields, a file per question (exposure.ts, paths.ts, search.ts, totals.ts,
// changes.ts, conflicts.ts) adds its root fields and result types, and mutations.ts the writes.
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
  AuthScopes: { write: boolean };
}>({
  // Scope auth first: nothing else may run for a caller who is not allowed to.
  plugins: [ScopeAuthPlugin, RelayPlugin, ComplexityPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({ write: ctx.auth.scopes.has('write') }),
    unauthorizedError: (_parent, ctx) => {
      if (ctx.auth.status === 'authenticated') {
        return clientError('FORBIDDEN', `The API key "${ctx.auth.principal}" lacks the write scope this mutation needs.`);
      }
      return clientError(
        'UNAUTHENTICATED',
        ctx.auth.status === 'invalid'
          ? 'The API key is not valid; send Authorization: Bearer <key> with a key from API_KEYS.'
          : 'Mutations need an API key with the write scope: send Authorization: Bearer <key>.',
      );
    },
  },
  errors: { defaultTypes: [] },
  relay: {
    decodeGlobalID: decodeEntityId,
    // Connections here take first/after only: keyset cursors run forwards.
    edgesFieldOptions: { complexity: { field: 0, multiplier: 1 }, description: 'The items of this page, in order, each with its cursor.' },
    // The relay plugin generates these types and fields; they are described here, once.
    defaultConnectionTypeOptions: {
      description: 'One page of a list: `edges` hold the items in order; pass `pageInfo.endCursor` as `after` to get the next page.',
    },
    defaultEdgeTypeOptions: { description: 'One item of a page, with the cursor of its position.' },
    nodeFieldOptions: { description: 'The item itself.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` to continue after it (only in the same query and order).' },
    pageInfoFieldOptions: { description: 'Whether more items follow, and the cursors that fetch them.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its list (Relay cursor connections). Pages run forwards only: first/after.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page: ask again with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'True when this page was asked for with an `after` cursor, so items come before it.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of this page (pass it as `after` for the next page); null when the page is empty.' },
    nodeTypeOptions: { description: 'Anything with a global `id` that `node(id:)` and `nodes(ids:)` fetch again (Relay object identification).' },
    idFieldOptions: { description: 'Global ID (Relay): base64 of "Label:key". Pass it to `node(id:)`; use `key` for every other argument.' },
    nodeQueryOptions: {
      description: 'The entity a global ID names (the `id` field of any entity); null with a NOT_FOUND error when none has it.',
      args: { id: { description: 'A global ID, as the `id` field returns it.' } },
      resolve: async (_root, args, ctx) => {
        const found = await entityOrErrorAt(ctx, args.id, 'id');
        if (found instanceof GraphQLError) throw found;
        return found;
      },
    },
    nodesQueryOptions: {
      description:
        'The entities the global IDs name, in the order asked; null at the position of an ID that names none, with a NOT_FOUND error at that position (BAD_USER_INPUT for an ID that does not decode).',
      args: { ids: { description: 'Global IDs, as `id` fields return them.' } },
      // An error in place of an item: GraphQL answers null at that position and the error at its path.
      resolve: (_root, args, ctx) => args.ids.map((id, index) => entityOrErrorAt(ctx, id, `ids[${index}]`)),
    },
  },
  complexity: {
    defaultComplexity: 1,
    // Nested lists here are short (a company has a handful of chips or sources); pages are costed by `first`.
    defaultListMultiplier: 5,
    // Read per request so the limits come from the service's config.
    limit: (ctx) => ({ complexity: ctx.limits.maxComplexity, depth: ctx.limits.maxDepth, breadth: ctx.limits.maxComplexity }),
    complexityError: (kind, result) => {
      const measure = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
      const limit = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity }[measure];
      return clientError(
        'QUERY_TOO_COMPLEX',
        `Query ${measure} ${result[measure]} exceeds the limit of ${limit}; ask for fewer nested fields or smaller pages.`,
        { measure, value: result[measure], limit },
      );
    },
  },
});

builder.addScalarType('JSON', JSONResolver);
builder.queryType({ description: 'Read access to the Compute Atlas knowledge graph.' });

export type AtlasSchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
