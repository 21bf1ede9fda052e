import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { startServiceProcess, type ServiceProcess } from '../service-process.js';

// The service as `npm start` runs it: embedded Neo4j, seed on start, clean stop on Ctrl-C.
let dataDir: string;
let env: NodeJS.ProcessEnv;
let seededCount = 0;

// It starts its own Neo4j, and the first start loads the seed.
const startService = (extra: NodeJS.ProcessEnv = {}) => startServiceProcess({ ...env, ...extra }, { startTimeoutMs: 200_000 });

async function companyCount(service: ServiceProcess): Promise<number> {
  const response = await fetch(`${service.url}/graphql`, {
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
  env = { ...process.env, NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(await freePort()), NEO4J_HEAP: '512m' };
  delete env.NEO4J_URI;
  delete env.NEO4J_PASSWORD;
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the service started like `npm start`', () => {
  it('starts the embedded Neo4j, loads the seed, and leaves nothing behind on Ctrl-C', async () => {
    const service = await startService();
    seededCount = await companyCount(service);
    expect(seededCount).toBeGreaterThanOrEqual(12);
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);
    expect(await service.stop('SIGINT')).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);

  it('reuses the data directory on the next start', async () => {
    const service = await startService({ SEED_ON_START: 'false' });
    expect(seededCount).toBeGreaterThan(0);
    expect(await companyCount(service)).toBe(seededCount);
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);
});
