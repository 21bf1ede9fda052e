import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { freePort } from '../../src/db/embedded.js';
import { startServiceProcess, type ServiceProcess } from '../service-process.js';

// The service as `npm start` runs it: every line it writes is a JSON log line, and a second
// instance on the same data directory says at once who holds it.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dataDir: string;
let env: NodeJS.ProcessEnv;
let first: ServiceProcess | undefined;

const parseAll = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-service-logs-'));
  env = { ...process.env, NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(await freePort()), NEO4J_HEAP: '512m' };
  delete env.NEO4J_URI;
  delete env.NEO4J_PASSWORD;
});

afterAll(async () => {
  await first?.stop('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

describe('the service process', () => {
  it('writes only JSON lines, and says what serves where in the line that it listens', async () => {
    // A lock left by a process that is gone (killed with -9) must not block the start.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(path.join(dataDir, LOCK_FILE), `${JSON.stringify({ pid: gone, command: 'src/main.ts', startedAt: new Date().toISOString() })}\n`);

    first = await startServiceProcess(env, { startTimeoutMs: 200_000 });
    const lines = parseAll(first.lines());
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(String), msg: expect.any(String) });

    const starting = lines.find((line) => String(line.msg).startsWith('compute-atlas '));
    expect(starting).toMatchObject({ version, node: process.versions.node });
    const listening = lines.at(-1)!;
    expect(listening).toMatchObject({
      version,
      node: process.versions.node,
      neo4j: expect.stringMatching(/^Neo4j\/5\.\d+/),
      uri: `http://127.0.0.1:${first.port}/graphql`,
    });
    // The checkout's commit (a deployment without .git sets GIT_COMMIT).
    expect(listening.commit).toMatch(/^[0-9a-f]{40}$/);

    const lock = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: first.child.pid, httpPort: first.port, boltPort: Number(env.NEO4J_BOLT_PORT) });
  }, 300_000);

  it('refuses a second instance on the same data directory at once, naming the first and its ports', async () => {
    const started = Date.now();
    const second = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...env, PORT: String(await freePort()), NEO4J_BOLT_PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [second.stdout, second.stderr]) stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).not.toBe(0);
    // Refused before building or starting anything: loading the service is all the time this takes.
    expect(output).not.toContain('embedded Neo4j: starting');
    expect(Date.now() - started).toBeLessThan(30_000);

    const lines = parseAll(output.split('\n').filter(Boolean));
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toContain(`The data directory ${dataDir} is in use by another Compute Atlas instance (pid ${first!.child.pid}`);
    expect(fatal[0]!.msg).toContain(`HTTP port ${first!.port}`);
    expect(fatal[0]!.msg).toContain(`NEO4J_URI=bolt://127.0.0.1:${env.NEO4J_BOLT_PORT}`);
    expect(fatal[0]).toMatchObject({ dataDir, holder: { pid: first!.child.pid, httpPort: first!.port } });

    // The first instance still serves, and still holds the directory.
    const ready = await fetch(`${first!.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', ready: true, database: 'up' });
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: first!.child.pid });
  }, 60_000);

  it('stops cleanly, leaving only JSON lines and no lock behind', async () => {
    expect(await first!.stop('SIGTERM')).toBe(0);
    for (const line of first!.lines()) expect(() => JSON.parse(line)).not.toThrow();
    await expect(readFile(path.join(dataDir, LOCK_FILE), 'utf8')).rejects.toThrow(/ENOENT/);
    first = undefined;
  }, 60_000);
});
