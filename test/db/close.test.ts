import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/db/errors.js';
import { testDatabase } from '../helpers.js';

// Closing the gateway under a read (a benchmark's end, a test's teardown) must not leave the read,
// or the poll that watches for an outage beside it, pending forever: that kept processes alive.

describe('closing the gateway', () => {
  it('fails a read still running with DATABASE_UNAVAILABLE within a poll, rather than leaving it pending', async () => {
    const db = testDatabase({ unavailableReason: () => null });
    const pending = db.read('UNWIND range(1, 400000000) AS x RETURN count(x) AS n');
    const outcome = pending.then(
      () => 'answered',
      (error: unknown) => error,
    );
    await expect.poll(() => db.pool.running, { interval: 5 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db.close();
    const closedAt = Date.now();
    const settledIn = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still pending'), 2_000))]);
    expect(settledIn).toBeInstanceOf(DatabaseUnavailableError);
    expect((settledIn as Error).message).toMatch(/closed its connection/);
    expect(Date.now() - closedAt).toBeLessThan(1_000);
  });
});
