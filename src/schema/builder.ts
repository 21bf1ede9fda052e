import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { JSONResolver } from 'graphql-scalars';
import type { Context } from '../context.js';
import { clientError } from './errors.js';

// Configuration only; the types live one file per domain next to this one.
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
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
