import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { EMBEDDED_DEFAULT_PASSWORD, loadConfig, type Limits } from '../src/core/config.js';
import { Database, type StatementProfile } from '../src/db/database.js';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';
import { ensureAggregates } from '../src/graph/aggregates.js';
import { createApp } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases, type BenchCase } from './cases.js';
import { SEED_KEYS } from './keys.js';

/** What one reference question costs the database on the seed graph. */
export interface DbHits {
  statements: number;
  dbHits: number;
  rows: number;
}

export interface Measurement extends DbHits {
  /** Each statement's share, to find which one grew. */
  profiles: StatementProfile[];
  errors: unknown[] | undefined;
}

export const RECORD_FILE = fileURLToPath(new URL('db-hits.json', import.meta.url));
export const RECORD_COMMAND = 'npm run bench:dbhits -- --record';

/**
 * Asks reference questions through the real GraphQL app (no response cache) over a gateway that
 * profiles every statement. One question at a time: the statements of concurrent questions would mix.
 */
export async function dbHitsProbe(db: Database, limits: Limits): Promise<(question: BenchCase) => Promise<Measurement>> {
  // Plans follow index statistics, which Neo4j resamples in the background when it sees fit after
  // writes (on the fresh seed graph: 4,012 db hits for the nested page before, 2,128 after). Every
  // run resamples now and drops cached plans, so that it plans with the graph as it is.
  // Stored totals fall behind writes made in plain Cypher (earlier test files make some) until the
  // service starts again; the questions are measured on a graph whose totals are current, as served.
  await ensureAggregates(db);
  await db.read('CALL db.prepareForReplanning()');
  let profiles: StatementProfile[] = [];
  const app = createApp({ db: db.profiled((profile) => profiles.push(profile)), limits, logger: pino({ level: 'silent' }) });
  const ask = async (question: BenchCase) => {
    const response = await app.fetch('http://atlas.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(question.graphql),
    });
    return ((await response.json()) as { errors?: unknown[] }).errors;
  };
  return async (question) => {
    profiles = [];
    const errors = await ask(question);
    const measured = profiles;
    return {
      statements: measured.length,
      dbHits: measured.reduce((sum, p) => sum + p.dbHits, 0),
      rows: measured.reduce((sum, p) => sum + p.rows, 0),
      profiles: measured,
      errors,
    };
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { record: { type: 'boolean', default: false } } });
  // A fresh directory every run: a reused one would keep whatever an older seed had and this one dropped.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-dbhits-'));
  const neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: 0, password: EMBEDDED_DEFAULT_PASSWORD, log: (line) => console.error(line) });
  const db = new Database({
    uri: neo4j.uri,
    user: 'neo4j',
    password: EMBEDDED_DEFAULT_PASSWORD,
    database: 'neo4j',
    queryTimeoutMs: 30_000,
    connectTimeoutMs: 5_000,
  });
  try {
    await loadSeed(db);
    const probe = await dbHitsProbe(db, loadConfig({}).limits);
    const record: Record<string, DbHits> = {};
    let failed = false;
    console.log('\n| question | statements | db hits | rows |');
    console.log('|---|---:|---:|---:|');
    for (const question of benchCases(SEED_KEYS)) {
      const { statements, dbHits, rows, errors } = await probe(question);
      if (errors) {
        console.error(`${question.name}: ${JSON.stringify(errors)}`);
        failed = true;
        continue;
      }
      record[question.name] = { statements, dbHits, rows };
      console.log(`| ${question.name} | ${statements} | ${dbHits} | ${rows} |`);
    }
    if (failed) throw new Error('Some questions answered with errors; nothing recorded.');
    if (values.record) {
      await writeFile(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`\nRecorded in ${path.relative(process.cwd(), RECORD_FILE)}`);
    }
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// The test imports the probe; only `npm run bench:dbhits` starts a database and records.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
