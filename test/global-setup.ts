import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EMBEDDED_DEFAULT_PASSWORD } from '../src/core/config.js';
import { Database } from '../src/db/database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { ensureLauncherBuilt } from '../src/db/launcher-build.js';
import { loadSeed } from '../src/ingest/seed.js';
import { importPublic } from '../src/datasets/run.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database: string };
  }
}

/**
 * One real Neo4j for the whole run: NEO4J_URI when given, else a throwaway embedded server on a
 * free port and a temp data directory, seeded once and deleted afterwards.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[test neo4j] ${line}`);
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  const external = process.env.NEO4J_URI;
  const credentials = {
    user: external ? (process.env.NEO4J_USER ?? 'neo4j') : 'neo4j',
    password: external ? (process.env.NEO4J_PASSWORD ?? '') : EMBEDDED_DEFAULT_PASSWORD,
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
  // Tests that start their own server need the launcher too, whichever database the suite uses.
  await ensureLauncherBuilt(log);
  if (!external) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'compute-atlas-test-'));
    embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, password: credentials.password, log });
  }
  const uri = external ?? embedded!.uri;
  const db = new Database({ uri, ...credentials, queryTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
  try {
    await loadSeed(db);
    // ATLAS_TEST_GRAPH=datasets: the article's suites run on a graph that also holds every public
    // dataset, to show that no import changes what the article's answers are (.ci/run does this).
    if (process.env.ATLAS_TEST_GRAPH === 'datasets') {
      if (!process.env.ATLAS_DATASETS_DIR) throw new Error('ATLAS_TEST_GRAPH=datasets needs ATLAS_DATASETS_DIR, the folder of the published files');
      const report = await importPublic(db, process.env.ATLAS_DATASETS_DIR, { mappingDir: path.resolve(import.meta.dirname, '../seed/reconciliation') });
      log(`imported ${report.files.length} public dataset files into the test graph`);
    }
  } finally {
    await db.close();
  }
  project.provide('neo4j', { uri, ...credentials });

  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
