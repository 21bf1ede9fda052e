import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases, type BenchCase } from './cases.js';
import { openBenchDatabase } from './database.js';
import { SEED_KEYS, syntheticKeys } from './keys.js';

// npm run bench -- --graph seed|synthetic [--iterations 200] [--warmup 20]
// Each question runs sequentially through the HTTP endpoint, then as one hand-written Cypher
// statement through the driver, on the same database; p50/p95 of wall-clock latency.
const { values } = parseArgs({
  options: {
    graph: { type: 'string', default: 'seed' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
  },
});
const graph = values.graph === 'synthetic' ? 'synthetic' : 'seed';
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

const { config, connection, db } = await openBenchDatabase(graph === 'seed' ? '.data/bench-seed' : '.data/bench-synthetic');
if (graph === 'seed') await loadSeed(db);

const server = createServer(createApp({ db, limits: config.limits }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

async function viaGraphQL(c: BenchCase): Promise<void> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(c.graphql),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`${c.name}: ${JSON.stringify(body.errors)}`);
}

async function viaCypher(c: BenchCase): Promise<void> {
  await db.read(c.cypher.query, c.cypher.params);
}

async function measure(run: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const keys = graph === 'seed' ? SEED_KEYS : await syntheticKeys(db);
const [size] = await db.read<{ entities: number; relationships: number }>(
  'CALL () { MATCH (n:Entity) RETURN count(n) AS entities } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN entities, relationships',
);
console.log(`\n${graph} graph: ${size!.entities} entities, ${size!.relationships} relationships; ${iterations} runs after ${warmup} warm-up runs`);
console.log(`keys: ${JSON.stringify(keys)}\n`);
console.log('| query | GraphQL p50 | GraphQL p95 | Cypher p50 | Cypher p95 | GraphQL/Cypher p50 |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of benchCases(keys)) {
  const gql = await measure(() => viaGraphQL(c));
  const cypher = await measure(() => viaCypher(c));
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`| ${c.name} | ${ms(gql.p50)} | ${ms(gql.p95)} | ${ms(cypher.p50)} | ${ms(cypher.p95)} | ${(gql.p50 / cypher.p50).toFixed(2)}x |`);
}

server.close();
await connection.close();
