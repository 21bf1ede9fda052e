import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../../helpers.js';
import { ARTICLE, CURATOR, seedItems } from './seed-files.js';

// General knowledge: cited only to the curators' own source, and gone from what the article is
// cited for.

const t = useTestApp();

describe('general knowledge', () => {
  it("is cited only to the curators' own source, never to the article", async () => {
    const items = await seedItems();
    const curator = items.find(({ item }) => item.key === CURATOR)!.item;
    expect(curator).toMatchObject({ kind: 'CURATOR_KNOWLEDGE', url: null, title: "Curators' general knowledge (not from the article)" });
    const citing = items.filter(({ item }) => item.sources?.includes(CURATOR));
    expect(citing.map(({ item }) => `${item.from} ${item.type} ${item.to}`).sort()).toEqual([
      'alibaba-cloud SUBSIDIARY_OF alibaba',
      'aws SUBSIDIARY_OF amazon',
    ]);
    for (const { item } of citing) expect(item.sources).toEqual([CURATOR]);
    // and in the graph, where a public dataset may state other parents (the 1260H list's)
    const rows = await t.db.read<{ sources: string[] }>(
      `MATCH (a:Company)-[r:SUBSIDIARY_OF]->(b:Company) WHERE [a.key, b.key] IN $pairs RETURN r.sources AS sources`,
      {
        pairs: citing.map(({ item }) => [item.from, item.to]),
      },
    );
    expect(rows).toHaveLength(citing.length);
    for (const row of rows) expect(row.sources).toEqual([CURATOR]);
  });

  it('is gone from what the article is cited for', async () => {
    const byKey = Object.fromEntries((await seedItems()).filter(({ item }) => item.key).map(({ item }) => [item.key, item]));
    expect(byKey.google.aliases).not.toContain('Alphabet');
    expect(byKey.google.aliases).not.toContain('GOOGL');
    expect(byKey.softbank.description).not.toMatch(/Japan/);
    expect(byKey.tesla.kind).not.toBe('AUTOMAKER');
    expect(byKey.bytedance.aliases).not.toContain('抖音集团');
    expect(byKey.deepseek.nameZh ?? null).not.toBe('深度求索');
    // The export controls are the US government's (美國政府的芯片出口管制), not said to be Trump's.
    expect(byKey['us-government'].name).not.toMatch(/Trump/);
    expect(byKey['us-government'].aliases).not.toContain('特朗普政府');
    const issuers = await t.db.read<{ to: string }>(`MATCH (:Policy {key: 'us-export-controls-ai-chips'})-[:ISSUED_BY]->(n) RETURN n.key AS to ORDER BY to`);
    expect(issuers.map((r) => r.to)).toEqual(['us-department-of-commerce', 'us-government']);
    const { data } = await execute(t.app, '{ search(text: "Alphabet", first: 5) { edges { node { key } } } }');
    expect(data!.search.edges.map((e: any) => e.node.key)).not.toContain('google');
  });
});

describe('general knowledge left after review 1 (review 2, N9, N10, E14)', () => {
  it('is gone from names, aliases, kinds and descriptions', async () => {
    const byKey = Object.fromEntries((await seedItems()).filter(({ item }) => item.key).map(({ item }) => [item.key, item]));
    expect(byKey.hsbc.kind).toBe('OTHER');
    expect(byKey.hsbc.description).not.toMatch(/\bbank\b/i);
    expect(byKey.nomura.kind).toBe('OTHER');
    expect(byKey.caijing.description).not.toMatch(/business magazine/);
    expect(byKey['white-house'].description).not.toMatch(/presiden/i);
    expect(byKey['deepseek-r1'].description).not.toMatch(/reasoning/);
    expect(byKey['us-reciprocal-tariffs'].description).not.toMatch(/centre|center/);
    expect(byKey['alibaba-cloud'].description).not.toMatch(/Qwen/);
    expect(byKey['tongyi-llm'].name).not.toMatch(/Qwen/);
    const outside: Record<string, string[]> = {
      nomura: ['Nomura Holdings'],
      'tongyi-llm': ['Qwen', 'Tongyi Qianwen'],
      deepseek: ['DeepSeek AI'],
      xai: ['X.AI'],
      gcp: ['Google Cloud'],
      oci: ['Oracle Cloud'],
      caijing: ['Caijing Magazine'],
      microsoft: ['MSFT'],
      nvidia: ['NVDA'],
      alibaba: ['Alibaba Group', 'BABA'],
      tencent: ['Tencent Holdings', '0700.HK'],
      'jensen-huang': ['Jen-Hsun Huang'],
      stargate: ['Stargate Project'],
    };
    for (const [key, aliases] of Object.entries(outside)) for (const alias of aliases) expect(byKey[key].aliases, key).not.toContain(alias);
    const { data } = await execute(t.app, '{ qwen: search(text: "Qwen", first: 5) { edges { node { key } } } }');
    expect(data!.qwen.edges).toEqual([]);
  });

  it('leave a finding about what its sentence says, citing only the article', async () => {
    const finding = (await seedItems()).find(({ item }) => item.key === 'finding-china-first-risk-supply-cutoff')!.item;
    expect(finding.about).toEqual(['china']);
    expect(finding.sources).toEqual([ARTICLE]);
  });

  it('give a chip whose market the article does not state the market UNSTATED', async () => {
    const { data, errors } = await execute(t.app, '{ chips(first: 100) { edges { node { key market } } } __type(name: "ChipMarket") { enumValues { name } } }');
    expect(errors).toBeUndefined();
    expect(data!.__type.enumValues.map((v: any) => v.name)).toContain('UNSTATED');
    const market = Object.fromEntries(data!.chips.edges.map((e: any) => [e.node.key, e.node.market]));
    expect(market['domestic-mainstream-ai-chip']).toBe('UNSTATED');
    expect(market.h20).toBe('CHINA_SPECIFIC');
    for (const key of ['a100', 'a800', 'h800', 'b100']) expect(market[key], key).toBe('UNSTATED');
  });
});
