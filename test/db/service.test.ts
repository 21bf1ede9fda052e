import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';

// The service as `npm start` runs it: embedded Neo4j, seed on start, clean stop on Ctrl-C.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;
let env: NodeJS.ProcessEnv;
let port: number;
let seededCount = 0;

function startService(extra: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output.join('')}`)), 200_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('GraphQL API and GraphiQL on')) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output.join('')}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function companyCount(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ companies { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { companies: { totalCount: number } } };
  return body.data.companies.totalCount;
}

/** Processes whose command line mentions the data directory: the embedded Neo4j, if still alive. */
function processesUsing(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && !line.includes(' ps '));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-service-'));
  port = await freePort();
  env = { ...process.env, NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(await freePort()), PORT: String(port), NEO4J_HEAP: '512m' };
  delete env.NEO4J_URI;
  delete env.NEO4J_PASSWORD;
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the service started like `npm start`', () => {
  it('starts the embedded Neo4j, loads the seed, and leaves nothing behind on Ctrl-C', async () => {
    const { child } = await startService();
    seededCount = await companyCount();
    expect(seededCount).toBeGreaterThanOrEqual(12);
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);

  it('reuses the data directory on the next start', async () => {
    const { child } = await startService({ SEED_ON_START: 'false' });
    expect(seededCount).toBeGreaterThan(0);
    expect(await companyCount()).toBe(seededCount);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);
});
