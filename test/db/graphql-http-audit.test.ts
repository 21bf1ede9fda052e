import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { pino } from 'pino';
import { createApp } from '../../src/http/server.js';
import { type GraphQLResponse, limits, testDatabase } from '../helpers.js';

// The graphql-http server audits (GraphQL over HTTP spec) against a listening service configured as
// in production (response cache on), then the spec points the audits leave out. Both tables of
// docs/graphql-over-http.md are rendered from these results and must equal the doc; after a change,
// `WRITE_AUDIT_TABLES=1 npx vitest run test/db/graphql-http-audit.test.ts` rewrites them.

const DOC = path.resolve(import.meta.dirname, '../../docs/graphql-over-http.md');

/**
 * Why an audit that is not a MUST does not pass, or what was done to make it pass. Every failing
 * SHOULD must have an entry (the doc is where a reader learns why), and every entry must still fail
 * or be a note on a pass.
 */
const NOTES: Record<string, string> = {
  '7B9B': 'passes by accident (its variable is unused, so validation fails first); the real case is V1 below',
  '86EE': 'as 7B9B',
  '6C00': 'was 200 `OPERATION_RESOLUTION_FAILURE`: a non-string `operationName` is now refused as `BAD_REQUEST`',
  '6C01': 'as 6C00',
  '6C02': 'as 6C00',
  '6C03': 'as 6C00',
};

let db: Database;
let server: Server;
let url: string;
/** Every response an audit received, cloned before the audit reads it. */
const seen: Response[] = [];
let results: AuditResult[];

