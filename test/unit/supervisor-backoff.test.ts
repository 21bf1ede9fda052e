import { describe, expect, it } from 'vitest';
import { FAILED_RESTARTS_BEFORE_UNHEALTHY, RestartPolicy, STABLE_UPTIME_MS } from '../../src/db/supervisor.js';

// The embedded Neo4j's restart policy on a clock of the test's own: no database, no waiting.
function policyAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, policy: new RestartPolicy(() => clock.now) };
}

/** A crash noticed `upMs` after the database last started serving, then one restart that serves again. */
function crashAndRecover(clock: { now: number }, policy: RestartPolicy, upMs: number): number {
  clock.now += upMs;
  policy.died();
  const delayMs = policy.nextDelayMs();
  clock.now += delayMs;
  policy.serving();
  return delayMs;
}

describe('the embedded Neo4j restart policy', () => {
  it('doubles the delay of failed restarts up to 30 s', () => {
    const { policy } = policyAt();
    policy.serving();
    policy.died();
    const delays = Array.from({ length: 10 }, () => {
      const delayMs = policy.nextDelayMs();
      policy.failed();
      return delayMs;
    });
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('keeps backing off a database that crashes again soon after each recovery', () => {
    const { clock, policy } = policyAt();
    policy.serving();
    const delays = Array.from({ length: 9 }, () => crashAndRecover(clock, policy, 1_000));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('starts over only once the database has served for the stable period', () => {
    const { clock, policy } = policyAt();
    policy.serving();
    expect([1, 2, 3].map(() => crashAndRecover(clock, policy, 1_000))).toEqual([250, 500, 1000]);
    expect(crashAndRecover(clock, policy, STABLE_UPTIME_MS - 1)).toBe(2000);
    expect(crashAndRecover(clock, policy, STABLE_UPTIME_MS)).toBe(250);
    expect(crashAndRecover(clock, policy, 1_000)).toBe(500);
  });

  it('turns unhealthy after failed restarts in a row, and healthy again once a restart serves', () => {
    const { policy } = policyAt();
    policy.serving();
    policy.died();
    for (let n = 1; n < FAILED_RESTARTS_BEFORE_UNHEALTHY; n++) {
      policy.nextDelayMs();
      policy.failed();
    }
    expect(policy.healthy()).toBe(true);
    policy.nextDelayMs();
    policy.failed();
    expect(policy.healthy()).toBe(false);
    policy.nextDelayMs();
    policy.serving();
    expect(policy.healthy()).toBe(true);
  });

  it('stays healthy through a crash loop whose restarts all serve, since none failed', () => {
    const { clock, policy } = policyAt();
    policy.serving();
    for (let n = 0; n < 2 * FAILED_RESTARTS_BEFORE_UNHEALTHY; n++) crashAndRecover(clock, policy, 1_000);
    expect(policy.healthy()).toBe(true);
  });
});
