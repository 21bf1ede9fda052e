import { Database } from '../db/database.js';
import { changesAfter, type ChangeSetRecord } from './history.js';

/** The graph version and the time of the write that produced it; both null for an empty graph. */
export interface VersionStamp {
  version: string | null;
  at: Date | null;
}

/** The latest change set's id and commit time, in one statement. */
export async function versionStamp(db: Database): Promise<VersionStamp> {
  const [row] = await db.read<{ seq: number | null; at: string | null }>(
    `OPTIONAL MATCH (g:GraphState {id: 'graph'})
     OPTIONAL MATCH (c:ChangeSet {seq: g.seq})
     RETURN g.seq AS seq, toString(c.at) AS at`,
  );
  if (!row?.seq) return { version: null, at: null };
  return { version: `cs-${Number(row.seq)}`, at: row.at ? new Date(row.at) : null };
}

export class TooManySubscribersError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} subscribers`);
  }
}

export interface ChangeFeedOptions {
  /** How often the version is read while anyone listens: how late another instance's writes arrive. */
  pollMs: number;
  /** Listeners at once; one more is refused, so clients cannot exhaust the process. */
  maxSubscribers: number;
}

const DEFAULTS: ChangeFeedOptions = { pollMs: 1_000, maxSubscribers: 500 };

type Listener = (change: ChangeSetRecord) => void;

/**
 * New change sets, read by one poller for every listener of a database (however many subscribe,
 * the database sees one cheap statement per poll). Writes through this process are looked for at
 * once; those of other instances on the same database at the next poll.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private lastSeq: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private recheck = false;
  private stopWatchingWrites: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private options: ChangeFeedOptions = DEFAULTS,
  ) {}

  configure(options: Partial<ChangeFeedOptions>): void {
    this.options = { ...this.options, ...options };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Starts delivering change sets committed from now on; returns the function that stops. */
  async listen(listener: Listener): Promise<() => void> {
    if (this.listeners.size >= this.options.maxSubscribers) throw new TooManySubscribersError(this.options.maxSubscribers);
    this.listeners.add(listener);
    if (this.listeners.size === 1) await this.start();
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.stop();
    };
  }

  /** Looks for new change sets now (also after a write of this process has committed). */
  check(): Promise<void> {
    if (this.listeners.size === 0) return Promise.resolve();
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    this.checking = this.deliverNew()
      .catch(() => undefined) // a database outage is retried at the next poll
      .finally(() => {
        this.checking = undefined;
        if (this.recheck) {
          this.recheck = false;
          void this.check();
        }
      });
    return this.checking;
  }

  private async start(): Promise<void> {
    this.lastSeq = seqOf((await versionStamp(this.db)).version);
    // A write statement is announced before it commits: look once it may have, and again at the poll.
    this.stopWatchingWrites = this.db.onQuery((event) => {
      if (event.mode === 'WRITE') setTimeout(() => void this.check(), 50).unref();
    });
    this.timer = setInterval(() => void this.check(), this.options.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.stopWatchingWrites?.();
    this.timer = undefined;
    this.stopWatchingWrites = undefined;
  }

  private async deliverNew(): Promise<void> {
    const seq = seqOf((await versionStamp(this.db)).version);
    if (seq === null || (this.lastSeq !== null && seq <= this.lastSeq)) return;
    let hasNextPage = true;
    while (hasNextPage) {
      const page = await changesAfter(this.db, this.lastSeq ?? 0, 100);
      for (const change of page.changes) {
        this.lastSeq = change.seq;
        for (const listener of this.listeners) listener(change);
      }
      hasNextPage = page.hasNextPage;
    }
  }
}

const seqOf = (version: string | null) => (version ? Number(version.slice(3)) : null);

const feeds = new WeakMap<Database, ChangeFeed>();

/**
 * The one feed of a database gateway. A request's gateway is a view of the process's one (its
 * prototype), so the feed is keyed by that root: every request shares the same poller.
 */
export function changeFeedOf(db: Database): ChangeFeed {
  let root = db;
  while (Object.getPrototypeOf(root) !== Database.prototype) root = Object.getPrototypeOf(root) as Database;
  let feed = feeds.get(root);
  if (!feed) {
    feed = new ChangeFeed(root);
    feeds.set(root, feed);
  }
  return feed;
}
