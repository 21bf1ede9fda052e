import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { servedSchemaSdl } from '../../src/cli/print-schema.js';

type Count = { described: number; total: number };
const KINDS = ['types', 'fields', 'arguments', 'enumValues'] as const;

/** Every type, field, argument, enum value and directive the schema declares (GraphQL's own built-ins excluded), and which lack a description. */
function descriptionCoverage(target: GraphQLSchema) {
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, { described: 0, total: 0 }])) as Record<(typeof KINDS)[number], Count>;
  const missing: string[] = [];
  const check = (kind: (typeof KINDS)[number], description: string | null | undefined, where: string) => {
    counts[kind].total += 1;
    if (description?.trim()) counts[kind].described += 1;
    else missing.push(`${kind}: ${where}`);
  };
  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check('types', type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check('fields', field.description, `${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) check('arguments', arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) check('enumValues', value.description, `${type.name}.${value.name}`);
  }
  for (const directive of target.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check('types', directive.description, `@${directive.name}`);
    for (const arg of directive.args) check('arguments', arg.description, `@${directive.name}(${arg.name})`);
  }
  return { counts, missing };
}

describe('schema descriptions', () => {
  it('describes every type, field, argument, enum value and directive the app serves', async () => {
    const { counts, missing } = descriptionCoverage(buildSchema(await servedSchemaSdl()));
    if (process.env.PRINT_SCHEMA_COVERAGE) console.log(JSON.stringify(counts), `\n${missing.join('\n')}`);
    expect(missing, `${missing.length} schema elements lack a description`).toEqual([]);
  });
});
