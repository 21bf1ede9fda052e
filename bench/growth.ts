import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createApp } from '../src/http/server.js';
import { benchCases } from './cases.js';
import { openBenchDatabase } from './database.js';
import { dbHitsProbe } from './db-hits.js';
import { syntheticKeys } from './keys.js';

// npm run bench:growth -- --data-dir .data/bench-growth-100k [--runs 20]
// One synthetic graph (written by bench:generate into that directory): its size, then for each
// reference question its statements and db hits (deterministic: the measure of growth that no
// other load on the machine moves) and the p50 of `--runs` sequential requests through the app.
// Run it once per size and put the rows side by side (bench/README.md, "Growth").

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, runs: { type: 'string', default: '20' } } });
if (!values['data-dir']) throw new Error('--data-dir names the graph to measure (a directory written by npm run bench:generate)');
process.env.NEO4J_DATA_DIR = values['data-dir'];
const runs = Number(values.runs);

const { config, connection, db } = await openBenchDatabase(values['data-dir']);
try {
  const [size] = await db.read<{ entities: number; relationships: number }>(
    'CALL () { MATCH (n:Entity) RETURN count(n) AS entities } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN entities, relationships',
  );
  // Keys that exist at every size (the smallest graph has 3,000 companies), so that the rows compare.
  const keys = { ...(await syntheticKeys(db)), pathTo: 'syn-company-2000', searchText: '1234' };
  const probe = await dbHitsProbe(db, config.limits);
  const app = createApp({ db, limits: config.limits, responseCache: false, logger: pino({ level: 'silent' }) });
  console.log(`\n${values['data-dir']}: ${size!.entities} entities, ${size!.relationships} relationships; p50 of ${runs} runs after 3 warm-up runs\n`);
  console.log('| question | statements | db hits | p50 |');
  console.log('|---|---:|---:|---:|');
  for (const question of benchCases(keys)) {
    const measured = await probe(question);
    if (measured.errors) throw new Error(`${question.name}: ${JSON.stringify(measured.errors)}`);
    const samples: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      const response = await app.fetch('http://atlas.bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(question.graphql),
      });
      await response.json();
      if (i >= 3) samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    console.log(`| ${question.name} | ${measured.statements} | ${measured.dbHits} | ${samples[Math.floor(samples.length / 2)]!.toFixed(1)} ms |`);
  }
} finally {
  await connection.close();
}
