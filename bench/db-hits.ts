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
import { importPublic } from '../src/datasets/run.js';
import { loadSeed } from '../src/ingest/seed.js';
import { benchCases } from './cases.js';
import type { GraphQLQuestion } from './cases/bench-case.js';
import { datasetQuestions } from './cases/datasets.js';
import { SEED_KEYS } from './keys.js';

/** What one reference question costs the database on the graph it is asked on. */
export interface DbHits {
  statements: number;
  dbHits: number;
  rows: number;
}

export interface Measurement extends DbHits {
  /** Each statement's share, to find which one grew. */
  profiles: StatementProfile[];
  errors: unknown[] | undefined;
  /** The answer's root fields, to tell an empty answer from a cheap one. */
  data: Record<string, unknown> | null | undefined;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A graph the questions are asked on: which questions, and where and how their record is written. */
export interface DbHitsGraph {
  description: string;
  questions: GraphQLQuestion[];
  /** Where the questions come from, for messages. */
  questionsFile: string;
  recordFile: string;
  recordCommand: string;
}

/** The seed graph (`npm run bench:dbhits`): the reference questions of bench/cases.ts. */
export const SEED_GRAPH: DbHitsGraph = {
  description: 'the reference questions (bench/cases.ts) on the seed graph',
  questions: benchCases(SEED_KEYS),
  questionsFile: 'bench/cases.ts',
  recordFile: path.join(ROOT, 'bench/db-hits.json'),
  recordCommand: 'npm run bench:dbhits -- --record',
};

/** The seed plus every public dataset (`npm run bench:dbhits -- --datasets`): the questions of bench/cases/datasets.ts. */
export const DATASETS_GRAPH: DbHitsGraph = {
  description: 'the dataset questions (bench/cases/datasets.ts) on the graph of the seed and the public datasets',
  questions: datasetQuestions(),
  questionsFile: 'bench/cases/datasets.ts',
  recordFile: path.join(ROOT, 'bench/db-hits-datasets.json'),
  recordCommand: 'npm run bench:dbhits -- --datasets --record',
};

/**
 * Asks reference questions through the real GraphQL app (no response cache) over a gateway that
 * profiles every statement. One question at a time: the statements of concurrent questions would mix.
 */
export async function dbHitsProbe(db: Database, limits: Limits): Promise<(question: GraphQLQuestion) => Promise<Measurement>> {
  // Plans follow index statistics, which Neo4j resamples in the background when it sees fit after
  // writes (on the fresh seed graph: 4,012 db hits for the nested page before, 2,128 after). Every
  // run resamples now and drops cached plans, so that it plans with the graph as it is.
  // Stored totals fall behind writes made in plain Cypher (earlier test files make some) until the
  // service starts again; the questions are measured on a graph whose totals are current, as served.
  await ensureAggregates(db);
  await db.read('CALL db.prepareForReplanning()');
  let profiles: StatementProfile[] = [];
  const app = createApp({ db: db.profiled((profile) => profiles.push(profile)), limits, logger: pino({ level: 'silent' }) });
  const ask = async (question: GraphQLQuestion) => {
    const response = await app.fetch('http://atlas.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(question.graphql),
    });
    return (await response.json()) as Pick<Measurement, 'errors' | 'data'>;
  };
  return async (question) => {
    profiles = [];
    const { errors, data } = await ask(question);
    const measured = profiles;
    return {
      statements: measured.length,
      dbHits: measured.reduce((sum, p) => sum + p.dbHits, 0),
      rows: measured.reduce((sum, p) => sum + p.rows, 0),
      profiles: measured,
      errors,
      data,
    };
  };
}

/** The root fields of an answer that hold nothing: null, an empty list, or a connection without edges. */
export function emptyFields(data: Measurement['data']): string[] {
  if (!data) return ['(no data)'];
  return Object.entries(data)
    .filter(([, value]) => value === null || (Array.isArray(value) && value.length === 0) || (isConnection(value) && value.edges.length === 0))
    .map(([field]) => field);
}

const isConnection = (value: unknown): value is { edges: unknown[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { edges?: unknown }).edges);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { record: { type: 'boolean', default: false }, datasets: { type: 'boolean', default: false } } });
  const graph = values.datasets ? DATASETS_GRAPH : SEED_GRAPH;
  // The published files, as the test suite's datasets mode reads them (.ci/run sets ATLAS_DATASETS_DIR).
  const datasetsDir = path.resolve(process.env.ATLAS_DATASETS_DIR ?? path.join(ROOT, '../shared/datasets'));
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
    if (values.datasets) {
      // The graph of the test suite's datasets mode (test/global-setup.ts): the seed, then every dataset of the folder.
      const report = await importPublic(db, datasetsDir, { mappingDir: path.join(ROOT, 'seed/reconciliation') });
      console.error(`imported ${report.files.length} public dataset files from ${datasetsDir}`);
    }
    const probe = await dbHitsProbe(db, loadConfig({}).limits);
    const record: Record<string, DbHits> = {};
    let failed = false;
    console.log('\n| question | statements | db hits | rows |');
    console.log('|---|---:|---:|---:|');
    for (const question of graph.questions) {
      const { statements, dbHits, rows, errors, data } = await probe(question);
      const empty = emptyFields(data);
      if (errors || empty.length) {
        console.error(`${question.name}: ${errors ? JSON.stringify(errors) : `nothing in ${empty.join(', ')}`}`);
        failed = true;
        continue;
      }
      record[question.name] = { statements, dbHits, rows };
      console.log(`| ${question.name} | ${statements} | ${dbHits} | ${rows} |`);
    }
    if (failed) throw new Error('Some questions answered with errors or nothing; nothing recorded.');
    if (values.record) {
      await writeFile(graph.recordFile, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`\nRecorded in ${path.relative(process.cwd(), graph.recordFile)}`);
    }
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// The tests import the probe; only `npm run bench:dbhits` starts a database and records.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
