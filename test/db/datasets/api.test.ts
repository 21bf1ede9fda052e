import { describe, expect, it } from 'vitest';
import { LISTS, OWNERS, SHA, useFixtureGraph } from './api-fixtures.js';
import { countRoundTrips, errorCodes, execute, type GraphQLResponse } from '../../helpers.js';

// What the public datasets add, served through the API: hand-written dataset items in the shapes
// of src/ingest/shapes.ts (written here into a temp dir, not real data), imported into a seeded
// graph of this file's own.

const { graph, data } = useFixtureGraph('datasets-api', 'datasets-api-writer-secret-01');

const keys = (items: { key: string }[]) => items.map((item) => item.key).sort();

describe('dataset sources', () => {
  it('serves license, sha256 and rowCount, and lists datasets by kind', async () => {
    const d = await data(`{ sources(kind: DATASET, first: 10) { totalCount edges { node { key kind license sha256 rowCount } } } }`);
    expect(d.sources.totalCount).toBe(2);
    expect(d.sources.edges.map((e: any) => e.node)).toEqual([
      { key: LISTS, kind: 'DATASET', license: null, sha256: 'b'.repeat(64), rowCount: 2 },
      { key: OWNERS, kind: 'DATASET', license: 'CC BY 4.0', sha256: SHA, rowCount: 3 },
    ]);
  });

  it('cites a dataset in every style: Epoch AI as author, title, [Data set], url, retrieved date, license', async () => {
    const d = await data(`{ entity(key: "${OWNERS}") { ... on Source { text: citation bib: citation(style: BIBTEX) csl: citation(style: CSL_JSON) } } }`);
    expect(d.entity.text).toBe(
      'Epoch AI. AI Chip Owners (test) [Data set]. 2025-06. https://example.org/data/ai-chip-owners.csv (retrieved 2025-07-01). License: CC BY 4.0.',
    );
    expect(d.entity.bib).toContain('@misc{test-epoch-chip-owners,');
    expect(d.entity.bib).toContain('author = {{Epoch AI}}');
    expect(d.entity.bib).toContain('note = {[Data set]. License: CC BY 4.0}');
    expect(d.entity.bib).toContain('urldate = {2025-07-01}');
    expect(JSON.parse(d.entity.csl)).toMatchObject({
      type: 'dataset',
      author: [{ literal: 'Epoch AI' }],
      publisher: 'Epoch AI',
      license: 'CC BY 4.0',
      URL: 'https://example.org/data/ai-chip-owners.csv',
      accessed: { 'date-parts': [[2025, 7, 1]] },
    });
  });
});

describe('entities: identifiers, chip specs, sites', () => {
  it('parses identifiers with their source', async () => {
    const d = await data(
      `{ company(key: "nvidia") { identifiers { scheme value source { key } } } alibaba: company(key: "alibaba") { identifiers { value } } }`,
    );
    expect(d.company.identifiers).toEqual([
      { scheme: 'SEC_CIK', value: '1045810', source: { key: OWNERS } },
      { scheme: 'TICKER', value: 'NVDA', source: { key: OWNERS } },
    ]);
    expect(d.alibaba.identifiers).toEqual([]);
  });

  it('serves chip specs in SI units, and data center places', async () => {
    const d = await data(`{
      chip: entity(key: "h100") { ... on Chip { releasedOn tdpWatts memoryBytes bf16FlopsPerSecond fp8FlopsPerSecond processNm foundry chipType
        families { key } variants { key } hostedAt { units dataCenter { key } locator } } }
      site: entity(key: "test-site") { ... on DataCenter { kind address latitude longitude firstOperationalOn
        phases { key } operators { key } users { key } chips { units chip { key } } } }
      phase: entity(key: "test-site-phase-1") { ... on DataCenter { phaseOf { key } } }
    }`);
    expect(d.chip).toMatchObject({
      releasedOn: '2022-03',
      tdpWatts: 700,
      memoryBytes: 80e9,
      bf16FlopsPerSecond: 9.89e14,
      fp8FlopsPerSecond: null,
      processNm: 4,
    });
    expect(d.chip).toMatchObject({
      foundry: 'TSMC',
      chipType: 'GPU',
      variants: [{ key: 'h20' }],
      hostedAt: [{ units: 100000, dataCenter: { key: 'test-site' }, locator: null }],
    });
    expect(keys(d.chip.families)).toEqual(['h100-h200', 'hopper']);
    expect(d.site).toEqual({
      kind: 'SITE',
      address: '3231 Paul R. Lowry Rd, Memphis, TN',
      latitude: 35.06,
      longitude: -90.15,
      firstOperationalOn: '2024-09',
      phases: [{ key: 'test-site-phase-1' }],
      operators: [{ key: 'xai' }],
      users: [{ key: 'openai' }],
      chips: [{ units: 100000, chip: { key: 'h100' } }],
    });
    expect(d.phase.phaseOf).toEqual({ key: 'test-site' });
  });
});

