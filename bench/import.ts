import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.js';
import { freePort, startEmbeddedNeo4j } from '../src/db/embedded.js';
import { importPublic, type PublicImportReport } from '../src/datasets/run.js';
import { applySchema } from '../src/graph/schema.js';
import { loadSeed } from '../src/ingest/seed.js';

// npm run bench:import -- [FOLDER]   (default: ATLAS_DATASETS_DIR, else ../shared/datasets)
// Imports every published dataset found in FOLDER into a fresh embedded Neo4j holding the seed,
// then imports it again unchanged; prints the wall time of each, the statements written, the graph
// version before and after the second run, and the peak RSS of this process and of Neo4j's JVM.

const { positionals } = parseArgs({ allowPositionals: true });
const ROOT = path.resolve(import.meta.dirname, '..');
const folder = path.resolve(positionals[0] ?? process.env.ATLAS_DATASETS_DIR ?? path.join(ROOT, '../shared/datasets'));
const mappingDir = path.join(ROOT, 'seed/reconciliation');

/** Peak resident set of a process (VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
}

const summary = (label: string, report: PublicImportReport) => {
  const sum = (field: 'rows' | 'added' | 'changed' | 'retracted' | 'statements') => report.files.reduce((n, f) => n + f[field], 0);
  return `${label}: ${(report.ms / 1000).toFixed(1)} s, ${report.files.length} files, ${sum('rows')} rows, ${sum('statements')} statements; ${sum('added')} added, ${sum('changed')} changed, ${sum('retracted')} retracted`;
};

const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-import-'));
const password = 'bench-import-password';
const neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), password, heap: '1g' });
const db = new Database({ uri: neo4j.uri, user: 'neo4j', password, database: 'neo4j', queryTimeoutMs: 120_000, connectTimeoutMs: 5_000 });
try {
  await applySchema(db);
  await loadSeed(db);
  const version = async () => (await db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
  const first = await importPublic(db, folder, { mappingDir });
  for (const file of first.files)
    console.log(`  ${file.dataset}: ${file.rows} rows, ${file.statements} statements, ${file.added} added, ${(file.ms / 1000).toFixed(1)} s`);
  console.log(summary('first import (seeded graph, no dataset yet)', first));
  const before = await version();
  const second = await importPublic(db, folder, { mappingDir });
  for (const file of second.files.filter((f) => f.added + f.changed + f.retracted > 0)) {
    console.log(`  ${file.dataset} wrote again: ${file.added} added, ${file.changed} changed, ${file.retracted} retracted`);
  }
  console.log(summary('second import (same files)', second));
  console.log(`graph version before/after the second import: ${before}/${await version()}`);
  console.log(
    `peak RSS: importer ${await peakRssMb(process.pid)} MB, Neo4j JVM ${await peakRssMb(neo4j.pid)} MB; load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`,
  );
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
