/**
 * Keeps the embedded Neo4j serving. When its JVM dies without being asked to (kill -9, OOM, JVM
 * crash), the database is marked unavailable at once, so requests fail fast instead of each waiting
 * out connection timeouts, and the JVM is started again with back-off on the same port and data
 * directory, so the driver's URI stays valid and the store recovers from its transaction log.
 * Requests are let in again only once a query answers through the service's own driver.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockDataDir } from './data-dir-lock.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jOptions, type ExitStatus } from './embedded.js';

// Short at first: most crashes leave a store that starts again at once, and the outage lasts until it does.
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
/**
 * How long a restarted database must serve before its next crash is treated as a new incident and
 * the back-off starts again from FIRST_RESTART_DELAY_MS. Without it a database that crashes right
 * after each recovery (a poisoned query retried by clients, a store that fails on first use) would
 * be restarted every 250 ms forever. A minute is far longer than a start takes (seconds) and short
 * next to how rarely a healthy database crashes.
 */
export const STABLE_UPTIME_MS = 60_000;
/**
 * Consecutive failed restarts after which the process reports itself unhealthy: by then the cause
 * (port taken, disk full, damaged store) is unlikely to go away by waiting, and an external
 * supervisor replacing the process may help where retrying does not.
 */
export const FAILED_RESTARTS_BEFORE_UNHEALTHY = 5;

/**
 * When to restart a database that died, and whether to call the process healthy. The delay doubles
 * with every restart attempt, failed or not, and only starts over once the database has served for
 * STABLE_UPTIME_MS, so a crash loop backs off to MAX_RESTART_DELAY_MS like a database that will not
 * start. Health counts only failed restarts in a row: one that serves again makes the process
 * healthy even while the back-off remembers it.
 */
export class RestartPolicy {
  private attempts = 0;
  private failedInARow = 0;
  private servingSince: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** The database answers: at start, or after a restart. */
  serving(): void {
    this.servingSince = this.now();
    this.failedInARow = 0;
  }

  /** The database died: the back-off starts over only if it had served for STABLE_UPTIME_MS. */
  died(): void {
    if (this.servingSince !== null && this.now() - this.servingSince >= STABLE_UPTIME_MS) this.attempts = 0;
    this.servingSince = null;
  }

  /** How long to wait before the next restart attempt; each call makes the following one longer. */
  nextDelayMs(): number {
    const delayMs = Math.min(FIRST_RESTART_DELAY_MS * 2 ** this.attempts, MAX_RESTART_DELAY_MS);
    if (delayMs < MAX_RESTART_DELAY_MS) this.attempts++;
    return delayMs;
  }

  /** A restart attempt did not bring the database back. */
  failed(): void {
    this.failedInARow++;
  }

  healthy(): boolean {
    return this.failedInARow < FAILED_RESTARTS_BEFORE_UNHEALTHY;
  }
}

export interface SupervisorOptions extends EmbeddedNeo4jOptions {
  /** A trivial query through the service's own driver; it must bypass the unavailability flag. */
  probe: () => Promise<void>;
}

export interface SupervisedNeo4j {
  uri: string;
  /** Why the database cannot serve right now (it died and is being restarted), or null. */
  unavailableReason(): string | null;
  /** False after FAILED_RESTARTS_BEFORE_UNHEALTHY failed restarts in a row; restarts go on regardless. */
  healthy(): boolean;
  /** Stops the JVM for good; a pending restart is cancelled rather than completed. */
  stop(): Promise<void>;
}

export async function superviseEmbeddedNeo4j({ probe, ...options }: SupervisorOptions): Promise<SupervisedNeo4j> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // Before the launcher and the JVM: a second instance learns at once who holds the directory.
  const lock = lockDataDir(dataDir);
  const first = await startEmbeddedNeo4j(options).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  lock.record({ boltPort: first.boltPort });
  let current: EmbeddedNeo4j | undefined = first;
  // Keeps a port the OS picked (boltPort 0) for every later start.
  const restartOptions = { ...options, boltPort: first.boltPort };
  const stopping = new AbortController();
  let reason: string | null = null;
  const policy = new RestartPolicy();
  policy.serving();
  let recovery: Promise<void> = Promise.resolve();

  const watch = (instance: EmbeddedNeo4j): void => {
    void instance.exited.then((status) => {
      if (stopping.signal.aborted) return;
      current = undefined;
      policy.died();
      recovery = recover(describeExit(status));
    });
  };

  const recover = async (exit: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      reason = `embedded Neo4j exited (${exit}); restarting, attempt ${attempt}`;
      log(reason);
      // Unref'd: a CLI that ends while the database is down must not be held open by the back-off.
      await sleep(policy.nextDelayMs(), undefined, { signal: stopping.signal, ref: false }).catch(() => undefined);
      if (stopping.signal.aborted) return;

      let next: EmbeddedNeo4j | undefined;
      try {
        next = await startEmbeddedNeo4j({ ...restartOptions, signal: stopping.signal });
        await probe();
      } catch (error) {
        await next?.stop();
        if (stopping.signal.aborted) return;
        policy.failed();
        log(`embedded Neo4j: restart attempt ${attempt} failed: ${firstLine(error)}`);
        continue;
      }
      if (stopping.signal.aborted) {
        await next.stop();
        return;
      }
      current = next;
      policy.serving();
      reason = null;
      watch(next);
      log(`embedded Neo4j: serving again (pid ${next.pid}) after ${attempt} restart attempt(s)`);
      return;
    }
  };

  watch(first);
  return {
    uri: first.uri,
    unavailableReason: () => reason,
    healthy: () => policy.healthy(),
    stop: async () => {
      stopping.abort();
      await recovery;
      await current?.stop();
      lock.release();
    },
  };
}

function describeExit({ code, signal }: ExitStatus): string {
  return code !== null ? `exit code ${code}` : `signal ${signal}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