describe('questions across sources', () => {
  it("lists a company's designations, ended ones included, with dates, evidence and the row", async () => {
    const d = await data(`{
      alibaba: company(key: "alibaba") { designations { policy { key kind } since until current locator confidence evidence sources { key } } }
      bytedance: company(key: "bytedance") { designations { policy { key } since until current locator confidence } }
      list: entity(key: "test-designation-list") { ... on Policy { targets { target { key } since until current } } }
      policies(kind: DESIGNATION_LIST) { edges { node { key } } }
    }`);
    expect(d.alibaba.designations).toEqual([
      {
        policy: { key: 'test-designation-list', kind: 'DESIGNATION_LIST' },
        since: '2024-01-15',
        until: null,
        current: true,
        locator: 'line 2: Alibaba',
        confidence: null,
        evidence: 'row 1: Alibaba, added 2024-01-15',
        sources: [{ key: LISTS }],
      },
    ]);
    expect(d.bytedance.designations).toEqual([
      {
        policy: { key: 'test-designation-list' },
        since: '2020-01-01',
        until: '2021-06-01',
        current: false,
        locator: 'line 3: ByteDance',
        confidence: 'CONFIRMED',
      },
    ]);
    expect(d.list.targets).toEqual([
      { target: { key: 'alibaba' }, since: '2024-01-15', until: null, current: true },
      { target: { key: 'bytedance' }, since: '2020-01-01', until: '2021-06-01', current: false },
    ]);
    expect(d.policies.edges.map((e: any) => e.node.key)).toEqual(['test-designation-list']);
  });

  it("answers a company's data centers (OPERATES and USES) and its per-chip holdings by period", async () => {
    const d = await data(`{
      xai: company(key: "xai") { dataCenters { key } dataCenterLinks { relation dataCenter { key } }
        chipHoldings(period: "2025") { metric item { key } value estimate } }
      openai: company(key: "openai") { dataCenters { key } dataCenterLinks { relation dataCenter { key } } }
      group: entity(key: "china-ai-chip-buyers") { ... on CompanyGroup { chips { chip { key } locator confidence }
        chipHoldings(item: "h20") { value valueLow valueHigh date period locator confidence item { key } } } }
    }`);
    expect(keys(d.xai.dataCenters)).toEqual(['colossus', 'test-site']);
    expect(d.openai.dataCenterLinks).toEqual([{ relation: 'USES', dataCenter: { key: 'test-site' } }]);
    expect(d.xai.chipHoldings).toEqual([
      { metric: 'H100_EQUIVALENTS', item: { key: 'h100-h200' }, value: 200000, estimate: true },
      { metric: 'HARDWARE_COST', item: { key: 'h100-h200' }, value: 5e9, estimate: true },
    ]);
    expect(d.group.chips).toEqual([{ chip: { key: 'h20' }, locator: 'line 2: Buyers in China H20', confidence: 'LIKELY' }]);
    expect(d.group.chipHoldings).toEqual([
      {
        value: 500000,
        valueLow: 300000,
        valueHigh: 800000,
        date: '2025-06-30',
        period: '2025',
        locator: 'line 2: Buyers in China H20',
        confidence: 'LIKELY',
        item: { key: 'h20' },
      },
    ]);
  });

  it('reaches owners of a chip through its merged class and family, and of a family through its members', async () => {
    const d = await data(`{
      h100: entity(key: "h100") { ... on Chip { owners { route owner { key } item { key } locator figures { metric value } } } }
      hopper: entity(key: "hopper") { ... on ChipFamily { classes { key } owners(routes: [MEMBER]) { owner { key } item { key } } } }
      h20: entity(key: "h20") { ... on Chip { owners { route owner { key __typename } figures { value valueLow valueHigh } } } }
    }`);
    const h100 = d.h100.owners.map((o: any) => `${o.route}:${o.owner.key}:${o.item.key}`);
    expect(h100).toContain('CLASS:xai:h100-h200');
    expect(h100).toContain('FAMILY:xai:hopper');
    const viaClass = d.h100.owners.find((o: any) => o.route === 'CLASS');
    expect(viaClass.locator).toBe('line 4: xAI H100/H200');
    expect(viaClass.figures).toEqual([
      { metric: 'H100_EQUIVALENTS', value: 200000 },
      { metric: 'HARDWARE_COST', value: 5e9 },
    ]);
    expect(d.hopper.classes).toEqual([{ key: 'h100-h200' }]);
    expect(d.hopper.owners.map((o: any) => `${o.owner.key}:${o.item.key}`)).toContain('xai:h100-h200');
    expect(d.hopper.owners.map((o: any) => `${o.owner.key}:${o.item.key}`)).toContain('china-ai-chip-buyers:h20');
    const group = d.h20.owners.find((o: any) => o.owner.key === 'china-ai-chip-buyers');
    expect(group).toEqual({
      route: 'DIRECT',
      owner: { key: 'china-ai-chip-buyers', __typename: 'CompanyGroup' },
      figures: [{ value: 500000, valueLow: 300000, valueHigh: 800000 }],
    });
    // Hopper's buyers are no owners of the China-only H20 unless placed in China.
    expect(d.h20.owners.filter((o: any) => o.route === 'FAMILY').map((o: any) => o.owner.key)).not.toContain('microsoft');
  });

  it('says which lists name each exposed company, in the one statement, and answers groups beside companies', async () => {
    let response: GraphQLResponse | undefined;
    const statements = await countRoundTrips(graph.db, async () => {
      response = await execute(graph.app, `{ exposure(chip: "h20") { company { key } designations { policy { key } since until current locator } } }`);
    });
    expect(response!.errors).toBeUndefined();
    expect(statements).toBe(1);
    const byCompany = Object.fromEntries(response!.data!.exposure.map((e: any) => [e.company.key, e.designations]));
    expect(Object.keys(byCompany).sort()).toEqual(['alibaba', 'bytedance', 'tencent']);
    expect(byCompany.alibaba).toEqual([
      { policy: { key: 'test-designation-list' }, since: '2024-01-15', until: null, current: true, locator: 'line 2: Alibaba' },
    ]);
    expect(byCompany.bytedance[0]).toMatchObject({ until: '2021-06-01', current: false });
    expect(byCompany.tencent).toEqual([]);

    const groups = await data(`{ groupExposure(chip: "h20") { basis group { key name } policies { key } routes paths { relationships { type locator } } } }`);
    expect(groups.groupExposure).toHaveLength(1);
    expect(groups.groupExposure[0]).toMatchObject({
      basis: 'STATED',
      group: { key: 'china-ai-chip-buyers', name: 'Buyers in China (Epoch AI aggregate)' },
      policies: [{ key: 'us-h20-export-restriction' }],
      routes: ['DIRECT'],
    });
    const relationships = groups.groupExposure[0].paths.flatMap((p: any) => p.relationships);
    expect(relationships).toContainEqual({ type: 'BUYS', locator: 'line 2: Buyers in China H20' });
  });
});

