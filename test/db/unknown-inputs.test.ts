import { describe, expect, it } from 'vitest';
import { countRoundTrips, execute, type GraphQLResponse, useTestApp } from '../helpers.js';

// The one rule for inputs that name nothing (docs/api-contract.md, "Errors"), on the seed graph:
// an argument naming an unknown key or period is BAD_USER_INPUT naming it with the closest values;
// a root lookup of an unknown key or id is null at its path plus NOT_FOUND, the rest answered.

const t = useTestApp();

const idOf = (label: string, key: string) => Buffer.from(`${label}:${key}`).toString('base64');

function onlyError(response: GraphQLResponse, code: string) {
  expect(response.errors, JSON.stringify(response.errors)).toHaveLength(1);
  const [error] = response.errors!;
  expect(error!.extensions?.code).toBe(code);
  return error!;
}

describe('an argument naming no entity is BAD_USER_INPUT with the closest keys', () => {
  const cases: { name: string; query: string; argument: string; value: string; suggests: string }[] = [
    { name: 'exposure chip', query: '{ exposure(chip: "H2O") { company { key } } }', argument: 'chip', value: 'H2O', suggests: 'h20' },
    { name: 'groupExposure chip', query: '{ groupExposure(chip: "h2o") { group { key } } }', argument: 'chip', value: 'h2o', suggests: 'h20' },
    { name: 'neighborhood key', query: '{ neighborhood(key: "bytdance") { truncated } }', argument: 'key', value: 'bytdance', suggests: 'bytedance' },
    {
      name: 'companies filter country (ISO code)',
      query: '{ companies(filter: { country: "cn" }) { totalCount } }',
      argument: 'filter.country',
      value: 'cn',
      suggests: 'china',
    },
    {
      name: 'financialTotals market',
      query: '{ financialTotals(metric: REVENUE, period: "2024", market: "china-mainlnd") { total } }',
      argument: 'market',
      value: 'china-mainlnd',
      suggests: 'china-mainland',
    },
    { name: 'paths from', query: '{ paths(from: "ByteDance", to: "hopper") { length } }', argument: 'from', value: 'ByteDance', suggests: 'bytedance' },
    { name: 'dataCenters owner', query: '{ dataCenters(owner: "Bytedance") { totalCount } }', argument: 'owner', value: 'Bytedance', suggests: 'bytedance' },
    { name: 'chips vendor', query: '{ chips(vendor: "nvida") { totalCount } }', argument: 'vendor', value: 'nvida', suggests: 'nvidia' },
    { name: 'quotes about', query: '{ quotes(about: "bytdance") { totalCount } }', argument: 'about', value: 'bytdance', suggests: 'bytedance' },
    { name: 'conflicts subject', query: '{ conflicts(subject: "bytdance") { totalCount } }', argument: 'subject', value: 'bytdance', suggests: 'bytedance' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.value} suggests ${c.suggests}`, async () => {
      const response = await execute(t.app, c.query);
      const error = onlyError(response, 'BAD_USER_INPUT');
      expect(error.extensions).toMatchObject({ argument: c.argument, value: c.value });
      expect(error.extensions!.suggestions[0]).toBe(c.suggests);
      expect(error.extensions!.suggestions.length).toBeLessThanOrEqual(5);
      expect(error.message).toContain(`Argument "${c.argument}" names no entity: "${c.value}".`);
      expect(error.message).toContain(`"${c.suggests}"`);
    });
  }

  it('says keys are case-sensitive when the value is a key in another case', async () => {
    const error = onlyError(await execute(t.app, '{ exposure(chip: "H20") { company { key } } }'), 'BAD_USER_INPUT');
    expect(error.message).toBe('Argument "chip" names no entity: "H20". Keys are case-sensitive (lower-case); did you mean "h20"?');
  });

  it('names each item of a list argument and cuts long values to 100 characters', async () => {
    const sources = await execute(t.app, '{ financialTotals(metric: CAPEX, period: "2024", sources: ["nope-source"]) { total } }');
    expect(onlyError(sources, 'BAD_USER_INPUT').extensions).toMatchObject({ argument: 'sources', value: 'nope-source' });
    const long = 'x'.repeat(500);
    const error = onlyError(await execute(t.app, 'query ($k: String!) { neighborhood(key: $k) { truncated } }', { k: long }), 'BAD_USER_INPUT');
    expect(error.extensions!.value).toHaveLength(100);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('a period no figure of the metric has is BAD_USER_INPUT listing those that exist', () => {
  it('FY24 suggests 2024 first', async () => {
    const error = onlyError(await execute(t.app, '{ financialTotals(metric: CAPEX, period: "FY24") { total } }'), 'BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ argument: 'period', value: 'FY24' });
    expect(error.extensions!.suggestions[0]).toBe('2024');
    expect(error.extensions!.suggestions).toContain('2025');
    expect(error.message).toMatch(/^Argument "period" names a period no CAPEX figure has: "FY24"\. Periods with CAPEX figures, closest first: "2024"/);
  });

  it('ratioTo(groupKey) naming no country and no company kind; changes(since) past the latest version', async () => {
    const ratio = await execute(t.app, '{ financialTotals(metric: CAPEX, period: "2024") { groupKey ratioTo(groupKey: "chna") } }');
    expect(ratio.errors!.length).toBeGreaterThan(0);
    expect(ratio.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupKey', value: 'chna' });
    expect(ratio.errors![0]!.extensions!.suggestions[0]).toBe('china');
    const absent = await execute(t.app, '{ financialTotals(metric: CAPEX, period: "2024") { ratioTo(groupKey: "uk") } }');
    expect(absent.errors).toBeUndefined();

    const { data } = await execute(t.app, '{ graphVersion }');
    const next = `cs-${Number(String(data!.graphVersion).slice(3)) + 1000}`;
    const future = onlyError(await execute(t.app, `{ changes(since: "${next}") { edges { node { id } } } }`), 'BAD_USER_INPUT');
    expect(future.message).toContain(`the latest is ${data!.graphVersion}`);
    expect((await execute(t.app, `{ changes(since: "${data!.graphVersion}") { edges { node { id } } } }`)).errors).toBeUndefined();
  });

  it('a period that exists but sums to nothing answers an empty list, as before', async () => {
    const response = await execute(t.app, '{ financialTotals(metric: CAPEX, period: "2025") { total } }');
    expect(response.errors).toBeUndefined();
  });
});

describe('root lookups answer null plus NOT_FOUND, the rest of the answer intact', () => {
  it('entity, company and source by an unknown key', async () => {
    const response = await execute(
      t.app,
      '{ ok: entity(key: "bytedance") { key } entity(key: "Bytedance") { key } company(key: "bytdance") { key } source(key: "caijing") { key } }',
    );
    expect(response.data).toEqual({ ok: { key: 'bytedance' }, entity: null, company: null, source: null });
    const byPath = Object.fromEntries(response.errors!.map((e) => [e.path!.join('.'), e]));
    expect(Object.keys(byPath).sort()).toEqual(['company', 'entity', 'source']);
    for (const error of response.errors!) expect(error.extensions!.code).toBe('NOT_FOUND');
    expect(byPath.entity!.extensions).toMatchObject({ argument: 'key', value: 'Bytedance' });
    expect(byPath.entity!.extensions!.suggestions[0]).toBe('bytedance');
    expect(byPath.entity!.message).toContain('Keys are case-sensitive (lower-case); did you mean "bytedance"?');
    expect(byPath.company!.extensions!.suggestions[0]).toBe('bytedance');
    expect(byPath.source!.extensions!.suggestions[0]).toMatch(/^caijing/);
  });

  it('company(key) of an entity that is not a company suggests companies only', async () => {
    const error = onlyError(await execute(t.app, '{ company(key: "h20") { key } }'), 'NOT_FOUND');
    expect(error.path).toEqual(['company']);
    expect(error.extensions!.suggestions).not.toContain('h20');
  });

  it('nodes answers null at the position of an unknown id, one NOT_FOUND error at its path', async () => {
    const response = await execute(t.app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Company { key } } }', {
      ids: [idOf('Company', 'bytedance'), idOf('Company', 'bytdance')],
    });
    expect(response.data).toEqual({ nodes: [{ id: idOf('Company', 'bytedance'), key: 'bytedance' }, null] });
    const error = onlyError(response, 'NOT_FOUND');
    expect(error.path).toEqual(['nodes', 1]);
    expect(error.extensions).toMatchObject({ argument: 'ids[1]', suggestions: expect.arrayContaining(['bytedance']) });
  });

  it('a malformed id is BAD_USER_INPUT at its position in nodes, and for node', async () => {
    const many = await execute(t.app, `{ nodes(ids: ["not-an-id", "${idOf('Chip', 'h20')}"]) { id } }`);
    expect(many.data).toEqual({ nodes: [null, { id: idOf('Chip', 'h20') }] });
    const error = onlyError(many, 'BAD_USER_INPUT');
    expect(error.path).toEqual(['nodes', 0]);
    expect(error.extensions).toMatchObject({ argument: 'ids[0]', value: 'not-an-id' });

    const one = await execute(t.app, '{ node(id: "not-an-id") { id } }');
    expect(one.data).toEqual({ node: null });
    expect(onlyError(one, 'BAD_USER_INPUT').extensions).toMatchObject({ argument: 'id' });
    const missing = await execute(t.app, `{ node(id: "${idOf('Chip', 'H2O')}") { id } }`);
    expect(missing.data).toEqual({ node: null });
    expect(onlyError(missing, 'NOT_FOUND').extensions!.suggestions[0]).toBe('h20');
  });
});

describe('valid inputs answer as before, with no error', () => {
  it('cost no statement for the check: filter keys are looked up only when the answer is empty', async () => {
    const statements = (query: string) => countRoundTrips(t.db, () => execute(t.app, query));
    const page = '{ companies(first: 5) { edges { node { key } } } }';
    const filtered = '{ companies(first: 5, filter: { country: "china" }) { edges { node { key } } } }';
    expect(await statements(filtered)).toBe(await statements(page));
    expect(await statements('{ quotes(about: "bytedance", first: 3) { edges { node { key } } } }')).toBe(1);
    expect(await statements('{ exposure(chip: "h20") { company { key } } }')).toBe(1);
  });

  it('every argument kind with a known value', async () => {
    const response = await execute(
      t.app,
      `{ exposure(chip: "h20") { company { key } }
         neighborhood(key: "bytedance") { truncated }
         companies(filter: { country: "china" }) { totalCount }
         financialTotals(metric: CAPEX, period: "2024") { groupKey total }
         entity(key: "h20") { key }
         company(key: "bytedance") { key }
         nodes(ids: ["${idOf('Chip', 'h20')}"]) { id } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.exposure.length).toBeGreaterThan(0);
    expect(response.data!.companies.totalCount).toBeGreaterThan(0);
    expect(response.data!.financialTotals.length).toBeGreaterThan(0);
    expect(response.data!.nodes).toEqual([{ id: idOf('Chip', 'h20') }]);
  });
});
