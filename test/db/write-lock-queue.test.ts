import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { refreshAggregates } from '../../src/graph/aggregates.js';
import { openChangeSet } from '../../src/ingest/write.js';
import { testDatabase } from '../helpers.js';

// Every write transaction takes the GraphState node's lock first (openChangeSet), so writers queue
// behind one another. Neo4j once reported the queued writers as deadlocked when the holder wrote
// that node again with `SET n.p = n.p + ...`, and a writer whose first attempt had waited out the
// driver's retry budget answered DATABASE_UNAVAILABLE. The waiters here use explicit transactions,
// which the driver never retries, so any such report fails the test.
const WAITERS = 4;
const QUEUE_MS = 500;
class RolledBack extends Error {}

const ROUNDS = 5;

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(async () => {
  await db.close();
});

/** One writer holds the lock and, once WAITERS others queue for it, updates the totals; what each waiter got. */
async function queueBehindAWriter(): Promise<string[]> {
  let queued!: () => void;
  const waitersQueued = new Promise<void>((resolve) => (queued = resolve));
  const holder = db
    .writeTransaction(async (run) => {
      await openChangeSet(run);
      await waitersQueued;
      await refreshAggregates(run, { companies: ['nvidia'] });
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  const waiters = Array.from({ length: WAITERS }, async () => {
    const session = db.driver.session();
    const tx = await session.beginTransaction();
    try {
      await openChangeSet(async (cypher, params) => (await tx.run(cypher, params)).records.map((record) => record.toObject()) as never);
      return 'served';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await tx.rollback().catch(() => undefined);
      await session.close();
    }
  });
  setTimeout(queued, QUEUE_MS);
  await holder;
  return Promise.all(waiters);
}

describe('writers queued for the graph state', () => {
  it('are served in turn, never reported deadlocked', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) outcomes.push(...(await queueBehindAWriter()));
    expect(outcomes).toEqual(Array(ROUNDS * WAITERS).fill('served'));
  }, 30_000);
});
