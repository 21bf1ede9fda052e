import { describe, expect, it } from 'vitest';
import { countRoundTrips, execute, useTestApp } from '../helpers.js';

// The requests OpenRefine (3.x) sends when an analyst reconciles a column against this service
// and then adds columns from it, replayed against the seed graph: the manifest, batches of ten
// names POSTed form-encoded as `queries=`, a preview flyout, suggest boxes, and data extension.

const atlas = useTestApp();
const BASE = 'http://atlas.test/reconcile';
const OPENREFINE_HEADERS = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'user-agent': 'OpenRefine/3.8.7' };

const post = (form: Record<string, string>, path = '') =>
  atlas.app.fetch(`${BASE}${path}`, { method: 'POST', headers: OPENREFINE_HEADERS, body: new URLSearchParams(form).toString() });

async function reconcileBatch(queries: Record<string, unknown>) {
  const response = await post({ queries: JSON.stringify(queries) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, { result: { id: string; name: string; score: number; match: boolean; type: { id: string }[] }[] }>;
}

/** Name → expected key, type (OpenRefine sends the type the analyst picked for the column). */
const COLUMN: [name: string, key: string, type: string][] = [
  ['NVIDIA Corp', 'nvidia', 'Company'],
  ['阿里巴巴', 'alibaba', 'Company'],
  ['阿里巴巴集團', 'alibaba', 'Company'],
  ['Alibaba Group Holding Ltd', 'alibaba', 'Company'],
  ['騰訊控股', 'tencent', 'Company'],
  ['騰訊', 'tencent', 'Company'],
  ['Tencent Holdings', 'tencent', 'Company'],
  ['字节跳动', 'bytedance', 'Company'],
  ['Microsoft Corporation', 'microsoft', 'Company'],
  ['Meta Platforms, Inc.', 'meta', 'Company'],
  ['百度', 'baidu', 'Company'],
  ['华为', 'huawei', 'Company'],
  ['ＡＭＡＺＯＮ．ＣＯＭ， ＩＮＣ．', 'amazon', 'Company'],
  ['中國移動', 'china-mobile', 'Company'],
];

describe('OpenRefine reconciling a column', () => {
  it('reads the manifest, as JSON and as JSONP', async () => {
    const response = await atlas.app.fetch(BASE);
    const manifest = await response.json();
    expect(manifest.versions).toContain('0.2');
    expect(manifest.view.url).toBe('http://atlas.test/?view=entity&key={{id}}');
    expect(manifest.defaultTypes.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['Company', 'Chip', 'Country', 'DataCenter', 'Policy']));
    const jsonp = await atlas.app.fetch(`${BASE}?callback=jsonp1234`);
    expect(jsonp.headers.get('content-type')).toContain('javascript');
    const text = await jsonp.text();
    expect(text).toMatch(/^\/\*\*\/jsonp1234\(\{.*\}\);$/s);
    expect(JSON.parse(text.slice('/**/jsonp1234('.length, -2))).toEqual(manifest);
  });

  it('matches a dozen names in English, simplified and traditional Chinese, in batches of ten, one statement each', async () => {
    const batches = [COLUMN.slice(0, 10), COLUMN.slice(10)];
    const answers: Awaited<ReturnType<typeof reconcileBatch>> = {};
    for (const [b, batch] of batches.entries()) {
      const queries = Object.fromEntries(batch.map(([name, , type], i) => [`q${b * 10 + i}`, { query: name, type, type_strict: 'should' }]));
      const statements = await countRoundTrips(atlas.db, async () => Object.assign(answers, await reconcileBatch(queries)));
      expect(statements).toBe(1);
    }
    COLUMN.forEach(([name, key], i) => {
      const [best] = answers[`q${i}`]!.result;
      expect({ name, key: best?.id, match: best?.match }).toEqual({ name, key, match: true });
      expect(best!.type[0]!.id).toBe('Company');
    });
    expect(answers.q0!.result[0]!.score).toBe(100);
    expect(answers.q9!.result[0]!.score).toBeGreaterThanOrEqual(85);
  });

  it('matches a chip under type Chip, and sends candidates, not a match, for an ambiguous or weak name', async () => {
    const answers = await reconcileBatch({
      q0: { query: 'H20', type: 'Chip' },
      q1: { query: '英偉達H20', type: 'Chip' },
      q2: { query: 'Nvidia', type: 'Chip' },
      q3: { query: 'Alibab', type: 'Company' },
    });
    expect(answers.q0!.result[0]).toMatchObject({ id: 'h20', match: true, score: 100, type: [{ id: 'Chip', name: 'Chip' }] });
    expect(answers.q1!.result[0]).toMatchObject({ id: 'h20', match: true });
    expect(answers.q2!.result.length).toBeGreaterThan(1);
    expect(answers.q2!.result.every((c) => !c.match && c.type[0]!.id === 'Chip')).toBe(true);
    expect(answers.q3!.result[0]).toMatchObject({ id: 'alibaba', match: false });
  });

  it('uses property constraints: the country tells a namesake apart, a wrong one takes the match away', async () => {
    const answers = await reconcileBatch({
      q0: { query: 'Alibaba', type: 'Company', properties: [{ pid: 'country', v: 'China' }] },
      q1: { query: 'Alibaba', type: 'Company', properties: [{ pid: 'country', v: 'United States' }] },
      q2: { query: 'H20', type: 'Chip', properties: [{ pid: 'vendor', v: { id: 'nvidia', name: 'Nvidia' } }] },
    });
    expect(answers.q0!.result[0]).toMatchObject({ id: 'alibaba', match: true, score: 100 });
    expect(answers.q1!.result[0]).toMatchObject({ match: false });
    expect(answers.q1!.result.find((c) => c.id === 'alibaba')!.score).toBe(70);
    expect(answers.q2!.result[0]).toMatchObject({ id: 'h20', match: true });
  });

  it('answers the same batch by GET ?queries=', async () => {
    const queries = JSON.stringify({ q0: { query: 'Tencent Holdings' } });
    const response = await atlas.app.fetch(`${BASE}?queries=${encodeURIComponent(queries)}`);
    expect((await response.json()).q0.result[0]).toMatchObject({ id: 'tencent', match: true });
  });

  it('previews a candidate as a small self-contained page', async () => {
    const response = await atlas.app.fetch(`${BASE}/preview?id=tencent`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('Tencent');
    expect(html).toContain('腾讯');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/);
    expect((await atlas.app.fetch(`${BASE}/preview?id=no-such-key`)).status).toBe(404);
  });

  it('suggests entities, types and properties by prefix', async () => {
    const entities = await (await atlas.app.fetch(`${BASE}/suggest/entity?prefix=tenc`)).json();
    expect(entities.result[0]).toMatchObject({ id: 'tencent', name: 'Tencent' });
    const chinese = await (await atlas.app.fetch(`${BASE}/suggest/entity?prefix=${encodeURIComponent('字節')}&type=Company`)).json();
    expect(chinese.result[0].id).toBe('bytedance');
    const types = await (await atlas.app.fetch(`${BASE}/suggest/type?prefix=dat`)).json();
    expect(types.result.map((t: { id: string }) => t.id)).toEqual(['DataCenter']);
    const properties = await (await atlas.app.fetch(`${BASE}/suggest/property?prefix=cap`)).json();
    expect(properties.result.map((p: { id: string }) => p.id)).toContain('figure:CAPEX');
  });

  it('extends reconciled rows with the figures the GraphQL API states, and with country, kind and links', async () => {
    const proposal = await (await atlas.app.fetch(`${BASE}/propose_properties?type=Company`)).json();
    expect(proposal.properties.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['country', 'kind', 'ticker', 'figure:CAPEX', 'figure:REVENUE']),
    );
    const ids = ['amazon', 'tencent', 'nvidia', 'bytedance', 'no-such-key'];
    const response = await post({
      extend: JSON.stringify({
        ids,
        properties: [{ id: 'figure:CAPEX', settings: { period: '2024' } }, { id: 'figure:REVENUE' }, { id: 'country' }, { id: 'kind' }],
      }),
    });
    expect(response.status).toBe(200);
    const extension = await response.json();
    for (const key of ids.slice(0, 4)) {
      const api = await execute(atlas.app, 'query ($key: String!) { entity(key: $key) { financials { metric period value } } }', { key });
      const figures = api.data!.entity.financials as { metric: string; period: string; value: number }[];
      const capex2024 = figures.filter((f) => f.metric === 'CAPEX' && f.period === '2024').map((f) => f.value);
      const revenue = figures.filter((f) => f.metric === 'REVENUE').map((f) => f.value);
      expect(extension.rows[key]['figure:CAPEX'].map((v: { float: number }) => v.float).sort()).toEqual(capex2024.sort());
      expect(extension.rows[key]['figure:REVENUE'].map((v: { float: number }) => v.float).sort()).toEqual(revenue.sort());
    }
    expect(extension.rows.amazon['figure:CAPEX']).toEqual([{ float: 77.7 }]);
    expect(extension.rows.tencent.country).toEqual([{ id: 'china', name: 'China' }]);
    expect(extension.rows.nvidia.kind).toEqual([{ str: 'CHIP_DESIGNER' }]);
    expect(extension.rows['no-such-key']).toEqual({ 'figure:CAPEX': [], 'figure:REVENUE': [], country: [], kind: [] });
    expect(extension.meta.find((m: { id: string }) => m.id === 'country').type).toEqual({ id: 'Country', name: 'Country' });
  });
});
