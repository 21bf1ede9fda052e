import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { errorCodes, execute, useTestApp } from '../helpers.js';
import { normalizeText } from '../../src/text/normalize.js';

const t = useTestApp();

describe('single entities', () => {
  it('reads a company with its headquarters, figures, chips and provenance', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ company(key: "bytedance") {
          __typename key name nameZh aliases kind country { key }
          financials(metric: CAPEX, period: "2024") { value unit stated estimate evidence sources { key } }
          chips { relation units period family { key } chip { key } derived evidence sources { key } }
          sources { key kind }
        } }`,
    );
    expect(errors).toBeUndefined();
    const company = data!.company;
    expect(company).toMatchObject({ __typename: 'Company', key: 'bytedance', name: 'ByteDance', nameZh: '字节跳动', country: { key: 'china' } });
    expect(company.aliases).toContain('字節跳動');
    // 111億美元 in the article's list of 2024 capex figures.
    expect(company.financials).toEqual([expect.objectContaining({ value: 11.1, unit: 'USD_BILLION', stated: '111億美元', estimate: false })]);
    expect(company.financials[0].evidence).toContain('111億美元');
    const hopper = company.chips.find((c: any) => c.relation === 'BUYS' && c.family?.key === 'hopper');
    expect(hopper).toMatchObject({ units: 230000, period: '2024', derived: false, chip: null });
    expect(hopper.evidence).toContain('Omdia');
    expect(hopper.sources.map((s: any) => s.key)).toEqual(expect.arrayContaining(['caijing-2025-us-cn-ai-compute-capex', 'omdia-2024-hopper-buyers']));
    const h20 = company.chips.find((c: any) => c.relation === 'DEPENDS_ON' && c.chip?.key === 'h20');
    expect(h20.derived).toBe(true);
    expect(company.sources.map((s: any) => s.key)).toContain('caijing-2025-us-cn-ai-compute-capex');
  });

  it('resolves any label through entity(key) and refetches through node(id) and nodes(ids)', async () => {
    const { data } = await execute(t.app, '{ entity(key: "h20") { __typename id key ... on Chip { market family { key } vendor { key } } } }');
    expect(data!.entity).toMatchObject({ __typename: 'Chip', key: 'h20', market: 'CHINA_SPECIFIC', family: { key: 'hopper' }, vendor: { key: 'nvidia' } });
    const id = data!.entity.id;
    const refetched = await execute(t.app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }', {
      ids: [id, encodeGlobalID('Company', 'no-such-company')],
    });
    expect(refetched.data!.nodes).toEqual([{ id, key: 'h20' }, null]);
    expect(refetched.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['nodes', 1], 'NOT_FOUND']]);
    const one = await execute(t.app, 'query ($id: ID!) { node(id: $id) { ... on Chip { key } } }', { id });
    expect(one.data!.node).toEqual({ key: 'h20' });
  });

  it('answers null plus NOT_FOUND for keys that do not exist or have another label, the rest intact', async () => {
    const response = await execute(
      t.app,
      `{ missing: company(key: "no-such-company") { key }
         wrongLabel: company(key: "h20") { key }
         nothing: entity(key: "no-such-entity") { key }
         ghost: node(id: "${encodeGlobalID('Chip', 'no-such-chip')}") { id } }`,
    );
    expect(response.data).toEqual({ missing: null, wrongLabel: null, nothing: null, ghost: null });
    expect(response.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  });

  it('gives an empty list for filters that match nothing', async () => {
    const response = await execute(t.app, '{ company(key: "amazon") { financials(metric: CAPEX, period: "1999") { value } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ company: { financials: [] } });
    // A filter naming no entity is a typo, not an empty filter.
    const nobody = await execute(t.app, '{ quotes(speaker: "nobody") { totalCount } }');
    expect(errorCodes(nobody)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('companies connection', () => {
  const keysOf = (connection: any): string[] => connection.edges.map((e: any) => e.node.key);

  it('filters by headquarters country, kind and name', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ us: companies(filter: { country: "us", kind: HYPERSCALER }, first: 50) { totalCount edges { node { key kind country { key } } } }
         byName: companies(filter: { nameContains: "字節跳動" }) { edges { node { key } } }
         byEnglish: companies(filter: { nameContains: "TENCENT" }) { edges { node { key } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.us.totalCount).toBe(data!.us.edges.length);
    for (const { node } of data!.us.edges) expect(node).toMatchObject({ kind: 'HYPERSCALER', country: { key: 'us' } });
    expect(keysOf(data!.us)).toEqual(expect.arrayContaining(['amazon', 'microsoft', 'google']));
    expect(keysOf(data!.byName)).toEqual(['bytedance']);
    expect(keysOf(data!.byEnglish)).toEqual(['tencent']);
  });

  it('walks every page without gaps or repeats, in name order', async () => {
    const all = await execute(t.app, '{ companies(first: 100) { totalCount edges { node { key name } } pageInfo { hasNextPage } } }');
    const everything = all.data!.companies;
    expect(everything.pageInfo.hasNextPage).toBe(false);
    expect(everything.edges.length).toBe(everything.totalCount);
    const names = everything.edges.map((e: any) => e.node.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));

    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: any = await execute(
        t.app,
        'query ($after: String) { companies(first: 4, after: $after) { edges { node { key } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
        { after },
      );
      const connection = response.data.companies;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      walked.push(...keysOf(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(walked).toEqual(keysOf(everything));
  });

  it('orders by key descending', async () => {
    const { data } = await execute(t.app, '{ companies(orderBy: { field: KEY, direction: DESC }, first: 100) { edges { node { key } } } }');
    const keys = keysOf(data!.companies);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  // Regression guard for offset-disguised cursors (neo4j/graphql#2685): a row inserted before the
  // cursor must not shift the next page.
  it('uses keyset cursors: inserting a row before the cursor does not shift the next page', async () => {
    const query = 'query ($after: String) { companies(first: 3, after: $after) { edges { node { key } } pageInfo { endCursor } } }';
    const first = await execute(t.app, query);
    const cursor = first.data!.companies.pageInfo.endCursor;
    const before = keysOf((await execute(t.app, query, { after: cursor })).data!.companies);
    await t.db.write(
      "CREATE (:Entity:Company {key: 'test-aaa-inserted', name: '!!! Inserted first', kind: 'OTHER', sources: ['caijing-2025-us-cn-ai-compute-capex']})",
    );
    try {
      const afterInsert = keysOf((await execute(t.app, query, { after: cursor })).data!.companies);
      expect(afterInsert).toEqual(before);
      expect(keysOf((await execute(t.app, query)).data!.companies)[0]).toBe('test-aaa-inserted');
    } finally {
      await t.db.write("MATCH (n:Entity {key: 'test-aaa-inserted'}) DETACH DELETE n");
    }
  });

  it.each([
    ['first: -1', /Argument "first" must be between 0 and 100 \(got -1\)/],
    ['first: 100000', /Argument "first" must be between 0 and 100 \(got 100000\)/],
    ['after: "not-a-cursor"', /Argument "after" is not a cursor of this connection/],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (args, message) => {
    const response = await execute(t.app, `{ companies(${args}) { edges { node { key } } } }`);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(message);
    expect(response.data).toBeNull();
  });

  it('rejects a cursor made for another order', async () => {
    const byName = await execute(t.app, '{ companies(first: 2) { pageInfo { endCursor } } }');
    const response = await execute(t.app, 'query ($after: String) { companies(orderBy: { field: KEY }, after: $after) { edges { cursor } } }', {
      after: byName.data!.companies.pageInfo.endCursor,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.argument).toBe('after');
  });
});

describe('chips, policies and quotes', () => {
  it('lists chips with their market', async () => {
    const { data } = await execute(t.app, '{ chips(first: 100) { totalCount edges { node { key market family { key } } } } }');
    const chips = Object.fromEntries(data!.chips.edges.map((e: any) => [e.node.key, e.node]));
    expect(data!.chips.totalCount).toBe(data!.chips.edges.length);
    expect(chips.h20).toMatchObject({ market: 'CHINA_SPECIFIC', family: { key: 'hopper' } });
    expect(chips.h100.market).toBe('GLOBAL');
  });

  it('filters policies by kind and shows what each one affects, with evidence', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ policies(kind: EXPORT_CONTROL) { totalCount edges { node { key kind status
          effects { relation target { key } evidence sources { key } } } } } }`,
    );
    expect(errors).toBeUndefined();
    const policies = data!.policies.edges.map((e: any) => e.node);
    expect(policies.length).toBe(data!.policies.totalCount);
    for (const policy of policies) expect(policy.kind).toBe('EXPORT_CONTROL');
    const h20Ban = policies.find((p: any) => p.key === 'us-h20-export-restriction');
    expect(h20Ban.effects).toContainEqual(expect.objectContaining({ relation: 'THREATENS', target: { key: 'h20' } }));
    for (const effect of policies.flatMap((p: any) => p.effects)) {
      expect(effect.evidence).toBeTruthy();
      expect(effect.sources.length).toBeGreaterThan(0);
    }
  });

  it('finds quotes by speaker and by subject', async () => {
    const { data } = await execute(
      t.app,
      `{ bySpeaker: quotes(speaker: "joe-tsai") { edges { node { text saidOn venue speaker { key } about { key } } } }
         aboutStargate: quotes(about: "stargate") { edges { node { key speaker { key } } } } }`,
    );
    const tsai = data!.bySpeaker.edges.map((e: any) => e.node);
    expect(tsai.length).toBeGreaterThan(0);
    expect(tsai[0]).toMatchObject({ speaker: { key: 'joe-tsai' }, saidOn: '2025-03' });
    expect(tsai[0].text).toContain('泡沫');
    expect(tsai[0].about.map((a: any) => a.key)).toContain('stargate');
    expect(data!.aboutStargate.edges.map((e: any) => e.node.speaker?.key)).toContain('joe-tsai');
  });
});

describe('provenance on every edge the API shows', () => {
  it('gives every chip use, policy link and figure of every company evidence and a source', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ companies(first: 100) { edges { node { key
          chips { evidence sources { key } }
          policies { evidence sources { key } }
          financials { evidence stated sources { key } } } } } }`,
    );
    expect(errors).toBeUndefined();
    let checked = 0;
    for (const { node } of data!.companies.edges) {
      for (const edge of [...node.chips, ...node.policies, ...node.financials]) {
        expect(edge.evidence, node.key).toBeTruthy();
        expect(edge.sources.length, node.key).toBeGreaterThan(0);
        // evidence is the clean text; stated is as written, so it is compared cleaned too.
        if ('stated' in edge) expect(edge.evidence).toContain(normalizeText(edge.stated));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