describe('root connections with filters', () => {
  it('browses data centers by country, owner, status, kind and chip', async () => {
    const d = await data(`{
      us: dataCenters(country: "us", kind: SITE) { totalCount edges { node { key } } }
      owned: dataCenters(owner: "openai") { edges { node { key } } }
      hopper: dataCenters(chip: "hopper", status: OPERATING) { edges { node { key } } }
      none: dataCenters(kind: SITE, status: PLANNED) { totalCount }
    }`);
    expect(d.us.edges.map((e: any) => e.node.key)).toEqual(['test-site']);
    expect(d.us.totalCount).toBe(1);
    expect(d.owned.edges.map((e: any) => e.node.key)).toEqual(['test-site']);
    expect(d.hopper.edges.map((e: any) => e.node.key)).toContain('test-site');
    expect(d.none.totalCount).toBe(0);
  });

  it('filters chips by designer and family (two levels)', async () => {
    const d = await data(`{
      cls: chips(family: "h100-h200") { edges { node { key } } }
      hopper: chips(family: "hopper") { edges { node { key } } }
      nvidia: chips(vendor: "nvidia", first: 50) { edges { node { key } } }
    }`);
    expect(d.cls.edges.map((e: any) => e.node.key)).toEqual(['h100', 'h200']);
    expect(d.hopper.edges.map((e: any) => e.node.key)).toEqual(expect.arrayContaining(['h100', 'h20', 'h200']));
    expect(d.nvidia.edges.map((e: any) => e.node.key)).toContain('h100');
  });

  it('refuses unknown filter keys with a coded BAD_USER_INPUT naming the argument', async () => {
    for (const [query, argument] of [
      ['{ dataCenters(owner: "no-such-company") { totalCount } }', 'owner'],
      ['{ dataCenters(country: "atlantis") { totalCount } }', 'country'],
      ['{ chips(family: "no-such-family") { totalCount } }', 'family'],
    ] as const) {
      const response = await execute(graph.app, query);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.argument).toBe(argument);
    }
  });
});