beforeAll(async () => {
  db = testDatabase();
  const app = createApp({
    db,
    limits,
    responseCache: { maxEntries: 1_000, versionTtlMs: 1_000 },
    audit: () => undefined,
    logError: () => undefined,
    logger: pino({ level: 'silent' }),
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    seen.push(response.clone());
    return response;
  };
  results = [];
  for (const audit of serverAudits({ url, fetchFn })) results.push(await audit.fn());
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

const level = (result: AuditResult) => result.name.split(' ')[0] as 'MUST' | 'SHOULD' | 'MAY';

function auditTable(): string {
  const rows = results.map((result) => {
    const outcome = result.status === 'ok' ? 'pass' : `**fail** (${result.status})`;
    const note = NOTES[result.id] ?? (result.status === 'ok' ? '' : result.reason);
    return `| ${result.id} | ${level(result)} | ${cell(result.name.slice(level(result).length + 1))} | ${outcome} | ${cell(note)} |`;
  });
  const count = (wanted: string) => results.filter((r) => level(r) === wanted).length;
  const passing = results.filter((r) => r.status === 'ok').length;
  const summary = `${results.length} audits (${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ${count('MAY')} MAY), ${passing} pass.`;
  return [summary, '', '| id | level | requirement | result | note |', '|---|---|---|---|---|', ...rows].join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('*', '\\*');

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`, or checks it is `table`. */
async function documented(name: string, table: string): Promise<void> {
  const doc = await readFile(DOC, 'utf8');
  const start = `<!-- ${name}:start -->\n`;
  const end = `\n<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  expect(from, `${DOC} has the ${name} markers`).toBeGreaterThanOrEqual(0);
  if (process.env.WRITE_AUDIT_TABLES) {
    await writeFile(DOC, doc.slice(0, from + start.length) + table + doc.slice(to));
    return;
  }
  expect(doc.slice(from + start.length, to), `docs/graphql-over-http.md's ${name} table is stale: rerun with WRITE_AUDIT_TABLES=1`).toBe(table);
}

describe('graphql-http server audits', () => {
  it('fails no MUST', () => {
    expect(results.length).toBeGreaterThanOrEqual(60);
    expect(results.filter((r) => level(r) === 'MUST' && r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${r.status === 'ok' ? '' : r.reason}`)).toEqual([]);
  });

  it('documents why each failing SHOULD fails, and keeps no note for an audit that is gone', () => {
    const failing = results.filter((r) => level(r) === 'SHOULD' && r.status !== 'ok').map((r) => r.id);
    expect(failing.filter((id) => !NOTES[id])).toEqual([]);
    const ids = new Set(results.map((r) => r.id));
    expect(Object.keys(NOTES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives every error it answered the audits a client code', async () => {
    const uncoded: string[] = [];
    for (const response of seen) {
      if (!response.headers.get('content-type')?.includes('json')) continue;
      const body = (await response.json()) as GraphQLResponse;
      for (const error of body.errors ?? []) {
        const code = error.extensions?.code;
        if (!code || code === 'INTERNAL_SERVER_ERROR') uncoded.push(`${response.status} ${code} ${error.message}`);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(60);
    expect(uncoded).toEqual([]);
  });

  it('is the table in docs/graphql-over-http.md', async () => {
    await documented('audit', auditTable());
  });
});

interface Case {
  id: string;
  what: string;
  body: Record<string, unknown>;
  /** Status with `application/json`, then with `application/graphql-response+json`. */
  statuses: [number, number];
  code: string | null;
}

// Where the spec says how to answer and the audits do not check it (or check it by accident).
const CASES: Case[] = [
  {
    id: 'V1',
    what: 'variable coercion failure: a wrong enum value',
    body: { query: 'query ($m: FinancialMetric!) { financialTotals(metric: $m, period: "2024") { total } }', variables: { m: 'BOGUS' } },
    statuses: [200, 400],
    code: 'BAD_USER_INPUT',
  },
  {
    id: 'V2',
    what: 'variable coercion failure: a value of the wrong type',
    body: { query: 'query ($k: String!) { company(key: $k) { key } }', variables: { k: 5 } },
    statuses: [200, 400],
    code: 'BAD_USER_INPUT',
  },
  {
    id: 'V3',
    what: 'variable coercion failure: a required variable missing',
    body: { query: 'query ($k: String!) { company(key: $k) { key } }' },
    statuses: [200, 400],
    code: 'BAD_USER_INPUT',
  },
  {
    id: 'O1',
    what: 'operation cannot be determined (two operations, no operationName)',
    body: { query: 'query A { __typename } query B { __typename }' },
    statuses: [200, 400],
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    id: 'D1',
    what: 'partial data: non-null `data` with a field error (MUST be 2xx)',
    body: { query: '{ graphVersion neighborhood(key: "nvidia", depth: 9) { truncated } }' },
    statuses: [200, 200],
    code: 'BAD_USER_INPUT',
  },
  {
    id: 'B1',
    what: 'a batch (JSON array of operations): not supported',
    body: [{ query: '{ __typename }' }, { query: '{ __typename }' }] as unknown as Record<string, unknown>,
    statuses: [400, 400],
    code: 'BAD_REQUEST',
  },
  {
    id: 'N1',
    what: 'a variable nested 100,000 levels deep',
    body: { query: '{ __typename }', variables: { x: 'deep' } },
    statuses: [400, 400],
    code: 'BAD_USER_INPUT',
  },
];

async function post(body: Record<string, unknown>, accept: string): Promise<{ status: number; body: GraphQLResponse }> {
  const text = JSON.stringify(body).replace('"deep"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: text });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

describe('what the audits leave out', () => {
  const rows: string[] = [];

  it.each(CASES)('$id $what', async ({ id, what, body, statuses, code }) => {
    const asJson = await post(body, 'application/json');
    const asGraphQL = await post(body, 'application/graphql-response+json');
    expect([asJson.status, asGraphQL.status]).toEqual(statuses);
    for (const { body: answer } of [asJson, asGraphQL]) expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    if (id === 'D1') expect(asGraphQL.body.data).toMatchObject({ graphVersion: expect.any(String), neighborhood: null });
    rows.push(`| ${id} | ${what} | ${asJson.status} | ${asGraphQL.status} | \`${code}\` |`);
  });

  it('is the second table in docs/graphql-over-http.md', async () => {
    expect(rows).toHaveLength(CASES.length);
    const header = ['| id | request | status, `application/json` | status, `application/graphql-response+json` | `extensions.code` |', '|---|---|---|---|---|'];
    await documented('beyond-audit', [...header, ...rows].join('\n'));
  });

  it('counts those errors on /metrics by their code, none as UNCODED', async () => {
    const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    expect(metrics).not.toContain('code="UNCODED"');
    expect(metrics).toMatch(/atlas_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
  });
});
