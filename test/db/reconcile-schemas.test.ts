import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';

// Every kind of answer /reconcile gives, validated against the JSON Schemas the W3C Entity
// Reconciliation Community Group publishes for version 0.2, read from the folder ATLAS_SPECS_DIR
// names (.ci/run sets it to ../shared/specs; README, "Tests", says where to download them): the
// repository holds no copy, as the specification repository carries no licence for them.
// They declare "http://json-schema.org/schema#" and use draft-06 keywords (contains), which Ajv's
// default draft-07 validates; the manifest's Swagger reference (authentication, unused here) gets a
// permissive stand-in, since the schemas are read offline.

const SPECS = process.env.ATLAS_SPECS_DIR;
const atlas = useTestApp();
const BASE = 'http://atlas.test/reconcile';

function validators(specDir: string): Record<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'http://swagger.io/v2/schema.json', definitions: { securityDefinitions: { additionalProperties: {} } } });
  const files = readdirSync(specDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
  for (const file of files) {
    const { $schema: _declared, ...schema } = JSON.parse(readFileSync(path.join(specDir, file), 'utf8'));
    ajv.addSchema(schema, file);
  }
  return Object.fromEntries(files.map((file) => [file.replace(/\.json$/, ''), ajv.getSchema(file)!]));
}
const schemas: Record<string, ValidateFunction> = SPECS ? validators(path.join(SPECS, 'reconciliation-api-0.2')) : {};

function expectValid(schema: string, body: unknown) {
  const validate = schemas[schema];
  expect(validate, `${schema}.json is not in ${SPECS}/reconciliation-api-0.2`).toBeDefined();
  const valid = validate!(body);
  expect(validate!.errors ?? [], `${schema}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  expect(valid).toBe(true);
}

const get = async (pathAndQuery: string) => {
  const response = await atlas.app.fetch(`${BASE}${pathAndQuery}`);
  expect(response.status, pathAndQuery).toBe(200);
  return response.json();
};
const postForm = (form: Record<string, string>) =>
  atlas.app.fetch(BASE, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

const QUERIES = {
  q0: { query: 'NVIDIA Corp', type: 'Company', limit: 3 },
  q1: { query: '騰訊控股', type: ['Company', 'CompanyGroup'], type_strict: 'any' },
  q2: { query: 'H20', type: 'Chip', properties: [{ pid: 'vendor', v: { id: 'nvidia', name: 'Nvidia' } }] },
  q3: {
    query: 'Alibaba',
    properties: [
      { pid: 'country', v: ['China', 'CN'] },
      { pid: 'ticker', v: 'BABA' },
    ],
  },
  q4: { query: 'zzzz no such thing' },
  q5: { query: 'Colossus', type: 'DataCenter' },
};

describe.skipIf(!SPECS)('/reconcile answers validate against the Reconciliation API 0.2 schemas (ATLAS_SPECS_DIR)', () => {
  it('the queries the tests send are valid batches themselves', () => {
    expectValid('reconciliation-query-batch', QUERIES);
  });

  it('manifest', async () => {
    expectValid('manifest', await get(''));
  });

  it('reconciliation results, by POST form and by GET', async () => {
    const response = await postForm({ queries: JSON.stringify(QUERIES) });
    const results = await response.json();
    expectValid('reconciliation-result-batch', results);
    expect(Object.keys(results)).toEqual(Object.keys(QUERIES));
    expectValid('reconciliation-result-batch', await get(`?queries=${encodeURIComponent(JSON.stringify({ a: { query: '百度' } }))}`));
  });

  it('suggest: entities, types and properties, also when nothing matches', async () => {
    for (const prefix of ['nvi', '阿里', 'h1', 'zzzz'])
      expectValid('suggest-entities-response', await get(`/suggest/entity?prefix=${encodeURIComponent(prefix)}`));
    expectValid('suggest-entities-response', await get('/suggest/entity?prefix=h&type=Chip'));
    for (const prefix of ['c', 'data', 'zzzz']) expectValid('suggest-types-response', await get(`/suggest/type?prefix=${prefix}`));
    for (const prefix of ['c', 'fig', 'zzzz']) expectValid('suggest-properties-response', await get(`/suggest/property?prefix=${prefix}`));
  });

  it('data extension: property proposals for every type, and an extension of every property', async () => {
    const manifest = await get('');
    const types = (await get('/suggest/type?prefix=')).result as { id: string }[];
    expect(types.length).toBeGreaterThan(5);
    const proposed = new Set<string>();
    for (const { id } of types) {
      const proposal = await get(`/propose_properties?type=${id}&limit=40`);
      expectValid('data-extension-property-proposal', proposal);
      for (const p of proposal.properties) proposed.add(p.id);
    }
    const query = {
      ids: ['amazon', 'nvidia', 'h20', 'colossus', 'stargate', 'us', 'no-such-key'],
      properties: [...proposed].map((id) => ({ id, settings: id === 'figure:CAPEX' ? { period: '2024' } : {} })),
    };
    expectValid('data-extension-query', query);
    const response = await postForm({ extend: JSON.stringify(query) });
    const extension = await response.json();
    expectValid('data-extension-response', extension);
    const values = Object.values(extension.rows as Record<string, Record<string, unknown[]>>).flatMap((row) => Object.values(row).flat());
    for (const kind of ['str', 'float', 'int', 'date', 'id'])
      expect(
        values.some((v) => kind in (v as object)),
        kind,
      ).toBe(true);
    expect(manifest.extend.property_settings.map((s: { name: string }) => s.name)).toEqual(['period', 'unit']);
  });
});

describe('/reconcile refuses bad input with a coded 400', () => {
  it.each([
    ['malformed JSON', { queries: '{"q0": {"query": ' }, 'BAD_RECONCILE_QUERY'],
    ['a query that is not an object', { queries: '{"q0": "Nvidia"}' }, 'BAD_RECONCILE_QUERY'],
    ['an unknown type', { queries: '{"q0": {"query": "Nvidia", "type": "Compnay"}}' }, 'UNKNOWN_TYPE'],
    ['an unknown property', { queries: '{"q0": {"query": "Nvidia", "properties": [{"pid": "contry", "v": "US"}]}}' }, 'UNKNOWN_PROPERTY'],
    ['too many queries', { queries: JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, { query: 'x' }]))) }, 'TOO_MANY_QUERIES'],
    ['an unknown extension property', { extend: '{"ids": ["nvidia"], "properties": [{"id": "capex"}]}' }, 'UNKNOWN_PROPERTY'],
    ['a JSONP callback that is not a name', { callback: 'alert(1)//' }, 'BAD_CALLBACK'],
  ])('%s', async (_, form, code) => {
    const response = await postForm(form);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.errors[0].message.length).toBeGreaterThan(10);
  });

  it('names the closest type', async () => {
    const body = await (await postForm({ queries: '{"q0": {"query": "Nvidia", "type": "Compnay"}}' })).json();
    expect(body.errors[0].extensions).toMatchObject({ value: 'Compnay', suggestions: expect.arrayContaining(['Company']) });
  });

  // Any origin is allowed: Yoga's CORS answers it by naming the page's origin, without credentials.
  it('lets a browser page from any origin call it (CORS), preflight included', async () => {
    const preflight = await atlas.app.fetch(BASE, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:3333', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3333');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const response = await atlas.app.fetch(BASE, { headers: { origin: 'http://127.0.0.1:3333' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3333');
  });
});
