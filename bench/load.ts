import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { openBenchDatabase } from './database.js';
import { SEED_KEYS, syntheticKeys, type CaseKeys } from './keys.js';
import type { Drive, LoadQuery, Outcome } from './load-drive.js';
import { loadQuestions } from './load-questions.js';
import { createPeerApp } from './peer-app.js';

// npm run bench:load -- --graph seed|synthetic [--connections 50] [--duration 60] [--warmup 10]
//                       [--prewarm 60] [--target project|peer|both] [--only "exposure"] [--each]
// A fixed number of keep-alive connections send a mix of read queries back to back for a fixed
// time against the HTTP endpoint on loopback; throughput, latency percentiles, every kind of
// failure, overall and per query, the CPU time per request of the server and of Neo4j, then the
// memory of both during the run.
// --each drives every question alone, one after the other, and prints one row per question and target.
// Neo4j's JVM keeps compiling its hot paths for a minute or more under load, so whatever runs later
// in a process runs on a warmer database: the peer's one-name search served 182 req/s driven first
// on a fresh database, 234-318 driven after the project, and the JVM spent 2.3 ms of CPU per
// project one-name search after 10 s of load, 0.7 ms after 60 s. Hence, before any measured run,
// the selected questions in rotation for --prewarm seconds at every target; before each measured
// run, --warmup seconds of that run's own load, not counted; and with --each the two targets take
// turns at going first.

const { values } = parseArgs({
  options: {
    graph: { type: 'string', default: 'seed' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    prewarm: { type: 'string', default: '60' },
    target: { type: 'string', default: 'project' },
    only: { type: 'string' },
    each: { type: 'boolean', default: false },
  },
});
type Target = 'project' | 'peer';
const graph = values.graph === 'synthetic' ? 'synthetic' : 'seed';
const targets: Target[] = values.target === 'both' ? ['project', 'peer'] : [values.target === 'peer' ? 'peer' : 'project'];
// Checked before Neo4j starts: the mix is driven at one target per run.
if (targets.length > 1 && !values.each) throw new Error('--target both needs --each');
const connections = Number(values.connections);
const duration = Number(values.duration);
const seconds = (option: 'warmup' | 'prewarm') => {
  const value = Number(values[option]);
  if (!(value >= 0)) throw new Error(`--${option} takes a number of seconds (got ${JSON.stringify(values[option])})`);
  return value;
};
const warmup = seconds('warmup');
const prewarm = seconds('prewarm');

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
// utime and stime of /proc/PID/stat (fields 14 and 15), in clock ticks of 10 ms on Linux.
const processCpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const { config, connection, db, neo4jPid } = await openBenchDatabase(graph === 'seed' ? '.data/bench-seed' : '.data/bench-synthetic');
if (graph === 'seed') await loadSeed(db);

// Loopback only: the benchmark serves an unauthenticated endpoint for a minute.
async function serve(target: Target): Promise<{ server: Server; url: string }> {
  const app: RequestListener =
    target === 'project'
      ? createApp({ db, limits: config.limits, responseCache: config.responseCache })
      : ((await createPeerApp(db.driver, config.neo4j.database)) as unknown as RequestListener);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const served = new Map<Target, { server: Server; url: string }>();
for (const target of targets) served.set(target, await serve(target));

const keys: CaseKeys = graph === 'seed' ? SEED_KEYS : await syntheticKeys(db);
// Every synthetic name holds the word Synthetic; only its numbers are rare.
const questions = loadQuestions(keys, graph === 'seed' ? 'nvidia' : '4242').filter((q) => !values.only || q.name.includes(values.only));
if (!questions.length) throw new Error(`no question's name contains ${JSON.stringify(values.only)}`);
const queriesOf = (target: Target): LoadQuery[] => questions.map((q) => ({ name: q.name, body: target === 'project' ? q.project : q.peer }));

/**
 * Waits for the statements of the requests in flight when the load stopped: they would slow the next
 * run, and closing the driver under them would leave their outage polls (src/db/database.ts)
 * holding the process open.
 */
async function settle() {
  while (db.pool.running + db.pool.waiting > 0) await sleep(50);
}

async function closeAll() {
  for (const { server } of served.values()) {
    server.closeAllConnections();
    server.close();
  }
  await settle();
  await connection.close();
}

// Throughput of error responses says nothing about the service; refuse to measure it.
for (const [target, { url }] of served) {
  for (const q of queriesOf(target)) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: q.body,
    });
    const text = await response.text();
    if (!response.ok || text.includes('"errors":')) {
      await closeAll();
      throw new Error(`${target}: ${q.name} answers ${response.status} before the load starts: ${text.slice(0, 500)}`);
    }
  }
}

