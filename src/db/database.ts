import neo4j, { type Driver, isRetryableError, type ManagedTransaction, Neo4jError, type ProfiledPlan, type QueryResult, type RecordShape } from 'neo4j-driver';
import { logger } from '../core/logger.js';
import { ConsistencyTimeoutError, ConsistencyTokens } from './consistency.js';

/** Neo4j cannot be reached (down, restarting, wrong address or credentials). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A query ran past the configured transaction timeout and was terminated by the server. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
}

/** A request sent more statements than one request may. */
export class StatementLimitError extends Error {
  override name = 'StatementLimitError';
  constructor(readonly limit: number) {
    super(`The request needs more than ${limit} database statements.`);
  }
}

/** A first-come, first-served counting semaphore. */
class Slots {
  private taken = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Slots held, and takers waiting for one. */
  get use(): { running: number; waiting: number } {
    return { running: this.taken, waiting: this.queue.length };
  }

  /** Waits for a free slot; the returned function gives it back. */
  async take(): Promise<() => void> {
    if (this.taken >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.taken++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      // A waiter inherits the slot directly, so a newcomer cannot overtake the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.taken--;
    };
  }
}

/**
 * One request's share of the database: how many statements it may send in all, and how many may
 * run at once. Without it a single request of many aliases could hold every pooled connection
 * and starve every other client.
 */
export class StatementBudget {
  private sent = 0;
  private readonly running: Slots;

  constructor(
    readonly maxStatements: number,
    maxConcurrent: number,
  ) {
    this.running = new Slots(maxConcurrent);
  }

  get statements(): number {
    return this.sent;
  }

  async acquire(): Promise<() => void> {
    if (this.sent >= this.maxStatements) throw new StatementLimitError(this.maxStatements);
    this.sent++;
    return this.running.take();
  }
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  connectTimeoutMs: number;
  /** Pooled Bolt connections, and so statements running at once (default 100). */
  maxPoolSize?: number;
  /**
   * Why the database is known to be down right now (e.g. the embedded server died and is being
   * restarted), or null. Statements then fail at once instead of waiting for connection timeouts.
   */
  unavailableReason?: () => string | null;
  /** How long a request carrying a consistency token waits for the database to reach it (default 5000). */
  consistencyTimeoutMs?: number;
}

export interface QueryEvent {
  cypher: string;
  mode: 'READ' | 'WRITE';
}

/**
 * Runs one statement as its caller sees it, from the call to its last record (for `read` and
 * `write`, the wait for a connection and the driver's retries included); tracing times it.
 */
export type StatementWrapper = <R>(event: QueryEvent, send: () => Promise<R>) => Promise<R>;

export type Params = Record<string, unknown>;

/** What one profiled statement cost the database: db hits summed over its whole plan, and rows returned. */
export interface StatementProfile {
  cypher: string;
  dbHits: number;
  rows: number;
}

const DEFAULT_POOL_SIZE = 100;
const OUTAGE_POLL_MS = 100;
const DEFAULT_CONSISTENCY_TIMEOUT_MS = 5_000;
const CATCH_UP = 'RETURN 1 AS caughtUp';

/**
 * One request's place in the database's history: the position its consistency token asks it to
 * read at or after, and the position its last write committed at.
 */
export class CausalScope {
  committed: string[] = [];
  /** Set by the first statement of the request: the wait for `after`, shared by the rest. */
  caughtUp: Promise<void> | undefined;

  constructor(readonly after: string[] = []) {}
}

/**
 * The one gateway to Neo4j: every Cypher statement of the service passes through here, so
 * timeouts, routing, error translation and round-trip instrumentation live in one place.
 */
export class Database {
  readonly driver: Driver;
  /** Mints and checks the consistency tokens that carry bookmarks between instances. */
  readonly tokens: ConsistencyTokens;
  private readonly listeners = new Set<(event: QueryEvent) => void>();
  private wrapper: StatementWrapper | undefined;
  private budget: StatementBudget | undefined;
  private causality: CausalScope | undefined;
  private profileSink: ((profile: StatementProfile) => void) | undefined;
  /**
   * Statements wait here, in arrival order across all requests, rather than in the driver's pool,
   * whose acquisition timeout would turn a busy moment into a false DATABASE_UNAVAILABLE.
   */
  private readonly connections: Slots;

