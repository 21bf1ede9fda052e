import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.js';
import { createApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases, type BenchCase } from './cases.js';
import { answerJson, disagreement } from './compare.js';
import { openBenchDatabase } from './database.js';
import { SEED_KEYS, syntheticKeys } from './keys.js';
import { createPeerApp } from './peer-app.js';
import type { DriveJob, DriveResult } from './peer-drive.js';
import type { TimeJob, TimeResult } from './peer-timer.js';

// npm run bench:peer -- --graph seed|synthetic [--cache off|on] [--iterations N] [--warmup N] [--duration S] [--prewarm S]
// Each question is asked of this project, of @neo4j/graphql (bench/peer-app.ts) and as one
// hand-written Cypher statement, all on one Neo4j through one driver. The three answers must
// agree before anything is timed. Latency: sequential requests, the three interleaved in each
// iteration (in an order that rotates), p50/p95; HTTP requests timed by a client in a child process
// (bench/peer-timer.ts), raw Cypher in this one. Throughput: 8 keep-alive connections for a fixed
// time (autocannon in a child process; for raw Cypher, 8 concurrent loops on the driver). Before
// anything is timed, --prewarm seconds (default 60) of every question at all three, in rotation.
const { values } = parseArgs({
  options: {
    graph: { type: 'string', default: 'seed' },
    cache: { type: 'string', default: 'off' },
    iterations: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    prewarm: { type: 'string', default: '60' },
  },
});
const graph = values.graph === 'synthetic' ? 'synthetic' : 'seed';
const cache = values.cache === 'on';
const iterations = Number(values.iterations ?? (graph === 'seed' ? 100 : 30));
const warmup = Number(values.warmup ?? Math.max(3, Math.round(iterations / 10)));
const duration = Number(values.duration ?? (graph === 'seed' ? 5 : 10));
const prewarmSeconds = Number(values.prewarm);
if (!(prewarmSeconds >= 0)) throw new Error(`--prewarm takes a number of seconds (got ${JSON.stringify(values.prewarm)})`);
const CONNECTIONS = 8;

const { config, connection, db } = await openBenchDatabase(graph === 'seed' ? '.data/bench-seed' : '.data/bench-synthetic');

// The request log's line per request says how many statements the project sent for it; lines are
// kept as written and read after the timing, so that parsing them is not charged to the project.
let requestLines: string[] | null = null;
const requestLog = pino(
  { level: 'info' },
  {
    write: (line: string) => {
      requestLines?.push(line);
    },
  },
);

function statementsIn(lines: string[]): number[] {
  return lines
    .map((line) => JSON.parse(line) as { msg?: string; statements?: number })
    .filter((entry) => entry.msg === 'request')
    .map((entry) => entry.statements ?? 0);
}

interface Served {
  server: Server;
  url: string;
  /** Requests still being answered: autocannon leaves the ones in flight at the end of its run. */
  busy(): number;
}