/** Drives `queries` at `url` from a child process of its own, for `seconds`. */
function drive(url: string, queries: LoadQuery[], seconds = duration): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const driver = fork(fileURLToPath(new URL('./load-drive.ts', import.meta.url)));
    // The IPC channel would keep both processes alive after the one message that matters.
    driver.once('message', (message) => {
      resolve(message as Outcome);
      driver.kill();
    });
    driver.once('error', reject);
    driver.once('exit', (code) => reject(new Error(`the load generator exited (code ${code}) without a result`)));
    // Beyond the server's statement timeout, so that a statement it stops is counted as its
    // QUERY_TIMEOUT answer, and a client timeout means a request queued for longer than that.
    driver.send({ url, queries, connections, duration: seconds, timeoutS: config.neo4j.queryTimeoutMs / 1000 + 10 } satisfies Drive);
  });
}

/** Once, before any measured run: the selected questions in rotation at every target for --prewarm seconds. */
async function prewarmAll() {
  if (prewarm === 0) return;
  console.error(`pre-warming: ${questions.length} questions in rotation, ${prewarm} s at ${targets.join(' then ')}...`);
  for (const [target, { url }] of served) {
    await drive(url, queriesOf(target), prewarm);
    await settle();
  }
}

/** The same load for --warmup seconds, not counted, and its statements finished. */
async function warmUp(url: string, queries: LoadQuery[]) {
  if (warmup === 0) return;
  await drive(url, queries, warmup);
  await settle();
}

/**
 * CPU time per answered request during a run, of the server (this process, which hosts both
 * targets but drives one at a time) and of Neo4j's JVM: on two cores shared by both and the load
 * generator, the throughput of a question is bounded by what one request costs them together.
 */
async function measured(url: string, queries: LoadQuery[]): Promise<{ outcome: Outcome; cpu: string }> {
  const jvm = neo4jPid();
  const serverBefore = process.cpuUsage();
  const jvmBefore = jvm ? processCpuMs(jvm) : NaN;
  const outcome = await drive(url, queries);
  const server = process.cpuUsage(serverBefore);
  const jvmMs = jvm ? processCpuMs(jvm) - jvmBefore : NaN;
  const requests = Math.max(1, outcome.result.requests.total);
  const perRequest = (cpuMs: number) => (Number.isFinite(cpuMs) ? (cpuMs / requests).toFixed(2) : 'n/a');
  return { outcome, cpu: `${perRequest((server.user + server.system) / 1000)} / ${perRequest(jvmMs)}` };
}

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');
const graphqlErrorsOf = (outcome: Outcome) => Object.values(outcome.queries).reduce((n, s) => n + s.graphqlErrors, 0);
const errorCodesOf = (outcome: Outcome) => {
  const codes: Record<string, number> = {};
  for (const s of Object.values(outcome.queries)) for (const [code, n] of Object.entries(s.codes)) codes[code] = (codes[code] ?? 0) + n;
  return codes;
};
const failed = (outcome: Outcome) => outcome.result.non2xx > 0 || graphqlErrorsOf(outcome) > 0 || outcome.result.errors > 0;

