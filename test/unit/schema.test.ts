import { readFile } from 'node:fs/promises';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, servedSchemaSdl } from '../../src/cli/print-schema.js';
import { ENTITY_LABELS, RELATIONSHIP_TYPES } from '../../src/core/model.js';
import { schema } from '../../src/schema/index.js';

describe('schema/schema.graphql', () => {
  it('equals what the app serves, introspected, directives included (run `npm run schema:print` after changing the schema)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await servedSchemaSdl());
  });

  it('declares the directives the app serves beside the ones GraphQL specifies (@defer, @stream)', async () => {
    const checkedIn = buildSchema(await readFile(SCHEMA_FILE, 'utf8'));
    expect(checkedIn.getDirective('defer')?.args.map((arg) => arg.name)).toEqual(['if', 'label']);
    expect(checkedIn.getDirective('stream')?.args.map((arg) => arg.name)).toEqual(['if', 'initialCount', 'label']);
  });

  it('has every type of the schema the code builds, so the SDL is the code schema plus what plugins add', async () => {
    const checkedIn = buildSchema(await readFile(SCHEMA_FILE, 'utf8'));
    const names = (types: object) =>
      Object.keys(types)
        .filter((name) => !name.startsWith('__'))
        .sort();
    expect(names(checkedIn.getTypeMap())).toEqual(names(schema.getTypeMap()));
  });

  it("takes relationship types and labels from model.ts's closed lists, as enums", () => {
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values('RelationType').sort()).toEqual([...RELATIONSHIP_TYPES].sort());
    expect(values('EntityLabel').sort()).toEqual([...ENTITY_LABELS].sort());
    const argument = (field: string, name: string) =>
      schema
        .getQueryType()!
        .getFields()
        [field]!.args.find((arg) => arg.name === name)!
        .type.toString();
    expect(argument('neighborhood', 'types')).toBe('[RelationType!]');
    expect(argument('paths', 'excludeTypes')).toBe('[RelationType!]');
  });
});
