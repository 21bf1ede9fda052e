import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.js';
import { freePort, startEmbeddedNeo4j } from '../src/db/embedded.js';
import { importPublic } from '../src/datasets/run.js';
import { loadSeed } from '../src/ingest/seed.js';
import { FILE_PATH, loadCsvFloor, unwindFloor, writeSyntheticFile } from './bulk-floor.js';

// npm run bench:bulk-import -- [--rows 100000] [--heap 4g] [--batch 5000] [--only project,unwind,csv]
// Writes a synthetic China sanctions list of --rows companies (two claims per row: the company and
// the list's TARGETS link, each citing the file and its line) and imports it three ways, each into
// a fresh embedded Neo4j holding the seed, each in a child process of its own so that its peak RSS
// is its own: the project's importer (src/datasets/run.ts), then the floors of bench/bulk-floor.ts.
// Prints a markdown table of the three.

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    // The file is one transaction, held on Neo4j's heap until it commits: 100,000 rows take ~2 GiB
    // of transaction state (Neo4j allows 70% of the heap), 500,000 rows more than the 7 GiB of a 10g heap.
    heap: { type: 'string', default: '4g' },
    pagecache: { type: 'string', default: '1g' },
    batch: { type: 'string', default: '5000' },
    only: { type: 'string', default: 'project,unwind,csv' },
    // Internal: run one way against the file given, print its result as one JSON line.
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');
const WAYS = { project: 'project importer', unwind: 'UNWIND floor', csv: 'LOAD CSV floor' } as const;
type Way = keyof typeof WAYS;

interface Result {
  way: Way;
  rows: number;
  statements: number;
  seconds: number;
  importerMb: number;
  jvmMb: number;
  load: string;
  counts: string;
}

/** Peak resident set of a process (VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** One way of importing the file, into a Neo4j of its own that is removed afterwards. */
async function runOne(way: Way, folder: string): Promise<Result> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-bench-bulk-'));
  const password = 'bench-bulk-import';
  const neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), password, heap: args.heap, pagecache: args.pagecache });
  // One transaction writes the whole file: its timeout (6x the statement timeout) must outlast it.
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password, database: 'neo4j', queryTimeoutMs: 3_600_000, connectTimeoutMs: 5_000 });
  try {
    await loadSeed(db);
    const count = async () =>
      (
        await db.read<{ claims: number; companies: number; targets: number }>(
          `RETURN COUNT { (:Claim) } AS claims, COUNT { (:Company) } AS companies, COUNT { ()-[:TARGETS]->() } AS targets`,
        )
      )[0]!;
    const before = await count();
    const file = path.join(folder, FILE_PATH);
    let rows = 0;
    const started = performance.now();
    if (way === 'project') {
      const report = await importPublic(db, folder, { mappingDir: path.join(ROOT, 'seed/reconciliation') });
      rows = report.files.reduce((n, f) => n + f.rows, 0);
    } else if (way === 'unwind') await unwindFloor(db, file, Number(args.batch));
    else await loadCsvFloor(db, file);
    const seconds = (performance.now() - started) / 1000;
    const after = await count();
    if (way !== 'project') rows = after.companies - before.companies;
    return {
      way,
      rows,
      statements: after.claims - before.claims,
      seconds,
      importerMb: await peakRssMb(process.pid),
      jvmMb: await peakRssMb(neo4j.pid),
      load: (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' '),
      counts: `${after.companies - before.companies} companies, ${after.targets - before.targets} TARGETS`,
    };
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (args.child) {
  console.log(JSON.stringify(await runOne(args.child as Way, args.file!)));
} else {
  const folder = await mkdtemp(path.join(tmpdir(), 'atlas-bench-bulk-data-'));
  try {
    await mkdir(path.dirname(path.join(folder, FILE_PATH)), { recursive: true });
    const bytes = await writeSyntheticFile(path.join(folder, FILE_PATH), Number(args.rows));
    console.error(`synthetic file: ${args.rows} rows, ${(bytes / 1e6).toFixed(0)} MB`);
    const results: Result[] = [];
    for (const way of args.only.split(',') as Way[]) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...process.argv.slice(2), '--child', way, '--file', folder], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as Result;
      console.error(`${WAYS[way]}: ${result.seconds.toFixed(1)} s, ${result.counts}`);
      results.push(result);
    }
    const unwind = results.find((r) => r.way === 'unwind');
    const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
    console.log('| way | rows | statements | seconds | rows/s | × UNWIND floor | peak RSS importer / JVM | load average |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---|');
    for (const r of results) {
      const ratio = unwind ? (r.rows / r.seconds / (unwind.rows / unwind.seconds)).toFixed(2) : '–';
      console.log(
        `| ${WAYS[r.way]} | ${fmt(r.rows)} | ${fmt(r.statements)} | ${r.seconds.toFixed(1)} | ${fmt(r.rows / r.seconds)} | ${ratio} | ${fmt(r.importerMb)} MB / ${fmt(r.jvmMb)} MB | ${r.load} |`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
