import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/server.js';
import { errorCodes, graphCounts, type GraphQLResponse, limits, testDatabase } from '../helpers.js';

let db: Database;
let app: ReturnType<typeof createApp>;
const audit: unknown[] = [];
const WRITER_SECRET = 'writer-secret-key-0001';
const READER_SECRET = 'reader-secret-key-0001';
const OMDIA = 'omdia-2024-hopper-buyers';

async function send(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

const UPSERT_ENTITY = `mutation ($input: EntityInput!) {
  upsertEntity(input: $input) {
    __typename
    ... on MutationUpsertEntitySuccess { data { key name ... on Company { kind country { key } } sources { key } } }
    ... on ValidationError { message problems { field message } }
  }
}`;
const testCompany = {
  label: 'Company',
  key: 'test-curated-co',
  name: 'Test Curated Co',
  nameZh: '测试公司',
  properties: { kind: 'AI_LAB' },
  evidence: ['Test Curated Co buys chips.'],
  sources: [OMDIA],
};

beforeAll(() => {
  db = testDatabase();
  app = createApp({
    db,
    limits,
    apiKeys: parseApiKeys(`writer:${WRITER_SECRET}:read+write,reader:${READER_SECRET}:read`),
    audit: (entry) => audit.push(entry),
  });
});

afterAll(async () => {
  await db.write("MATCH (n) WHERE n.key STARTS WITH 'test-curated' DETACH DELETE n");
  await db.close();
});

describe('auth on mutations', () => {
  it.each([
    ['no key', undefined, 'UNAUTHENTICATED', /need an API key with the write scope/],
    ['a wrong key', 'not-a-configured-key-at-all', 'UNAUTHENTICATED', /API key is not valid/],
    ['a read-only key', READER_SECRET, 'FORBIDDEN', /"reader" lacks the write scope/],
  ])('refuses %s and changes nothing', async (_case, token, code, message) => {
    const before = await graphCounts(db);
    const response = await send(UPSERT_ENTITY, { input: testCompany }, token);
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors![0]!.message).toMatch(message);
    expect(await graphCounts(db)).toEqual(before);
    expect(JSON.stringify(response)).not.toContain('secret');
  });

  it('keeps reads open without a key', async () => {
    const response = await send('{ company(key: "bytedance") { key } }', {});
    expect(response.data).toEqual({ company: { key: 'bytedance' } });
  });
});

