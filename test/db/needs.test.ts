import { getNamedType, isLeafType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { execute, limits, useTestApp } from '../helpers.js';

// Reads fetch only the properties a selection needs (src/read/selection.ts). A field whose resolver
// reads a property the tables do not name would come back empty when selected alone: every
// field is checked alone against the same field selected beside all the others.
const t = useTestApp({ limits: { ...limits, maxAliases: 1000 } });

/** Fields a client can select without arguments and without a sub-selection, plus the sources. */
function plainFields(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((field: GraphQLField<unknown, unknown>) => !field.args.some((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined))
    .flatMap((field) => (isLeafType(getNamedType(field.type)) ? [field.name] : field.name === 'sources' ? ['sources { key }'] : []));
}

const entityTypes = Object.values(schema.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Entity'),
);

/** Places in the API that list records of a type, with the path to the list in the answer. */
const carriers: { name: string; type: string; query: (selection: string) => string; items: (data: any) => any[] }[] = [
  ...entityTypes.map((type) => ({
    name: `neighbourhood nodes as ${type.name}`,
    type: type.name,
    query: (selection: string) => `{ neighborhood(key: "nvidia", depth: 3) { nodes { key ... on ${type.name} { ${selection} } } } }`,
    items: (data: any) => data.neighborhood.nodes,
  })),
  {
    name: 'sources of companies',
    type: 'Source',
    query: (selection) => `{ companies(first: 100) { edges { node { key sources { key ${selection} } } } } }`,
    items: (data) => data.companies.edges.flatMap((edge: any) => edge.node.sources),
  },
  {
    name: 'neighbourhood relationships',
    type: 'Relation',
    query: (selection) => `{ neighborhood(key: "nvidia", depth: 3) { relationships { from { key } to { key } ${selection} } } }`,
    items: (data) => data.neighborhood.relationships,
  },
  {
    name: 'chip uses of companies',
    type: 'ChipUse',
    query: (selection) => `{ companies(first: 100) { edges { node { key chips { chip { key } family { key } ${selection} } } } } }`,
    items: (data) => data.companies.edges.flatMap((edge: any) => edge.node.chips),
  },
  {
    name: 'policy links of companies',
    type: 'PolicyLink',
    query: (selection) => `{ companies(first: 100) { edges { node { key policies { policy { key } ${selection} } } } } }`,
    items: (data) => data.companies.edges.flatMap((edge: any) => edge.node.policies),
  },
];

describe('selection-aware reads', () => {
  it.each(carriers)('give every field of $name alone what they give it beside all others', async (carrier) => {
    const fields = plainFields(schema.getType(carrier.type) as GraphQLObjectType);
    const together = await execute(t.app, carrier.query(fields.join(' ')));
    expect(together.errors).toBeUndefined();
    const all = carrier.items(together.data);
    expect(all.length).toBeGreaterThan(0);
    for (const field of fields) {
      const alone = await execute(t.app, carrier.query(field));
      expect(alone.errors, field).toBeUndefined();
      const name = field.split(' ')[0]!;
      expect(
        carrier.items(alone.data).map((item) => item[name]),
        `${carrier.type}.${name}`,
      ).toEqual(all.map((item) => item[name]));
    }
  });

  it('reads only the selected properties of a neighbourhood', async () => {
    const statements: string[] = [];
    const read = t.db.read.bind(t.db);
    const spy = Object.assign(Object.create(t.db), {
      read: (cypher: string, params?: Record<string, unknown>) => {
        statements.push(cypher);
        return read(cypher, params);
      },
    });
    const { createApp } = await import('../../src/http/server.js');
    const app = createApp({ db: spy, limits: limits });
    const response = await execute(app, '{ neighborhood(key: "h20", depth: 2) { nodes { key name } relationships { type from { key } to { key } } } }');
    expect(response.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toContain('.*');
    expect(statements[0]).not.toContain('properties(');
  });
});
