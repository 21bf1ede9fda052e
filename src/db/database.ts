import neo4j, { type Driver, type ManagedTransaction, type ProfiledPlan, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';
import { ConsistencyTokens } from './consistency-token.js';
import { ConsistencyTimeoutError, DatabaseUnavailableError, translate } from './errors.js';
import { Admission, type Admitted, type AdmissionUse } from './admission.js';
import { withoutCallSite } from './call-site.js';
import { retryingTransient } from './retry.js';
import type { CausalScope, RequestScope } from './request-scope.js';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  connectTimeoutMs: number;
  /** Pooled Bolt connections, and so statements running at once (default 100). */
  maxPoolSize?: number;
  /** Of those, statements of heavy operations running at once (default 4; see Admission). */
  maxHeavyStatements?: number;
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
const DEFAULT_HEAVY_STATEMENTS = 4;
const OUTAGE_POLL_MS = 100;
const DEFAULT_CONSISTENCY_TIMEOUT_MS = 5_000;
const CATCH_UP = 'RETURN 1 AS caughtUp';
const APP = 'compute-atlas';

/**
 * What a view of the gateway adds to every statement it sends: the request it serves, and for the
 * db-hits benchmark where the profiles go.
 */
interface Scope extends Partial<RequestScope> {
  profileSink?: (profile: StatementProfile) => void;
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
  /** Empty on the service's gateway; each view made by forRequest, withCausality or profiled has its own. */
  private scope: Scope = {};
  /**
   * Statements wait here, in arrival order within their lane across all requests, rather than in
   * the driver's pool, whose acquisition timeout would turn a busy moment into a false
   * DATABASE_UNAVAILABLE.
   */
  private readonly connections: Admission;
  /** Shared by every view (an object reached through the prototype), so closing any of them is seen by all. */
  private readonly lifecycle = { closed: false };

  constructor(private readonly options: DatabaseOptions) {
    this.connections = new Admission(options.maxPoolSize ?? DEFAULT_POOL_SIZE, options.maxHeavyStatements ?? DEFAULT_HEAVY_STATEMENTS);
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
   * The same gateway (one driver, one pool, the same listeners) as one request sees it: every
   * statement charged to its budget, opened at or after its causal position, and tagged with its id.
   */
  forRequest(request: RequestScope): Database {
    return this.view(request);
  }

  /**
   * The same gateway with every transaction opened at or after `causality.after` (on a cluster, a
   * follower that lags is waited for), and each write's commit position recorded in `causality`.
   */
  withCausality(causality: CausalScope): Database {
    return this.view({ causality });
  }

  /**
   * The same gateway with every read sent as `PROFILE` and its cost reported to `sink`: db hits
   * are deterministic on a fixed graph, unlike timings (`npm run bench:dbhits`).
   */
  profiled(sink: (profile: StatementProfile) => void): Database {
    return this.view({ profileSink: sink });
  }

  /** The driver, the pool, the listeners and the wrapper are reached through the prototype: only the scope is the view's own. */
  private view(scope: Scope): Database {
    const view = Object.create(this) as Database;
    view.scope = { ...this.scope, ...scope };
    return view;
  }

  /** Statements on pooled connections now, and statements waiting for one, in all and of heavy operations (for /metrics). */
  get pool(): AdmissionUse {
    return this.connections.use;
  }

  /** Statements charged so far to the budget this gateway was scoped with (for the request log). */
  get budgetedStatements(): number {
    return this.scope.budget?.statements ?? 0;
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
    return this.send({ cypher, mode: 'READ' }, () => this.autoCommitRead<T>(cypher, params));
  }

  write<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.send({ cypher, mode: 'WRITE' }, () =>
      this.writeTx(this.options.queryTimeoutMs, async (tx) => {
        this.emit({ cypher, mode: 'WRITE' });
        const result = await withoutCallSite(() => tx.run<T>(cypher, params));
        return result.records.map((record) => record.toObject());
      }),
    );
  }

  /**
   * Runs several statements in one write transaction: all of them commit, or none does.
   * `work` receives a function that runs one statement inside the transaction.
   */
  async writeTransaction<R>(work: (run: <T extends RecordShape>(cypher: string, params?: Params) => Promise<T[]>) => Promise<R>): Promise<R> {
    return this.writeTx(this.options.queryTimeoutMs * 6, (tx) =>
      work(async <T extends RecordShape>(cypher: string, params: Params = {}) => {
        this.emit({ cypher, mode: 'WRITE' });
        const result = await this.send({ cypher, mode: 'WRITE' }, () => withoutCallSite(() => tx.run<T>(cypher, params)));
        return result.records.map((record) => record.toObject());
      }),
    );
  }

  /** Resolves when the server answers a trivial query. */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    this.lifecycle.closed = true;
    await this.driver.close();
  }

  private assertAvailable(): void {
    const reason = this.options.unavailableReason?.();
    if (reason) throw new DatabaseUnavailableError(reason);
  }

  /**
   * One read as an auto-commit transaction: the driver sends its statement and pull in one write
   * and the server commits with the last record, where a managed transaction costs a BEGIN and a
   * COMMIT more (a key lookup at one connection: 1.2 against 1.8 ms). Transient failures are
   * retried here, since the driver retries only managed transactions. Reads share the driver's
   * bookmark manager with writes, so a read always sees this service's earlier writes, on a
   * cluster too.
   */
  private async autoCommitRead<T extends RecordShape>(cypher: string, params: Params): Promise<T[]> {
    const { admitted, releaseShare } = await this.admit();
    const sink = this.scope.profileSink;
    const running = retryingTransient(this.options.connectTimeoutMs, async () => {
      this.assertAvailable();
      this.emit({ cypher, mode: 'READ' });
      const session = this.session('READ', this.scope.causality?.after);
      try {
        const result = await withoutCallSite(() =>
          session.run<T>(sink ? `PROFILE ${cypher}` : cypher, params, this.transactionConfig(this.options.queryTimeoutMs)),
        );
        if (sink) sink(profileOf(cypher, result));
        return result.records.map((record) => record.toObject());
      } finally {
        // A failed attempt has been answered too: the back-off before the next one is spent outside the heavy lane.
        admitted.answered();
        await session.close();
      }
    }).finally(() => admitted.release());
    try {
      return await this.unlessTheDatabaseDies(running);
    } catch (error) {
      throw translate(error);
    } finally {
      releaseShare?.();
    }
  }

  /**
   * One managed write transaction, retried by the driver on transient failures; its commit
   * position goes to the request's causal scope.
   */
  private async writeTx<R>(timeout: number, work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
    const { admitted, releaseShare } = await this.admit();
    const session = this.session('WRITE', this.scope.causality?.after);
    // A retry the driver makes after the first attempt was answered runs outside the heavy lane:
    // retries follow transient failures, which are rare, and holding the lane across them would
    // hold it over the driver's back-off too.
    const attempt = async (tx: ManagedTransaction) => {
      this.assertAvailable();
      const result = await work(tx);
      admitted.answered();
      return result;
    };
    // The place in the pool is the driver's connection: it is free only once the session is.
    const running = session
      .executeWrite(attempt, this.transactionConfig(timeout))
      .then((result) => {
        const { causality } = this.scope;
        if (causality) causality.committed = session.lastBookmarks();
        return result;
      })
      .finally(async () => {
        await session.close();
        admitted.release();
      });
    try {
      // A write is always waited for, even when the database dies: its client must learn whether it committed.
      return await running;
    } catch (error) {
      throw translate(error);
    } finally {
      releaseShare?.();
    }
  }

  /** The waits every statement passes before it is sent: the database's, its request's budget, and its lane's. */
  private async admit(): Promise<{ admitted: Admitted; releaseShare: (() => void) | undefined }> {
    this.assertAvailable();
    await this.caughtUp();
    const releaseShare = await this.scope.budget?.acquire();
    const admitted = await this.connections.take(this.scope.budget?.lane ?? 'light');
    return { admitted, releaseShare };
  }

  private session(mode: 'READ' | 'WRITE', bookmarks: string[] | undefined): Session {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      bookmarks,
    });
  }

  private transactionConfig(timeout: number): { timeout: number; metadata: Record<string, string> } {
    return { timeout, metadata: this.metadata() };
  }

  /** Resolves once the database has reached the request's token, waiting for that once per request. */
  private caughtUp(): Promise<void> {
    const { causality } = this.scope;
    if (!causality?.after.length) return Promise.resolve();
    causality.caughtUp ??= this.catchUp(causality.after);
    return causality.caughtUp;
  }

  /**
   * One trivial read at or after `bookmarks`, given up after consistencyTimeoutMs. Not a managed
   * transaction: the driver would retry Neo4j's BookmarkTimeout, each attempt waiting out the
   * server's whole `db.transaction.bookmark_ready_timeout` (30 s by default).
   */
  private async catchUp(bookmarks: string[]): Promise<void> {
    const waitMs = this.options.consistencyTimeoutMs ?? DEFAULT_CONSISTENCY_TIMEOUT_MS;
    // A trivial statement: however heavy the request, its wait would only hold the lane.
    const { release: releaseConnection } = await this.connections.take('light');
    const session = this.session('READ', bookmarks);
    this.emit({ cypher: CATCH_UP, mode: 'READ' });
    const reached = this.send({ cypher: CATCH_UP, mode: 'READ' }, async () => {
      const tx = await session.beginTransaction(this.transactionConfig(this.options.queryTimeoutMs));
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
   * before failing; it fails as soon as the crash is known instead, or as soon as the gateway is
   * closed under it (a driver closed mid-read may never settle the read, and the poll would then
   * keep the process alive).
   */
  private async unlessTheDatabaseDies<R>(running: Promise<R>): Promise<R> {
    const reason = this.options.unavailableReason;
    if (!reason) return running;
    let poll: NodeJS.Timeout | undefined;
    const outage = new Promise<never>((_resolve, reject) => {
      poll = setInterval(() => {
        const why = this.lifecycle.closed ? 'The service closed its connection to the database.' : reason();
        if (why) reject(new DatabaseUnavailableError(why));
      }, OUTAGE_POLL_MS);
    });
    try {
      return await Promise.race([running, outage]);
    } finally {
      clearInterval(poll);
    }
  }

  /** Shown by Neo4j's `SHOW TRANSACTIONS` and query log: which service, and which request's log line. */
  private metadata(): Record<string, string> {
    const { requestId } = this.scope;
    return requestId === undefined ? { app: APP } : { app: APP, requestId };
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private send<R>(event: QueryEvent, statement: () => Promise<R>): Promise<R> {
    return this.wrapper ? this.wrapper(event, statement) : statement();
  }
}

function profileOf(cypher: string, result: QueryResult): StatementProfile {
  const plan = result.summary.profile;
  if (!plan) throw new Error(`Neo4j returned no profile for: ${cypher}`);
  return { cypher, dbHits: totalDbHits(plan), rows: result.records.length };
}

function totalDbHits(plan: ProfiledPlan): number {
  return plan.children.reduce((sum, child) => sum + totalDbHits(child), plan.dbHits);
}
