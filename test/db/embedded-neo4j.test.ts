import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { ensureLauncherBuilt } from '../../src/db/launcher-build.js';

// Real launcher, real JVM, no mocks. The first build downloads Neo4j from Maven Central, and each
// start takes several seconds, hence the generous timeouts.
const BUILD_TIMEOUT = 600_000;
const START_TIMEOUT = 180_000;
// Shorter than the default 8 on purpose: the launcher lowers Neo4j's minimum password length.
const PASSWORD = 'secret';
const HEAP = '512m';

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Bytes on disk under dir (allocated blocks, as du counts them: preallocated files count in full). */
async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).blocks * 512;
  }
  return total;
}

async function withDriver<T>(uri: string, password: string, fn: (d: Driver) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { connectionTimeout: 10_000 });
  try {
    return await fn(driver);
  } finally {
    await driver.close();
  }
}

describe('embedded Neo4j launcher', () => {
  let dataDir: string;
  const started: EmbeddedNeo4j[] = [];
  const log = (line: string) => console.log(`[embedded-neo4j.test] ${line}`);
  const marker = `probe-${process.pid}-${Date.now()}`;

  async function start(boltPort: number, dir = dataDir, password = PASSWORD): Promise<EmbeddedNeo4j> {
    const db = await startEmbeddedNeo4j({ dataDir: dir, boltPort, password, heap: HEAP, log });
    started.push(db);
    return db;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-neo4j-test-'));
    await ensureLauncherBuilt(log);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await Promise.all(started.map((db) => db.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'starts with a password on a free port, stores data, and stops without leaving the JVM behind',
    async () => {
      const port = await freePort();
      const db = await start(port);
      expect(db.uri).toBe(`bolt://127.0.0.1:${port}`);
      expect(db.boltPort).toBe(port);
      expect(processExists(db.pid)).toBe(true);

      await withDriver(db.uri, PASSWORD, async (driver) => {
        await driver.verifyAuthentication();
        const res = await driver.executeQuery('CREATE (p:Probe {marker: $marker}) RETURN p.marker AS marker', {
          marker,
        });
        expect(res.records[0]?.get('marker')).toBe(marker);
      });

      await db.stop();
      expect(processExists(db.pid)).toBe(false);
      await db.stop(); // idempotent

      // Transaction logs are neither preallocated nor 256 MiB each (Neo4j's defaults made ~515 MB).
      const bytes = await diskUsage(dataDir);
      log(`data dir after first start: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
      expect(bytes).toBeLessThan(100 * 2 ** 20);
    },
    START_TIMEOUT,
  );

  it(
    'restarts on the same data dir: data and password are kept, a wrong password is rejected',
    async () => {
      const db = await start(0);
      expect(db.boltPort).toBeGreaterThan(0);
      expect(db.uri).toBe(`bolt://127.0.0.1:${db.boltPort}`);

      const markers = await withDriver(db.uri, PASSWORD, async (driver) => {
        const res = await driver.executeQuery('MATCH (p:Probe {marker: $marker}) RETURN p.marker AS marker', {
          marker,
        });
        return res.records.map((r) => r.get('marker') as string);
      });
      expect(markers).toEqual([marker]);

      const wrong = await withDriver(db.uri, 'not-the-password', (driver) =>
        driver.executeQuery('RETURN 1').then(
          () => undefined,
          (err: unknown) => err as { code?: string },
        ),
      );
      expect(wrong?.code).toBe('Neo.ClientError.Security.Unauthorized');

      await db.stop();
      expect(processExists(db.pid)).toBe(false);
    },
    START_TIMEOUT,
  );

  it(
    'refuses a second launcher on a data dir in use, and a Bolt port in use, with a clear error',
    async () => {
      const first = await start(0);
      try {
        // Same data dir: Neo4j's store lock must make the second JVM fail fast, not hang.
        const t0 = Date.now();
        await expect(start(0)).rejects.toThrow(/data directory .* is in use, probably by `npm start`: set NEO4J_URI/);
        expect(Date.now() - t0).toBeLessThan(90_000);

        // Other data dir, same port.
        const otherDir = await mkdtemp(path.join(tmpdir(), 'embedded-neo4j-test-port-'));
        try {
          await expect(start(first.boltPort, otherDir)).rejects.toThrow(/already in use/);
        } finally {
          await rm(otherDir, { recursive: true, force: true });
        }

        // The first instance is unaffected.
        await withDriver(first.uri, PASSWORD, (driver) => driver.verifyAuthentication());
      } finally {
        await first.stop();
      }
      expect(processExists(first.pid)).toBe(false);
    },
    START_TIMEOUT * 2,
  );
});
