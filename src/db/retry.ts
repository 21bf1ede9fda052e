import { isRetryableError } from 'neo4j-driver';

// The back-off of neo4j-driver's managed transactions, so that a read retries as a write does.
const FIRST_DELAY_MS = 1_000;
const DELAY_GROWTH = 2;
const JITTER = 0.2;

/**
 * Runs `attempt` again after a failure Neo4j calls transient (a dropped connection, a leader
 * switch, a deadlock), with a growing, jittered pause, until `withinMs` has passed since the first
 * attempt. Auto-commit transactions need it: the driver retries only the managed ones.
 */
export async function retryingTransient<R>(withinMs: number, attempt: () => Promise<R>): Promise<R> {
  const started = Date.now();
  for (let delayMs = FIRST_DELAY_MS; ; delayMs *= DELAY_GROWTH) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryableError(error) || Date.now() - started > withinMs) throw error;
      const pauseMs = delayMs * (1 - JITTER + Math.random() * 2 * JITTER);
      // The global timer rather than node:timers/promises, so that a test can run the pauses on a fake clock.
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