if (values.each) {
  console.error(
    `driving each of ${questions.length} questions alone: ${connections} connections for ${warmup} s (warm-up) + ${duration} s, ${targets.join(' and ')} taking turns at going first...`,
  );
  await prewarmAll();
  const rows: string[] = [];
  for (const [index, question] of questions.entries()) {
    const rate: Partial<Record<Target, number>> = {};
    const row: Partial<Record<Target, string>> = {};
    for (const target of index % 2 === 0 ? targets : [...targets].reverse()) {
      const { url } = served.get(target)!;
      const alone = queriesOf(target).filter((q) => q.name === question.name);
      await warmUp(url, alone);
      const before = loadAverage();
      const { outcome, cpu } = await measured(url, alone);
      await settle();
      const { result } = outcome;
      rate[target] = result.requests.total / result.duration;
      if (failed(outcome)) process.exitCode = 1;
      const errors = graphqlErrorsOf(outcome);
      row[target] =
        `| ${question.name} | ${target} | ${result.requests.total} | ${rate[target]!.toFixed(1)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ` +
        `${result.non2xx} | ${errors}${errors ? ` ${JSON.stringify(errorCodesOf(outcome))}` : ''} | ${result.timeouts} | ${cpu} | ${before} |`;
    }
    rows.push(...targets.map((target) => row[target]!));
    if (rate.project && rate.peer) rows.push(`| ${question.name} | project / peer | | ${(rate.project / rate.peer).toFixed(2)}x | | | | | | | |`);
  }
  await closeAll();
  console.log(`
each question alone, ${graph} graph, ${connections} connections x ${duration} s after ${warmup} s of warm-up (and ${prewarm} s of all of them at each target first), cache ${config.responseCache ? 'on' : 'off'} (the peer has none)
`);
  console.log(
    '| question | target | requests | req/s | p50 | p99 | non-2xx | GraphQL errors | timeouts | CPU ms per request, server / Neo4j | load average before |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
  process.exit();
}
const target = targets[0]!;
const { url } = served.get(target)!;
const queries = queriesOf(target);

console.error(
  `driving ${target} at ${url}/graphql: ${connections} connections for ${prewarm} + ${warmup} s (warm-up) + ${duration} s, ${queries.length} queries in rotation...`,
);
await prewarmAll();
await warmUp(url, queries);
const loadBefore = loadAverage();
// Both processes' resident memory every second: the server's (this process) and Neo4j's JVM.
const memory: { server: number; neo4j: number }[] = [];
const sampleMemory = () => memory.push({ server: Math.round(process.memoryUsage().rss / 2 ** 20), neo4j: neo4jPid() ? rssMb(neo4jPid()!) : NaN });
sampleMemory();
const sampler = setInterval(sampleMemory, 1_000);
const { outcome, cpu } = await measured(url, queries);
clearInterval(sampler);
sampleMemory();
const loadAfter = loadAverage();
await closeAll();

const { result } = outcome;
const graphqlErrors = graphqlErrorsOf(outcome);
const codes = errorCodesOf(outcome);
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const cache = target === 'project' && config.responseCache ? 'on' : 'off';

console.log(
  `\n${target}, ${graph} graph, ${connections} connections, ${result.duration} s after ${prewarm} + ${warmup} s of warm-up, ${queries.length} queries in rotation; load average ${loadBefore} before, ${loadAfter} after\n`,
);
console.log('| target | graph | cache | connections | requests | req/s | p50 | p90 | p99 | max | non-2xx | GraphQL errors | conn. errors | timeouts |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${target} | ${graph} | ${cache} | ${connections} | ${result.requests.total} | ${(result.requests.total / result.duration).toFixed(1)} | ` +
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

const series = (pick: (m: (typeof memory)[number]) => number) => {
  const values = memory.map(pick);
  const step = Math.max(1, Math.floor(values.length / 10));
  return `start ${values[0]} MB, max ${Math.max(...values)} MB, end ${values.at(-1)} MB (every ${step} s: ${values.filter((_, i) => i % step === 0).join(' ')})`;
};
console.log(`\nCPU ms per request, server / Neo4j: ${cpu}`);
console.log(`RSS of the server process: ${series((m) => m.server)}`);
console.log(`RSS of Neo4j's JVM: ${series((m) => m.neo4j)}`);
if (failed(outcome)) process.exitCode = 1;
