import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/server.js';
import { errorCodes, graphCounts, type GraphQLResponse, limits } from '../../helpers.js';
import { app, ARTICLE, db, INNOCENT, post, READER, useHostileApp, WRITER } from './client.js';

// Who may call and write: cross-origin browsers and cross-site forms, and every variant of a
// missing, wrong or read-only key.

useHostileApp();

describe('browsers', () => {
  const preflight = (origin: string) =>
    app.fetch('http://atlas.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('grants no cross-origin access to an origin outside CORS_ORIGINS, and never with credentials', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await post(JSON.stringify({ query: INNOCENT }), { origin: 'https://evil.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a listed origin, without credentials', async () => {
    const response = await preflight('https://atlas.example.org');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://atlas.example.org');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('serves no cross-origin access by default', async () => {
    const closed = createApp({ db, limits });
    const response = await closed.fetch('http://atlas.test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://atlas.example.org', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot be driven by a cross-site form: multipart is refused and a url-encoded form carries no key', async () => {
    const before = await graphCounts(db);
    const mutation = 'mutation { upsertSource(input: {key: "csrf-source", title: "CSRF", kind: ARTICLE, url: "https://evil.example/a"}) { __typename } }';
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: mutation }));
    form.set('map', '{}');
    const multipart = await app.fetch('http://atlas.test/graphql', { method: 'POST', body: form, headers: { origin: 'https://evil.example' } });
    expect(multipart.status).toBeGreaterThanOrEqual(400);
    expect(multipart.status).toBeLessThan(500);
    const urlencoded = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ query: mutation }).toString(),
    });
    const answer = (await urlencoded.json()) as GraphQLResponse;
    expect(errorCodes(answer).every((code) => code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('authentication variants', () => {
  const mutation = `mutation { upsertEntity(input: {label: Company, key: "hostile-auth-co", name: "X", properties: {kind: "AI_LAB"}, evidence: ["X."], sources: ["${ARTICLE}"]}) { __typename } }`;
  it.each([
    ['no header', undefined, 'UNAUTHENTICATED'],
    ['a wrong key', 'Bearer wrong-key-wrong-key-wrong', 'UNAUTHENTICATED'],
    ['an empty bearer', 'Bearer ', 'UNAUTHENTICATED'],
    ['basic auth', `Basic ${Buffer.from(`writer:${WRITER}`).toString('base64')}`, 'UNAUTHENTICATED'],
    ['a key with a prefix of the right one', `Bearer ${WRITER.slice(0, -1)}`, 'UNAUTHENTICATED'],
    ['a read-only key', `Bearer ${READER}`, 'FORBIDDEN'],
  ])('%s: %s, nothing written', async (_name, authorization, code) => {
    const before = await graphCounts(db);
    const response = (await (await post(JSON.stringify({ query: mutation }), authorization ? { authorization } : {})).json()) as GraphQLResponse;
    expect(errorCodes(response)).toEqual([code]);
    expect(await graphCounts(db)).toEqual(before);
  });
});
