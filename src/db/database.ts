import neo4j, { type Driver, isRetryableError, Neo4jError, type RecordShape } from 'neo4j-driver';

/** Neo4j cannot be reached (down, restarting, wrong address or credentials). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A query ran past the configured transaction timeout and was terminated by the server. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface QueryEvent {
  cypher: string;
  mode: 'READ' | 'WRITE';
}

export type Params = Record<string, unknown>;

/**
 * The one gateway to Neo4j: every Cypher statement of the service passes through here, so
 * timeouts, routing, error translation and round-trip instrumentation live in one place.
 */
export class Database {
  readonly driver: Driver;
  private readonly listeners = new Set<(event: QueryEvent) => void>();

  constructor(private readonly options: DatabaseOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      // Plain JS numbers at the edge: every integer we store fits in 2^53.
      disableLosslessIntegers: true,
      connectionTimeout: options.connectTimeoutMs,
      connectionAcquisitionTimeout: options.connectTimeoutMs,
      // The driver retries transient failures; cap it so a dead database answers in seconds, not 30 s.
      maxTransactionRetryTime: options.connectTimeoutMs,
      logging: { level: 'error', logger: () => undefined },
    });
  }

  /** Subscribe to every statement sent; returns the unsubscribe function. */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run<T>('READ', cypher, params);
  }

  write<T extends RecordShape = RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.run<T>('WRITE', cypher, params);
  }

  /**
   * Runs several statements in one write transaction: all of them commit, or none does.
   * `work` receives a function that runs one statement inside the transaction.
   */
  async writeTransaction<R>(work: (run: <T extends RecordShape>(cypher: string, params?: Params) => Promise<T[]>) => Promise<R>): Promise<R> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        (tx) =>
          work(async <T extends RecordShape>(cypher: string, params: Params = {}) => {
            this.emit({ cypher, mode: 'WRITE' });
            const result = await tx.run<T>(cypher, params);
            return result.records.map((record) => record.toObject());
          }),
        { timeout: this.options.queryTimeoutMs * 6 },
      );
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  /** Resolves when the server answers a trivial query. */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async run<T extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: Params): Promise<T[]> {
    this.emit({ cypher, mode });
    try {
      const { records } = await this.driver.executeQuery<{ records: import('neo4j-driver').Record<T>[] }>(cypher, params, {
        database: this.options.database,
        routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        transactionConfig: { timeout: this.options.queryTimeoutMs },
      });
      return records.map((record) => record.toObject());
    } catch (error) {
      throw translate(error);
    }
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
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

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (TIMEOUT_CODES.has(error.code)) return new QueryTimeoutError(error.message, { cause: error });
  // After the retry budget is spent the driver surfaces the last transient error; treat it as an outage.
  if (UNAVAILABLE_CODES.has(error.code) || isRetryableError(error) || /acquisition timed out/i.test(error.message)) {
    return new DatabaseUnavailableError(error.message, { cause: error });
  }
  return error;
}
