import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorCodes, execute, useTestApp } from '../helpers.js';

// The request log is tested here too: both are per-request observations of the same app.
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const t = useTestApp({ audit: () => undefined, databaseUp: () => true, logger: pino(sink) });

async function scrape(): Promise<string> {
  const response = await t.app.fetch('http://atlas.test/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample line, e.g. `atlas_graphql_requests_total{operation="Nvidia"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts requests by operation, errors by code and database statements', async () => {
    const before = await scrape();
    const readsBefore = sample(before, 'atlas_db_statements_total{mode="READ"}')!;
    const badInputBefore = sample(before, 'atlas_graphql_errors_total{code="BAD_USER_INPUT"}') ?? 0;

    for (let i = 0; i < 3; i++) {
      const answer = await execute(t.app, 'query MetricsCompany { company(key: "nvidia") { key name } }');
      expect(answer.errors).toBeUndefined();
    }
    const failing = await execute(t.app, 'query MetricsBadPath { paths(from: "no-such-entity", to: "us") { length } }');
    expect(errorCodes(failing)).toEqual(['BAD_USER_INPUT']);

    const text = await scrape();
    expect(sample(text, 'atlas_graphql_requests_total{operation="MetricsCompany"}')).toBe(3);
    expect(sample(text, 'atlas_graphql_requests_total{operation="MetricsBadPath"}')).toBe(1);
    expect(sample(text, 'atlas_graphql_request_duration_seconds_count{operation="MetricsCompany"}')).toBe(3);
    expect(sample(text, 'atlas_graphql_request_duration_seconds_sum{operation="MetricsCompany"}')).toBeGreaterThan(0);
    expect(sample(text, 'atlas_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(badInputBefore + 1);
    // At least one read per company lookup (the response cache is off here) and one for the unknown key.
    const reads = sample(text, 'atlas_db_statements_total{mode="READ"}')! - readsBefore;
    expect(reads).toBeGreaterThanOrEqual(4);
    expect(reads).toBeLessThan(50);
    expect(sample(text, 'atlas_db_statements_total{mode="WRITE"}')).toBe(0);
    for (const lane of ['all', 'heavy']) {
      expect(sample(text, `atlas_db_pool_statements{state="running",lane="${lane}"}`)).toBe(0);
      expect(sample(text, `atlas_db_pool_statements{state="waiting",lane="${lane}"}`)).toBe(0);
    }
    expect(sample(text, 'atlas_db_up')).toBe(1);
  });

  it('does not count the scrape itself, nor other endpoints, as GraphQL requests', async () => {
    await t.app.fetch('http://atlas.test/health');
    const text = await scrape();
    expect(text).not.toContain('operation="anonymous"');
  });

  it('adds the process and Node.js runtime metrics, with plausible values', async () => {
    const text = await scrape();
    const mib = 1024 * 1024;
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * mib);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    const started = sample(text, 'process_start_time_seconds')!;
    expect(started).toBeLessThanOrEqual(Date.now() / 1000);
    expect(started).toBeGreaterThan(Date.now() / 1000 - 24 * 3600);
    const heapUsed = sample(text, 'nodejs_heap_size_used_bytes')!;
    expect(heapUsed).toBeGreaterThan(mib);
    expect(heapUsed).toBeLessThanOrEqual(sample(text, 'nodejs_heap_size_total_bytes')!);
    // Event-loop lag is measured in seconds: a loop that answers requests lags far less than one.
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeLessThan(1);
    expect(text).toMatch(/^# TYPE nodejs_gc_duration_seconds histogram$/m);
    expect(text).toContain(`nodejs_version_info{version="${process.version}"`);
    // Each series once, however many apps the process holds (the runtime registry is shared).
    const types = text.split('\n').filter((line) => line.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
  });
});

describe('the request log', () => {
  it('writes one JSON line per GraphQL request with its id, operation, duration and statements', async () => {
    lines.length = 0;
    const response = await t.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-request-id': 'log-test-1' },
      body: JSON.stringify({ query: 'query LoggedCompany { company(key: "nvidia") { key } }' }),
    });
    expect(response.status).toBe(200);
    await execute(t.app, 'query LoggedBadPath { paths(from: "no-such-entity", to: "us") { length } }');
    await execute(t.app, '{ company(key: ');
    await t.app.fetch('http://atlas.test/health');

    expect(lines).toHaveLength(3);
    const [first, second, third] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 30, msg: 'request', requestId: 'log-test-1', operation: 'LoggedCompany', status: 200 });
    expect(first!.durationMs).toBeGreaterThan(0);
    expect(first!.statements).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ level: 30, operation: 'LoggedBadPath', statements: expect.any(Number) });
    expect(second!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // A document that does not parse is logged too, with no operation and no statement.
    expect(third).toMatchObject({ level: 30, operation: null, statements: 0 });
  });
});