describe('upserts', () => {
  it('creates an entity with its provenance, idempotently, and records who did it', async () => {
    const response = await send(UPSERT_ENTITY, { input: testCompany }, WRITER_SECRET);
    expect(response.data!.upsertEntity).toEqual({
      __typename: 'MutationUpsertEntitySuccess',
      data: { key: 'test-curated-co', name: 'Test Curated Co', kind: 'AI_LAB', country: null, sources: [{ key: OMDIA }] },
    });
    expect(audit).toContainEqual({ principal: 'writer', mutation: 'upsertEntity', target: 'test-curated-co' });
    expect(JSON.stringify(audit)).not.toContain(WRITER_SECRET);
    const before = await graphCounts(db);
    const again = await send(UPSERT_ENTITY, { input: { ...testCompany, name: 'Test Curated Company' } }, WRITER_SECRET);
    expect(again.data!.upsertEntity.data.name).toBe('Test Curated Company');
    // The same source corrected its own claim: nothing added but the change set recording it.
    expect(await graphCounts(db)).toMatchObject({
      nodes: before.nodes,
      relationships: before.relationships,
      claims: before.claims,
      changeSets: before.changeSets + 1,
    });
  });

  it.each([
    ['a source that does not exist', { sources: ['no-such-source'] }, 'sources', /key "no-such-source" does not exist/],
    ['no source', { sources: [] }, 'sources', /needs at least one source/],
    ['no evidence', { evidence: [] }, 'evidence', /needs at least one sentence/],
    ['an unknown kind', { properties: { kind: 'UNICORN' } }, 'kind', /Invalid option/],
    ['a field the label does not have', { properties: { kind: 'AI_LAB', market: 'GLOBAL' } }, null, /Unrecognized key: "market"/],
    ['a key that is not a slug', { key: 'Test Curated!' }, 'key', /kebab-case/],
    [
      'evidence that is not verbatim in a source whose text the graph holds',
      { sources: ['caijing-2025-us-cn-ai-compute-capex'], evidence: ['The article never says this.'] },
      'evidence',
      /is not verbatim in source caijing-2025-us-cn-ai-compute-capex/,
    ],
  ])('rejects %s with a typed ValidationError naming the field, writing nothing', async (_case, change, field, message) => {
    const before = await graphCounts(db);
    const response = await send(UPSERT_ENTITY, { input: { ...testCompany, key: 'test-curated-invalid', ...change } }, WRITER_SECRET);
    const result = response.data!.upsertEntity;
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(await graphCounts(db)).toEqual(before);
  });

  const UPSERT_RELATIONSHIP = `mutation ($input: RelationshipInput!) {
    upsertRelationship(input: $input) {
      __typename
      ... on MutationUpsertRelationshipSuccess { data { type from { key } to { key } properties evidence sources { key } derived } }
      ... on ValidationError { problems { field message } }
    }
  }`;
  const buys = {
    type: 'BUYS',
    from: 'test-curated-co',
    to: 'h20',
    properties: { units: 1000, period: '2025', estimate: false },
    evidence: ['Test Curated Co bought 1000 H20 chips in 2025.'],
    sources: [OMDIA],
  };

  it('links two entities, one link per period, and removes a link', async () => {
    const created = await send(UPSERT_RELATIONSHIP, { input: buys }, WRITER_SECRET);
    expect(created.data!.upsertRelationship).toMatchObject({
      __typename: 'MutationUpsertRelationshipSuccess',
      data: { type: 'BUYS', from: { key: 'test-curated-co' }, to: { key: 'h20' }, properties: { units: 1000, period: '2025' }, derived: false },
    });
    const other = await send(UPSERT_RELATIONSHIP, { input: { ...buys, properties: { units: 10, period: '2024' } } }, WRITER_SECRET);
    expect(other.data!.upsertRelationship.__typename).toBe('MutationUpsertRelationshipSuccess');
    const company = await send('{ company(key: "test-curated-co") { chips { units period chip { key } } } }', {});
    expect(company.data!.company.chips.map((c: any) => c.period).sort()).toEqual(['2024', '2025']);

    const REMOVE = `mutation ($input: RelationIdInput!) { removeRelationship(input: $input) {
      __typename ... on MutationRemoveRelationshipSuccess { data { type properties } } ... on NotFoundError { message } } }`;
    const id = { type: 'BUYS', from: 'test-curated-co', to: 'h20', period: '2024' };
    const removed = await send(REMOVE, { input: id }, WRITER_SECRET);
    expect(removed.data!.removeRelationship).toMatchObject({
      __typename: 'MutationRemoveRelationshipSuccess',
      data: { type: 'BUYS', properties: { units: 10 } },
    });
    const again = await send(REMOVE, { input: id }, WRITER_SECRET);
    expect(again.data!.removeRelationship).toEqual({ __typename: 'NotFoundError', message: 'No BUYS link from "test-curated-co" to "h20" for 2024.' });
    expect(errorCodes(await send(REMOVE, { input: id }))).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    ['a type the loader derives', { type: 'SAID' }, 'type', /SAID links are derived by the loader/],
    ['an endpoint of the wrong label', { to: 'china' }, 'to', /"china" is a Country, expected Chip or ChipFamily/],
    ['an endpoint that does not exist', { from: 'test-curated-nobody' }, 'from', /does not exist/],
    ['a malformed period', { properties: { period: 'last year' } }, 'properties.period', /must be a period/],
  ])('rejects a relationship with %s', async (_case, change, field, message) => {
    const response = await send(UPSERT_RELATIONSHIP, { input: { ...buys, ...change } }, WRITER_SECRET);
    expect(response.data!.upsertRelationship.__typename).toBe('ValidationError');
    expect(response.data!.upsertRelationship.problems).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('refuses an unknown relationship type while reading the variables, before anything runs', async () => {
    const response = await send(UPSERT_RELATIONSHIP, { input: { ...buys, type: 'LIKES' } }, WRITER_SECRET);
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0]!.message).toMatch(/"LIKES" does not exist in "RelationType" enum/);
  });

  it('records a financial fact, and refuses one whose figure is not in its evidence', async () => {
    const UPSERT_FACT = `mutation ($input: FinancialFactInput!) { upsertFinancialFact(input: $input) {
      __typename ... on MutationUpsertFinancialFactSuccess { data { value unit period stated subject { key } sources { key } } }
      ... on ValidationError { problems { field message } } } }`;
    const fact = {
      subject: 'test-curated-co',
      metric: 'CAPEX',
      period: '2025',
      value: 1.5,
      unit: 'USD_BILLION',
      stated: '15億美元',
      evidence: ['Test Curated Co spent 15億美元 in 2025.'],
      sources: [OMDIA],
    };
    const ok = await send(UPSERT_FACT, { input: fact }, WRITER_SECRET);
    expect(ok.data!.upsertFinancialFact).toEqual({
      __typename: 'MutationUpsertFinancialFactSuccess',
      data: { value: 1.5, unit: 'USD_BILLION', period: '2025', stated: '15億美元', subject: { key: 'test-curated-co' }, sources: [{ key: OMDIA }] },
    });
    const invented = await send(UPSERT_FACT, { input: { ...fact, stated: '99億美元' } }, WRITER_SECRET);
    expect(invented.data!.upsertFinancialFact.problems).toContainEqual({ field: 'stated', message: expect.stringMatching(/does not occur in the evidence/) });
  });

  it('records a quote and a cited source', async () => {
    const source = await send(
      `mutation ($input: SourceInput!) { upsertSource(input: $input) { __typename ... on MutationUpsertSourceSuccess { data { key title kind } } ... on ValidationError { problems { field message } } } }`,
      { input: { key: 'test-curated-report', title: 'Test report', kind: 'REPORT', url: 'https://example.org/report' } },
      WRITER_SECRET,
    );
    expect(source.data!.upsertSource).toEqual({
      __typename: 'MutationUpsertSourceSuccess',
      data: { key: 'test-curated-report', title: 'Test report', kind: 'REPORT' },
    });
    const unsourced = await send(
      `mutation ($input: SourceInput!) { upsertSource(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
      { input: { key: 'test-curated-orphan', title: 'Orphan', kind: 'REPORT' } },
      WRITER_SECRET,
    );
    expect(unsourced.data!.upsertSource.problems).toContainEqual({ field: 'sources', message: expect.stringMatching(/needs a textFile or url/) });

    const quote = await send(
      `mutation ($input: QuoteInput!) { upsertQuote(input: $input) { __typename ... on MutationUpsertQuoteSuccess { data { key text speaker { key } about { key } } } } }`,
      {
        input: {
          key: 'test-curated-quote',
          text: 'H20 supply is tight.',
          speaker: 'jensen-huang',
          about: ['h20', 'test-curated-co'],
          evidence: ['H20 supply is tight.'],
          sources: ['test-curated-report'],
        },
      },
      WRITER_SECRET,
    );
    expect(quote.data!.upsertQuote.data).toEqual({
      key: 'test-curated-quote',
      text: 'H20 supply is tight.',
      speaker: { key: 'jensen-huang' },
      about: expect.arrayContaining([{ key: 'h20' }, { key: 'test-curated-co' }]),
    });
  });
});
