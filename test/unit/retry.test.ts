import { Neo4jError } from 'neo4j-driver';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryingTransient } from '../../src/db/retry.js';

const deadlock = () => new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N00', 'error: transient');
const syntax = () => new Neo4jError('bad query', 'Neo.ClientError.Statement.SyntaxError', '42001', 'error: syntax');

/** An attempt that fails with each of `failures` in turn, then answers 'done'; it counts its calls. */
function attempts(failures: Error[]) {
  let calls = 0;
  const attempt = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return 'done';
  };
  return { attempt, calls: () => calls };
}

describe('retryingTransient: auto-commit reads retried as the driver retries managed transactions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a transient failure after a pause, and answers what the next attempt answered', async () => {
    const { attempt, calls } = attempts([deadlock(), deadlock()]);
    const answer = retryingTransient(30_000, attempt);
    await vi.advanceTimersByTimeAsync(799);
    expect(calls()).toBe(1);
    // The first pause is 1 s ± 20 %, the second 2 s ± 20 %.
    await vi.advanceTimersByTimeAsync(1_200 - 799);
    expect(calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(2_400);
    await expect(answer).resolves.toBe('done');
    expect(calls()).toBe(3);
  });

  it('does not retry a failure that would fail again (a client error)', async () => {
    const { attempt, calls } = attempts([syntax()]);
    await expect(retryingTransient(30_000, attempt)).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
    expect(calls()).toBe(1);
  });

  it('gives up with the last transient failure once its time is spent', async () => {
    const { attempt, calls } = attempts(Array.from({ length: 10 }, deadlock));
    const answer = retryingTransient(2_000, attempt);
    const settled = expect(answer).rejects.toMatchObject({ code: 'Neo.TransientError.Transaction.DeadlockDetected' });
    await vi.advanceTimersByTimeAsync(10_000);
    await settled;
    // Attempts at 0, ~1 s and ~3 s: the third starts after the 2 s and is the last.
    expect(calls()).toBe(3);
  });
});
