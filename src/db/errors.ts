import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { logger } from '../core/logger.js';

/** Neo4j cannot be reached (down, restarting, wrong address or credentials). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A query ran past the configured transaction timeout and was terminated by the server. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
}

/** The database did not reach a consistency token's position within the wait allowed. */
export class ConsistencyTimeoutError extends Error {
  override name = 'ConsistencyTimeoutError';
}

/** A request sent more statements than one request may. */
export class StatementLimitError extends Error {
  override name = 'StatementLimitError';
  constructor(readonly limit: number) {
    super(`The request needs more than ${limit} database statements.`);
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

/** The driver's errors that the API answers with a code of its own, as the errors above; any other error unchanged. */
export function translate(error: unknown): unknown {
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