async function listen(app: RequestListener): Promise<Served> {
  let inFlight = 0;
  const server = createServer((request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
    return app(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, busy: () => inFlight };
}

type Variant = 'project' | 'peer' | 'raw';
const VARIANTS: Variant[] = ['project', 'peer', 'raw'];
const served: Record<'project' | 'peer', Served | undefined> = { project: undefined, peer: undefined };

async function post(url: string, body: { query: string; variables: Record<string, unknown> }, name: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (answer.errors || !answer.data) throw new Error(`${name}: ${response.status} ${JSON.stringify(answer.errors ?? answer)}`);
  return answer.data;
}

const ask: Record<Variant, (c: BenchCase) => Promise<unknown>> = {
  project: (c) => post(served.project!.url, c.graphql, `${c.name} (project)`),
  peer: (c) => post(served.peer!.url, c.peer, `${c.name} (peer)`),
  raw: (c) => db.read(c.cypher.query, c.cypher.params),
};

/** Where an answer departs from the hand-written Cypher's, with every answer in full in a temporary folder. */
async function checkAnswers(c: BenchCase): Promise<void> {
  const answers: Record<Variant, unknown> = {
    project: c.normalize.project((await ask.project(c)) as Record<string, unknown>),
    peer: c.normalize.peer((await ask.peer(c)) as Record<string, unknown>),
    raw: c.normalize.raw((await ask.raw(c)) as Record<string, unknown>[]),
  };
  for (const other of ['project', 'peer'] as const) {
    const found = disagreement(answers.raw, answers[other]);
    if (!found) continue;
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-peer-'));
    for (const v of VARIANTS) writeFileSync(path.join(dir, `${v}.json`), `${answerJson(answers[v], 2)}\n`);
    throw new Error(
      `${c.name}: the ${other} answer departs from the hand-written Cypher's at ${found.at || 'the top'}\n` +
        `--- raw Cypher\n${answerJson(found.reference, 2)}\n--- ${other}\n${answerJson(found.answer, 2)}\n` +
        `(every answer, normalized: ${dir})`,
    );
  }
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

// Sequential requests are timed by a client in a process of its own (bench/peer-timer.ts), one
// request per message; raw Cypher is timed here, statement to records.
const timer = fork(fileURLToPath(new URL('./peer-timer.ts', import.meta.url)));
function timeRequest(job: TimeJob, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    timer.once('message', (message) => {
      const result = message as TimeResult;
      if ('error' in result) reject(new Error(`${name}: ${result.error}`));
      else resolve(result.ms);
    });
    timer.send(job);
  });
}

const timed: Record<Variant, (c: BenchCase) => Promise<number>> = {
  project: (c) => timeRequest({ url: served.project!.url, body: JSON.stringify(c.graphql) }, `${c.name} (project)`),
  peer: (c) => timeRequest({ url: served.peer!.url, body: JSON.stringify(c.peer) }, `${c.name} (peer)`),
  raw: async (c) => {
    const started = process.hrtime.bigint();
    await ask.raw(c);
    return Number(process.hrtime.bigint() - started) / 1e6;
  },
};

async function latencies(c: BenchCase): Promise<Record<Variant, { p50: number; p95: number }> & { statements: number }> {
  for (let i = 0; i < warmup; i++) for (const v of VARIANTS) await timed[v](c);
  const samples: Record<Variant, number[]> = { project: [], peer: [], raw: [] };
  const lines: string[] = [];
  for (let i = 0; i < iterations; i++) {
    // Rotating who goes first keeps any effect of going first or last (cache, GC) off one variant.
    for (const v of [...VARIANTS.slice(i % 3), ...VARIANTS.slice(0, i % 3)]) {
      requestLines = v === 'project' ? lines : null;
      samples[v].push(await timed[v](c));
    }
  }
  requestLines = null;
  const statements = statementsIn(lines);
  const summary = (s: number[]) => {
    s.sort((a, b) => a - b);
    return { p50: percentile(s, 0.5), p95: percentile(s, 0.95) };
  };
  return {
    project: summary(samples.project),
    peer: summary(samples.peer),
    raw: summary(samples.raw),
    statements: statements.reduce((sum, n) => sum + n, 0) / Math.max(1, statements.length),
  };
}

async function driveHttp(target: Served, body: string, name: string): Promise<number> {
  const rate = await new Promise<number>((resolve, reject) => {
    const driver = fork(fileURLToPath(new URL('./peer-drive.ts', import.meta.url)));
    driver.once('message', (message) => {
      const r = message as DriveResult;
      driver.kill();
      if (r.non2xx || r.graphqlErrors || r.failures) {
        reject(new Error(`${name}: ${r.non2xx} non-2xx, ${r.graphqlErrors} GraphQL errors, ${r.failures} connection errors or timeouts under load`));
      } else resolve(r.requests / r.seconds);
    });
    driver.once('error', reject);
    driver.once('exit', (code) => reject(new Error(`${name}: the load generator exited (code ${code}) without a result`)));
    driver.send({ url: target.url, body, connections: CONNECTIONS, duration } satisfies DriveJob);
  });
  // Work left from requests the client gave up on would be charged to the next measurement.
  while (target.busy() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  return rate;
}

/** Counted like autocannon counts: statements completed within the duration, over the duration. */
async function driveRaw(c: BenchCase): Promise<number> {
  const end = performance.now() + duration * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        await db.read(c.cypher.query, c.cypher.params);
        if (performance.now() <= end) done++;
      }
    }),
  );
  return done / duration;
}

