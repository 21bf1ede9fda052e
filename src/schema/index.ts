import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './entity.js';
import './place.js';
import './organization.js';
import './company.js';
import './chip.js';
import './data-center.js';
import './policy.js';
import './sources.js';
import './source-supports.js';
import './quote.js';
import './financial.js';
import './root.js';
import './relation.js';
import './exposure.js';
import './paths.js';
import './search.js';
import './overview.js';
import './totals.js';
import './changes.js';
import './conflicts.js';
import './holdings-list.js';
import './mutations.js';

export const schema: GraphQLSchema = builder.toSchema();

/** The SDL checked in at schema/schema.graphql, sorted so it does not churn when files are reordered. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
