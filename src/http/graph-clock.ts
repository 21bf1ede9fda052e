import type { Database } from '../db/database.js';
import { versionStamp, type VersionStamp } from '../graph/change-feed.js';

/**
 * The graph version (and its time) as this instance knows it, shared by the response cache and
 * the HTTP validators so that both name the same version. A reading is trusted for `ttlMs`; a
 * write of this instance makes it stale at once, writes of other instances are seen within it.
 */
export class GraphClock {
  private stamp: VersionStamp | undefined;
  private readAt = 0;
  private reading: Promise<VersionStamp> | undefined;
  private readonly moved = new Set<() => void>();
  /** Counts invalidations: an answer begun at one count and finished at another may span a write. */
  epoch = 0;

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
  ) {
    // Announced before the statement runs: the version is read again on the next request.
    db.onQuery((event) => {
      if (event.mode === 'WRITE') this.invalidate();
    });
  }

  /** Whether the last reading may still be used without asking the database. */
  get fresh(): boolean {
    return this.stamp !== undefined && Date.now() - this.readAt < this.ttlMs;
  }

  /** The version read last, if any (for keys built while it is fresh). */
  get known(): VersionStamp | undefined {
    return this.stamp;
  }

  /** Forgets the reading; called on a write statement and again once a mutation has committed. */
  invalidate(): void {
    this.readAt = 0;
    this.epoch++;
    for (const listener of this.moved) listener();
  }

  /** Calls `listener` whenever the version may have moved. */
  onMove(listener: () => void): void {
    this.moved.add(listener);
  }

  async current(): Promise<VersionStamp> {
    if (this.fresh) return this.stamp!;
    this.reading ??= versionStamp(this.db)
      .then((stamp) => {
        if (stamp.version !== this.stamp?.version) for (const listener of this.moved) listener();
        this.stamp = stamp;
        this.readAt = Date.now();
        return stamp;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}