describe('totals and provenance of figures and links', () => {
  it('leaves per-chip figures out of company totals and says when a total adds estimates', async () => {
    const bare = await data(`{ financialTotals(metric: HARDWARE_COST, period: "2025", groupBy: KIND) { total unit includesEstimates method } }`);
    expect(bare.financialTotals).toHaveLength(1);
    expect(bare.financialTotals[0]).toMatchObject({ total: 7e9, unit: 'USD', includesEstimates: true });
    expect(bare.financialTotals[0].method).toMatch(/Includes estimates/);
    const live = await data(
      `{ financialTotals(metric: HARDWARE_COST, period: "2025", groupBy: KIND) { total includesEstimates facts { value } excluded { value item { key } } } }`,
    );
    expect(live.financialTotals[0]).toEqual({
      total: 7e9,
      includesEstimates: true,
      facts: [{ value: 7e9 }],
      excluded: [{ value: 5e9, item: { key: 'h100-h200' } }],
    });
    const capex = await data(`{ financialTotals(metric: CAPEX, period: "2024") { groupKey includesEstimates } }`);
    expect(capex.financialTotals.every((t: any) => t.includesEstimates === false)).toBe(true);
  });

  it('serves locator and confidence on links in paths and on each support statement', async () => {
    const d = await data(
      `{ paths(from: "china-ai-chip-buyers", to: "h20", maxHops: 1) { relationships { type locator confidence support { locator confidence source { key } } } } }`,
    );
    expect(d.paths[0].relationships).toEqual([
      {
        type: 'BUYS',
        locator: 'line 2: Buyers in China H20',
        confidence: 'LIKELY',
        support: [{ locator: 'line 2: Buyers in China H20', confidence: 'LIKELY', source: { key: OWNERS } }],
      },
    ]);
  });
});