  constructor(private readonly options: DatabaseOptions) {
    this.connections = new Slots(options.maxPoolSize ?? DEFAULT_POOL_SIZE);
    this.tokens = new ConsistencyTokens(options);
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      // Plain JS numbers at the edge: every integer we store fits in 2^53.
      disableLosslessIntegers: true,
      connectionTimeout: options.connectTimeoutMs,
      connectionAcquisitionTimeout: options.connectTimeoutMs,
      // The driver retries transient failures; cap it so a dead database answers in seconds, not 30 s.
      maxTransactionRetryTime: options.connectTimeoutMs,
      maxConnectionPoolSize: options.maxPoolSize ?? DEFAULT_POOL_SIZE,
      logging: { level: 'error', logger: () => undefined },
    });
  }

  /**
   * The same gateway (one driver, one pool, the same listeners) with every statement charged to
   * one request's budget.
   */
  withBudget(budget: StatementBudget): Database {
    const scoped = Object.create(this) as Database;
    scoped.budget = budget;
    return scoped;
  }

  /**
   * The same gateway with every transaction opened at or after `scope.after` (on a cluster, a
   * follower that lags is waited for), and each write's commit position recorded in `scope`.
   */
  withCausality(scope: CausalScope): Database {
    const scoped = Object.create(this) as Database;
    scoped.causality = scope;
    return scoped;
  }

  /**
   * The same gateway with every read sent as `PROFILE` and its cost reported to `sink`: db hits
   * are deterministic on a fixed graph, unlike timings (`npm run bench:dbhits`).
   */
  profiled(sink: (profile: StatementProfile) => void): Database {
    const scoped = Object.create(this) as Database;
    scoped.profileSink = sink;
    return scoped;
  }

  /** Statements on pooled connections now, and statements waiting for one (for /metrics). */
  get pool(): { running: number; waiting: number } {
    return this.connections.use;
  }

  /** Statements charged so far to the budget this gateway was scoped with (for the request log). */
  get budgetedStatements(): number {
    return this.budget?.statements ?? 0;
  }

  /** Why the database is known to be down right now, or null (for /metrics). */
  unavailableReason(): string | null {
    return this.options.unavailableReason?.() ?? null;
  }

  /** Subscribe to every statement sent; returns the unsubscribe function. */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wraps every statement sent from now on (one wrapper: tracing's); returns the function that removes it. */
  wrapStatements(wrapper: StatementWrapper): () => void {
    this.wrapper = wrapper;
    return () => {
      if (this.wrapper === wrapper) this.wrapper = undefined;
    };
  }

  read<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.send({ cypher, mode: 'READ' }, () => this.run<T>('READ', cypher, params));
  }

  write<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.send({ cypher, mode: 'WRITE' }, () => this.run<T>('WRITE', cypher, params));
  }

  /**
   * Runs several statements in one write transaction: all of them commit, or none does.
   * `work` receives a function that runs one statement inside the transaction.
   */
  async writeTransaction<R>(work: (run: <T extends RecordShape>(cypher: string, params?: Params) => Promise<T[]>) => Promise<R>): Promise<R> {
    return this.transaction('WRITE', this.options.queryTimeoutMs * 6, (tx) =>
      work(async <T extends RecordShape>(cypher: string, params: Params = {}) => {
        this.emit({ cypher, mode: 'WRITE' });
        const result = await this.send({ cypher, mode: 'WRITE' }, () => tx.run<T>(cypher, params));
        return result.records.map((record) => record.toObject());
      }),
    );
  }

  /** Resolves when the server answers a trivial query. */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private assertAvailable(): void {
    const reason = this.options.unavailableReason?.();
    if (reason) throw new DatabaseUnavailableError(reason);
  }

  private run<T extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<T[]> {
    return this.transaction(mode, this.options.queryTimeoutMs, async (tx) => {
      this.emit({ cypher, mode });
      const result = mode === 'READ' && this.profileSink ? await this.profile<T>(tx, cypher, params, this.profileSink) : await tx.run<T>(cypher, params);
      return result.records.map((record) => record.toObject());
    });
  }

  private async profile<T extends RecordShape>(
    tx: ManagedTransaction,
    cypher: string,
    params: Params,
    sink: (profile: StatementProfile) => void,
  ): Promise<QueryResult<T>> {
    const result = await tx.run<T>(`PROFILE ${cypher}`, params);
    const plan = result.summary.profile;
    if (!plan) throw new Error(`Neo4j returned no profile for: ${cypher}`);
    sink({ cypher, dbHits: totalDbHits(plan), rows: result.records.length });
    return result;
  }

  /**
   * One managed transaction, retried by the driver on transient failures. Reads and writes share
   * the driver's bookmark manager: a read always sees this service's earlier writes, on a cluster
   * too.
   */
  private async transaction<R>(mode: 'READ' | 'WRITE', timeout: number, work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
    this.assertAvailable();
    await this.caughtUp();
    const releaseShare = await this.budget?.acquire();
    const releaseConnection = await this.connections.take();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      bookmarks: this.causality?.after,
    });
    const attempt = (tx: ManagedTransaction) => {
      this.assertAvailable();
      return work(tx);
    };
    // The slot is the driver's connection: it is free only once the session is.
    const executed =
      mode === 'READ'
        ? session.executeRead(attempt, { timeout })
        : session.executeWrite(attempt, { timeout }).then((result) => {
            if (this.causality) this.causality.committed = session.lastBookmarks();
            return result;
          });
    const running = executed.finally(async () => {
      await session.close();
      releaseConnection();
    });
    try {
      // A write is always waited for: its client must learn whether it committed.
      return mode === 'READ' ? await this.unlessTheDatabaseDies(running) : await running;
    } catch (error) {
      throw translate(error);
    } finally {
      releaseShare?.();
    }
  }

  /** Resolves once the database has reached the request's token, waiting for that once per request. */
  private caughtUp(): Promise<void> {
    const scope = this.causality;
    if (!scope?.after.length) return Promise.resolve();
    scope.caughtUp ??= this.catchUp(scope.after);
    return scope.caughtUp;
  }

  /**
   * One trivial read at or after `bookmarks`, given up after consistencyTimeoutMs. Not a managed
   * transaction: the driver would retry Neo4j's BookmarkTimeout, each attempt waiting out the
   * server's whole `db.transaction.bookmark_ready_timeout` (30 s by default).
   */
  private async catchUp(bookmarks: string[]): Promise<void> {
    const waitMs = this.options.consistencyTimeoutMs ?? DEFAULT_CONSISTENCY_TIMEOUT_MS;
    const releaseConnection = await this.connections.take();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      bookmarks,
    });
    this.emit({ cypher: CATCH_UP, mode: 'READ' });
    const reached = this.send({ cypher: CATCH_UP, mode: 'READ' }, async () => {
      const tx = await session.beginTransaction({ timeout: this.options.queryTimeoutMs });
      await tx.run(CATCH_UP);
      await tx.commit();
    });
    // The connection is busy until the server stops waiting, even after the client was answered.
    void reached
      .then(
        () => session.close(),
        () => session.close(),
      )
      .catch(() => undefined)
      .finally(releaseConnection);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new ConsistencyTimeoutError(`The database did not reach the position of the consistency token within ${waitMs} ms.`)),
        waitMs,
      );
    });
    try {
      await Promise.race([reached, deadline]);
    } catch (error) {
      throw translate(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A read caught by a crash would otherwise wait out the driver's retries (seconds per statement)
   * before failing; it fails as soon as the crash is known instead.
   */
  private async unlessTheDatabaseDies<R>(running: Promise<R>): Promise<R> {
    const reason = this.options.unavailableReason;
    if (!reason) return running;
    let poll: NodeJS.Timeout | undefined;
    const outage = new Promise<never>((_resolve, reject) => {
      poll = setInterval(() => {
        const why = reason();
        if (why) reject(new DatabaseUnavailableError(why));
      }, OUTAGE_POLL_MS);
    });
    try {
      return await Promise.race([running, outage]);
    } finally {
      clearInterval(poll);
    }
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private send<R>(event: QueryEvent, statement: () => Promise<R>): Promise<R> {
    return this.wrapper ? this.wrapper(event, statement) : statement();
  }
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

const TIMEOUT_CODES = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);

function totalDbHits(plan: ProfiledPlan): number {
  return plan.children.reduce((sum, child) => sum + totalDbHits(child), plan.dbHits);
}

function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (TIMEOUT_CODES.has(error.code)) return new QueryTimeoutError(error.message, { cause: error });
  // A follower that did not catch up with a token within the server's own bookmark wait.
  if (error.code === 'Neo.TransientError.Transaction.BookmarkTimeout') return new ConsistencyTimeoutError(error.message, { cause: error });
  // After the retry budget is spent the driver surfaces the last transient error; treat it as an outage.
  if (UNAVAILABLE_CODES.has(error.code) || isRetryableError(error) || /acquisition timed out/i.test(error.message)) {
    // The client only ever sees DATABASE_UNAVAILABLE, which is never logged as unexpected: this
    // line is the one record of which failure it stood for (an outage, or a transient error such as
    // a deadlock that outlasted the retries).
    logger.warn({ neo4jCode: error.code, neo4jMessage: error.message }, `Neo4j error ${error.code} answered as DATABASE_UNAVAILABLE`);
    return new DatabaseUnavailableError(error.message, { cause: error });
  }
  return error;
}
