import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Database } from '../src/db/database.js';
import type { createApp as CreateApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases } from './cases.js';
import { openBenchDatabase } from './database.js';
import { SEED_KEYS, syntheticKeys } from './keys.js';

// npm run bench:ab -- --baseline DIR [--graph seed|synthetic] [--iterations N] [--warmup N]
// This checkout's app against the app of another checkout (DIR: a `git worktree add` of the commit
// to compare with), in one process, on one Neo4j, each question asked of the two in turn. Each app
// talks to Neo4j through its own checkout's gateway (src/db/database.ts, with a driver and pool of
// its own), so a change to how statements are sent is measured too. Apps are called in-process
// (yoga.fetch, no sockets), so what differs between the two is the server's own work: its CPU per
// request (process.cpuUsage around each request, the JVM being another process) and its wall time,
// p50. Both run under this process's NODE_ENV. The two apps share graphql, Pothos and the driver
// package in one V8, and for two questions that gave other ratios than separate processes do
// (bench/README.md, "Fourth series"): check a surprising ratio both ways.
const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    graph: { type: 'string', default: 'synthetic' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '50' },
  },
});
if (!values.baseline) throw new Error('--baseline DIR: a checkout of the commit to compare with (git worktree add DIR COMMIT)');
const graph = values.graph === 'seed' ? 'seed' : 'synthetic';
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

const baselineFile = (file: string) => pathToFileURL(path.resolve(values.baseline!, file)).href;
const { createApp: createBaseline } = (await import(baselineFile('src/http/server.ts'))) as { createApp: typeof CreateApp };
const { Database: BaselineDatabase } = (await import(baselineFile('src/db/database.ts'))) as { Database: typeof Database };
const { createApp } = await import('../src/http/server.js');

const { config, connection, db } = await openBenchDatabase(graph === 'seed' ? '.data/bench-seed' : '.data/bench-synthetic');
const baselineDb = new BaselineDatabase({ ...config.neo4j, uri: connection.uri });
const silent = pino({ level: 'silent' });
const apps = {
  baseline: createBaseline({ db: baselineDb, limits: config.limits, logger: silent, logError: () => {} }),
  this: createApp({ db, limits: config.limits, logger: silent, logError: () => {} }),
};
type Side = keyof typeof apps;

async function ask(side: Side, body: string): Promise<void> {
  const response = await apps[side].fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (answer.errors) throw new Error(`${side}: ${JSON.stringify(answer.errors)}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  if (graph === 'seed') await loadSeed(db);
  const cases = benchCases(graph === 'seed' ? SEED_KEYS : await syntheticKeys(db));
  console.log(`\n${graph} graph, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}, ${iterations} runs of each after ${warmup}; baseline ${values.baseline}\n`);
  console.log('| question | baseline p50 | this p50 | baseline CPU ms / request | this CPU ms / request | this / baseline CPU |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const body = JSON.stringify(c.graphql);
    for (let i = 0; i < warmup; i++) for (const side of ['baseline', 'this'] as const) await ask(side, body);
    const wall: Record<Side, number[]> = { baseline: [], this: [] };
    const cpu: Record<Side, number> = { baseline: 0, this: 0 };
    for (let i = 0; i < iterations; i++) {
      // Alternating who goes first keeps any effect of order (GC, the JVM's caches) off one side.
      for (const side of i % 2 ? (['this', 'baseline'] as const) : (['baseline', 'this'] as const)) {
        const started = performance.now();
        const usage = process.cpuUsage();
        await ask(side, body);
        const spent = process.cpuUsage(usage);
        wall[side].push(performance.now() - started);
        cpu[side] += (spent.user + spent.system) / 1000;
      }
    }
    const perRequest = (side: Side) => cpu[side] / iterations;
    console.log(
      `| ${c.name} | ${median(wall.baseline).toFixed(1)} ms | ${median(wall.this).toFixed(1)} ms | ${perRequest('baseline').toFixed(2)} | ` +
        `${perRequest('this').toFixed(2)} | ${(perRequest('this') / perRequest('baseline')).toFixed(2)}x |`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await baselineDb.close();
  await connection.close();
}