/**
 * Neo4j's JIT keeps compiling for more than a minute (bench/README.md, "Third series"): without
 * this, whichever of the three asks a question first warms the database for the others.
 */
async function prewarm(cases: BenchCase[]): Promise<void> {
  const end = performance.now() + prewarmSeconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const turn = next++;
        await ask[VARIANTS[Math.floor(turn / cases.length) % VARIANTS.length]!](cases[turn % cases.length]!);
      }
    }),
  );
}

async function throughput(c: BenchCase, turn: number): Promise<Record<Variant, number>> {
  const rate = { project: 0, peer: 0, raw: 0 };
  for (const v of [...VARIANTS.slice(turn % 3), ...VARIANTS.slice(0, turn % 3)]) {
    if (v === 'raw') rate.raw = await driveRaw(c);
    else rate[v] = await driveHttp(served[v]!, JSON.stringify(v === 'project' ? c.graphql : c.peer), `${c.name} (${v})`);
  }
  return rate;
}

try {
  if (graph === 'seed') await loadSeed(db);
  // The cache's defaults come from the same place as the service's (RESPONSE_CACHE_*).
  const responseCache = cache ? loadConfig({ ...process.env, RESPONSE_CACHE: 'true' }).responseCache : false;
  served.project = await listen(createApp({ db, limits: config.limits, responseCache, logger: requestLog }));
  served.peer = await listen(await createPeerApp(db.driver, config.neo4j.database));

  const keys = graph === 'seed' ? SEED_KEYS : await syntheticKeys(db);
  const cases = benchCases(keys);
  const [size] = await db.read<{ entities: number; relationships: number }>(
    'CALL () { MATCH (n:Entity) RETURN count(n) AS entities } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN entities, relationships',
  );
  console.log(
    `\n${graph} graph: ${size!.entities} entities, ${size!.relationships} relationships; response cache ${cache ? 'on' : 'off'}; ` +
      `${iterations} runs, after ${prewarmSeconds} s of every question at all three and ${warmup} warm-up runs of each; ${duration} s at ${CONNECTIONS} connections`,
  );
  console.log(`keys: ${JSON.stringify(keys)}\n`);

  for (const c of cases) await checkAnswers(c);
  console.error(`the three answers agree on all ${cases.length} questions`);
  await prewarm(cases);

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rate = (v: number) => v.toFixed(v < 10 ? 1 : 0);
  const rows: string[] = [];
  for (const [turn, c] of cases.entries()) {
    console.error(`${c.name}...`);
    const l = await latencies(c);
    const r = await throughput(c, turn);
    rows.push(
      `| ${c.name} | ${ms(l.project.p50)} | ${ms(l.project.p95)} | ${ms(l.peer.p50)} | ${ms(l.peer.p95)} | ${ms(l.raw.p50)} | ` +
        `${(l.project.p50 / l.peer.p50).toFixed(2)}x | ${(l.project.p50 / l.raw.p50).toFixed(2)}x | ` +
        `${rate(r.project)} / ${rate(r.peer)} / ${rate(r.raw)} | ${l.statements.toFixed(1)} |`,
    );
  }
  console.log(
    '| question | project p50 | p95 | peer p50 | p95 | raw p50 | project/peer | project/raw | req/s at 8 conns project / peer / raw | project statements |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  timer.kill();
  for (const target of Object.values(served)) {
    target?.server.closeAllConnections();
    target?.server.close();
  }
  await connection.close();
}
