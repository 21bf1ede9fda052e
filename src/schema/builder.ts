import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { JSONResolver } from 'graphql-scalars';
import type { Context } from '../context.js';
import { clientError } from './errors.js';

// Configuration only; the types live one file per domain next to this one.
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
    // Connections here take first/after only: keyset cursors run forwards.
    edgesFieldOptions: { complexity: { field: 0, multiplier: 1 } },
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
