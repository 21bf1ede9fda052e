import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/server.js';
import { execute, limits, testDatabase } from '../helpers.js';

// Heavy operations queue among themselves; light ones pass them (src/db/admission.ts). Observed on
// the real database: the lane each request ran in (its log line), and the gateway's admission
// counters at the moment each statement starts.

const EXPOSURE = 'query Heavy { exposure(chip: "h20") { company { key } policies { key } } }';
const LOOKUP = 'query Light { company(key: "alibaba") { key name } }';

const lines: { msg?: string; operation?: string; lane?: string }[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let db: Database;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  db = testDatabase({ maxHeavyStatements: 1 });
  app = createApp({ db, limits, logger: pino(sink) });
});
afterAll(() => db.close());

describe('admission lanes', () => {
  it('puts an operation priced at HEAVY_QUERY_COMPLEXITY or more in the heavy lane, a key lookup in the light one', async () => {
    const heavy = await execute(app, EXPOSURE);
    const light = await execute(app, LOOKUP);
    expect(heavy.errors).toBeUndefined();
    expect(light.errors).toBeUndefined();
    const laneOf = (operation: string) => lines.find((line) => line.msg === 'request' && line.operation === operation)?.lane;
    expect(laneOf('Heavy')).toBe('heavy');
    expect(laneOf('Light')).toBe('light');
  });

  it('runs heavy statements one at a time (NEO4J_MAX_HEAVY_STATEMENTS=1) while a light request passes the queue', async () => {
    const admitted: { heavyRunning: number; heavyWaiting: number; light: boolean }[] = [];
    const stop = db.onQuery(({ cypher }) => admitted.push({ ...db.pool, light: !cypher.includes('$chip') }));
    try {
      const heavies = Array.from({ length: 20 }, () => execute(app, EXPOSURE));
      // Once the first heavy statement runs, the other 19 are queued behind it.
      await expect.poll(() => db.pool.heavyWaiting, { interval: 1 }).toBeGreaterThan(0);
      const light = await execute(app, LOOKUP);
      const answers = await Promise.all(heavies);
      expect(light.data?.company).toMatchObject({ key: 'alibaba' });
      expect(answers.every((answer) => answer.errors === undefined && ((answer.data?.exposure as unknown[] | undefined)?.length ?? 0) > 0)).toBe(true);
    } finally {
      stop();
    }
    expect(Math.max(...admitted.map((a) => a.heavyRunning))).toBe(1);
    const lightStart = admitted.find((a) => a.light);
    expect(lightStart, 'the light request sent its statement').toBeDefined();
    expect(lightStart!.heavyWaiting, 'heavy statements still queued when the light one started').toBeGreaterThan(0);
    expect(db.pool).toEqual({ running: 0, waiting: 0, heavyRunning: 0, heavyWaiting: 0 });
  });
});
