import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLError } from 'graphql';
import * as jit from 'graphql-jit';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useCompiledExecution } from '../../src/http/compiled-execution.js';

vi.mock('graphql-jit', async (importOriginal) => {
  const original = await importOriginal<typeof import('graphql-jit')>();
  return { ...original, compileQuery: vi.fn(original.compileQuery) };
});
const compileQuery = vi.mocked(jit.compileQuery);

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    interface Entity { key: String! }
    enum Kind { TECH_GIANT AI_LAB }
    type Company implements Entity { key: String! name: String! kind: Kind chips: [Chip!]! }
    type Chip implements Entity { key: String! name: String! maker: Company }
    type Query {
      entities(keys: [String!]!): [Entity!]!
      coded: String
      plain: String
      nonNullFails: Company!
      slow: [Chip!]!
    }
    type Subscription { tick: Int! }
  `,
  resolvers: {
    Entity: { __resolveType: (e: { kind: string }) => e.kind },
    Company: {
      chips: () => [{ kind: 'Chip', key: 'h20', name: 'H20' }],
      kind: (c: { key: string }) => (c.key === 'broken' ? 'SECRET_STORED_VALUE' : 'AI_LAB'),
    },
    Query: {
      entities: (_: unknown, { keys }: { keys: string[] }) => keys.map((key) => ({ kind: key === 'h20' ? 'Chip' : 'Company', key, name: key.toUpperCase() })),
      coded: () => {
        throw new GraphQLError('no such key', { extensions: { code: 'BAD_USER_INPUT' } });
      },
      plain: () => {
        throw new Error('the database said no');
      },
      nonNullFails: () => null,
      slow: async function* () {
        yield { kind: 'Chip', key: 'h20', name: 'H20' };
        yield { kind: 'Chip', key: 'h100', name: 'H100' };
      },
    },
    Subscription: {
      tick: {
        subscribe: async function* () {
          yield { tick: 1 };
        },
      },
    },
  },
});

const failures: unknown[] = [];
// Unmasked, so that answers compare in full; `masked` as the service runs.
const app = (plugins: Plugin[], masked = false) =>
  createYoga({ schema, plugins: [useDeferStream(), ...plugins], maskedErrors: masked || { maskError: (error) => error as Error }, logging: false });
const compiledPlugin = () => useCompiledExecution((errors, operationName) => failures.push({ errors, operationName }));
const compiled = app([compiledPlugin()]);
const interpreted = app([]);

async function ask(yoga: ReturnType<typeof app>, query: string, variables: Record<string, unknown> = {}, accept = 'application/json') {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.text() };
}

beforeEach(() => {
  compileQuery.mockClear();
  failures.length = 0;
});

describe('compiled execution', () => {
  it.each([
    [
      'fragments over an interface',
      'query ($k: [String!]!) { entities(keys: $k) { key ... on Company { name chips { key } } ... on Chip { name } } }',
      { k: ['nvidia', 'h20'] },
    ],
    ['aliases and __typename', '{ a: entities(keys: ["x"]) { __typename key } b: entities(keys: ["h20"]) { __typename } }', {}],
    ['a coded error, located on its field', '{ ok: entities(keys: ["x"]) { key }\n  coded }', {}],
    ['an error without extensions', '{\n  plain }', {}],
    ['a null in a non-null field, bubbling to data', '{ nonNullFails { key } }', {}],
  ])('answers %s exactly as graphql-js does', async (_case, query, variables) => {
    const answer = await ask(compiled, query, variables);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(answer).toEqual(await ask(interpreted, query, variables));
  });

  it('masks a stored value a leaf type cannot serialize, as Yoga does, rather than show it', async () => {
    const query = '{ entities(keys: ["broken", "nvidia"]) { key ... on Company { kind } } }';
    const answer = await ask(app([compiledPlugin()], true), query);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(answer.body).not.toContain('SECRET_STORED_VALUE');
    expect(JSON.parse(answer.body).data.entities[1]).toEqual({ key: 'nvidia', kind: 'AI_LAB' });
    expect(answer).toEqual(await ask(app([], true), query));
  });

  it('compiles a document once, however often it is asked', async () => {
    for (let i = 0; i < 3; i++) await ask(compiled, '{ entities(keys: ["x"]) { key } }');
    expect(compileQuery).toHaveBeenCalledTimes(1);
  });

  it('leaves variables that do not coerce to graphql-js, whose errors and 400 clients know', async () => {
    const query = 'query ($k: [String!]!) { entities(keys: $k) { key } }';
    const answer = await ask(compiled, query, { k: [1, null] }, 'application/graphql-response+json');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].message).toMatch(/^Variable "\$k" got invalid value/);
    expect(answer).toEqual(await ask(interpreted, query, { k: [1, null] }, 'application/graphql-response+json'));
  });

  it('leaves @stream and subscriptions to graphql-js', async () => {
    const streamed = await ask(compiled, '{ slow @stream(initialCount: 1) { key } }', {}, 'multipart/mixed');
    expect(streamed.status).toBe(200);
    expect(streamed.body).toContain('"h100"');
    const subscribed = await ask(compiled, 'subscription { tick }', {}, 'text/event-stream');
    expect(subscribed.body).toContain('"tick":1');
    expect(compileQuery).not.toHaveBeenCalled();
  });

  it('runs a document the compiler refuses with graphql-js, and reports it once', async () => {
    compileQuery.mockReturnValueOnce({ errors: [new GraphQLError('not supported by the compiler')] });
    const query = 'query Refused { entities(keys: ["x"]) { key } }';
    expect(await ask(compiled, query)).toEqual(await ask(interpreted, query));
    await ask(compiled, query);
    expect(failures).toEqual([{ errors: [expect.objectContaining({ message: 'not supported by the compiler' })], operationName: null }]);
  });
});
