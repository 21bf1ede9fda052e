import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases } from './cases.js';
import { openBenchDatabase } from './database.js';
import { SEED_KEYS, syntheticKeys, type CaseKeys } from './keys.js';

// npm run bench:load -- --graph seed|synthetic [--connections 50] [--duration 60]
// A fixed number of keep-alive connections send a mix of read queries back to back for a fixed
// time against the HTTP endpoint on loopback; throughput, latency percentiles and every kind of
// failure, overall and per query.

interface LoadQuery {
  name: string;
  body: string;
}

interface Drive {
  url: string;
  queries: LoadQuery[];
  connections: number;
  duration: number;
  timeoutS: number;
}

interface QueryStats {
  responses: number;
  graphqlErrors: number;
  /** extensions.code of the errors seen (QUERY_TIMEOUT, QUERY_TOO_COMPLEX...), by count. */
  codes: Record<string, number>;
  latencies: number[];
}

interface Outcome {
  result: autocannon.Result;
  queries: Record<string, QueryStats>;
}

// Public and documented in autocannon's README, missing from @types/autocannon 7.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], opts: { url: string; connections: number }): autocannon.Result;
};

function errorCodes(body: string): string[] {
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? [];
    return errors.map((e) => String(e.extensions?.code ?? 'NO_CODE'));
  } catch {
    return ['UNPARSABLE_BODY'];
  }
}

/**
 * Runs in a child process (`--drive`) so that building requests and parsing responses does not
 * compete with the server for its event loop, which would inflate the latencies measured; `top`
 * then also shows the load generator, the server and Neo4j apart.
 */
async function drive({ url, queries, connections, duration, timeoutS }: Drive): Promise<Outcome> {
  const stats: Record<string, QueryStats> = Object.fromEntries(queries.map((q) => [q.name, { responses: 0, graphqlErrors: 0, codes: {}, latencies: [] }]));
  let clients = 0;
  const raw = await autocannon({
    url,
    connections,
    duration,
    timeout: timeoutS,
    // Aggregated below, with the public function, so the result has the same shape in any thread.
    skipAggregateResult: true,
    // Every connection gets its own rotation of the set, so that at any moment the connections
    // are spread over all queries rather than all asking the most expensive one together.
    setupClient: (client) => {
      const offset = clients++ % queries.length;
      let last = '';
      client.setRequests(
        [...queries.slice(offset), ...queries.slice(0, offset)].map((q) => ({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: q.body,
          onResponse: (_status: number, body: string) => {
            last = q.name;
            const s = stats[q.name]!;
            s.responses++;
            // A GraphQL error comes back with status 200; only the body tells.
            if (body.includes('"errors":')) {
              s.graphqlErrors++;
              for (const code of errorCodes(body)) s.codes[code] = (s.codes[code] ?? 0) + 1;
            }
          },
        })),
      );
      // autocannon calls onResponse just before it emits 'response' with the latency.
      client.on('response', (_status: number, _bytes: number, latency: number) => stats[last]!.latencies.push(latency));
    },
  });
  return { result: aggregateResult([raw], { url, connections }), queries: stats };
}

const { values } = parseArgs({
  options: {
    graph: { type: 'string', default: 'seed' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    drive: { type: 'boolean', default: false },
  },
});

if (values.drive) {
  process.once('message', async (job: Drive) => {
    const outcome = await drive(job);
    // A large outcome (every latency) is still in flight when send returns.
    process.send!(outcome, () => process.disconnect());
  });
} else {
  const graph = values.graph === 'synthetic' ? 'synthetic' : 'seed';
  const connections = Number(values.connections);
  const duration = Number(values.duration);

  const { config, connection, db } = await openBenchDatabase(graph === 'seed' ? '.data/bench-seed' : '.data/bench-synthetic');
  if (graph === 'seed') await loadSeed(db);

  // Loopback only: the benchmark serves an unauthenticated endpoint for a minute.
  const server = createServer(createApp({ db, limits: config.limits, responseCache: config.responseCache }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const keys: CaseKeys = graph === 'seed' ? SEED_KEYS : await syntheticKeys(db);
  const queries: LoadQuery[] = [
    ...benchCases(keys).map((c) => ({ name: c.name, body: JSON.stringify(c.graphql) })),
    {
      name: 'company(key)',
      body: JSON.stringify({
        query: 'query ($key: String!) { company(key: $key) { key name nameZh kind country { key name } } }',
        variables: { key: keys.pathTo },
      }),
    },
    {
      name: 'search (first 5, rare word)',
      body: JSON.stringify({
        query: 'query ($text: String!) { search(text: $text, first: 5) { edges { node { key name } } } }',
        // Every synthetic name holds the word Synthetic; only its numbers are rare.
        variables: { text: graph === 'seed' ? 'nvidia' : '4242' },
      }),
    },
  ];

  // Throughput of error responses says nothing about the service; refuse to measure it.
  for (const q of queries) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: q.body,
    });
    const text = await response.text();
    if (!response.ok || text.includes('"errors":')) {
      server.close();
      await connection.close();
      throw new Error(`${q.name} answers ${response.status} before the load starts: ${text.slice(0, 500)}`);
    }
  }

  console.error(`driving ${url}/graphql: ${connections} connections for ${duration} s, ${queries.length} queries in rotation...`);
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    const driver = fork(fileURLToPath(import.meta.url), ['--drive']);
    // The IPC channel would keep both processes alive after the one message that matters.
    driver.once('message', (message) => {
      resolve(message as Outcome);
      driver.kill();
    });
    driver.once('error', reject);
    driver.once('exit', (code) => reject(new Error(`the load generator exited (code ${code}) without a result`)));
    // Beyond the server's statement timeout, so that a statement it stops is counted as its
    // QUERY_TIMEOUT answer, and a client timeout means a request queued for longer than that.
    driver.send({ url, queries, connections, duration, timeoutS: config.neo4j.queryTimeoutMs / 1000 + 10 } satisfies Drive);
  });
  server.closeAllConnections();
  server.close();
  await connection.close();

  const { result } = outcome;
  const stats = Object.values(outcome.queries);
  const graphqlErrors = stats.reduce((n, s) => n + s.graphqlErrors, 0);
  const codes: Record<string, number> = {};
  for (const s of stats) for (const [code, n] of Object.entries(s.codes)) codes[code] = (codes[code] ?? 0) + n;
  const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');
  const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

  console.log(`\n${graph} graph, ${connections} connections, ${result.duration} s, ${queries.length} queries in rotation\n`);
  console.log('| graph | connections | requests | req/s | p50 | p90 | p99 | max | non-2xx | GraphQL errors | conn. errors | timeouts |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${graph} | ${connections} | ${result.requests.total} | ${(result.requests.total / result.duration).toFixed(1)} | ` +
      `${ms(result.latency.p50)} | ${ms(result.latency.p90)} | ${ms(result.latency.p99)} | ${ms(result.latency.max)} | ` +
      `${result.non2xx} | ${graphqlErrors} | ${result.errors - result.timeouts} | ${result.timeouts} |`,
  );
  console.log('\n| query | responses | p50 | p99 | GraphQL errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, s] of Object.entries(outcome.queries)) {
    const sorted = s.latencies.sort((a, b) => a - b);
    console.log(`| ${name} | ${s.responses} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ${s.graphqlErrors} |`);
  }
  if (graphqlErrors > 0) console.log(`\nerror codes: ${JSON.stringify(codes)}`);
  if (result.non2xx > 0 || graphqlErrors > 0 || result.errors > 0) process.exitCode = 1;
}
