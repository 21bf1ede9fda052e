import { GraphQLError } from 'graphql';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createYoga, maskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Limits } from '../core/config.js';
import { authenticate, type ApiKey } from '../core/auth.js';
import { CONSISTENCY_HEADER, useConsistencyToken } from './consistency-header.js';
import { createContext, type AuditLog, type Context } from '../context.js';
import { BadConsistencyTokenError } from '../db/consistency-token.js';
import type { Database } from '../db/database.js';
import { ConsistencyTimeoutError, DatabaseUnavailableError, QueryTimeoutError, StatementLimitError } from '../db/errors.js';
import { limitRequestBody } from './body-limit.js';
import { useCompiledExecution } from './compiled-execution.js';
import { useCostReport } from './cost.js';
import { documentLimitPlugins, refuseOverflowingVariables } from './document-limits.js';
import { renderGraphiQLPage, useExplorer } from './explorer.js';
import { GRAPHIQL_TABS } from './graphiql-tabs.js';
import { useMetrics } from './metrics.js';
import { readinessCheck, useHealthBody } from './probes.js';
import { RECONCILE_CORS, RECONCILE_PATH, useReconciliation } from './reconcile/plugin.js';
import { persistedOperationPlugins, type PersistedOperationsMode } from './persisted.js';
import { httpCachePlugins } from './http-cache.js';
import type { ResponseCacheOptions } from './response-cache.js';
import { logger as serviceLogger } from '../core/logger.js';
import { refuseMalformedOperationName, useCodedRequestErrors } from './request-errors.js';
import { logMaskedErrors, requestIdOf, useMaskedErrorLog, useRequestId, useRequestLog, yogaLogger, type ErrorReporter } from './request-log.js';
import { clientError } from '../core/errors.js';
import { schema } from '../schema/index.js';
import type { Tracing } from './tracing.js';

/** Known failures below the API, turned into errors a client can act on. */
function clientFacing(error: unknown): GraphQLError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const located = error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path } : {};
  if (original instanceof DatabaseUnavailableError) {
    return new GraphQLError('The graph database is unavailable right now; retry in a few seconds.', {
      ...located,
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
  }
  if (original instanceof StatementLimitError) {
    return new GraphQLError(`The request needs more than ${original.limit} database statements (MAX_REQUEST_STATEMENTS); split it into several requests.`, {
      ...located,
      extensions: { code: 'QUERY_TOO_COMPLEX', measure: 'statements', limit: original.limit },
    });
  }
  if (error instanceof GraphQLError && error.extensions.code === 'BAD_REQUEST' && error.message === 'Batching is not supported.') {
    return clientError(
      'BAD_REQUEST',
      'The body is a JSON array (a batch of operations); this service runs one operation per request: send each on its own, or put their fields in one document (aliases tell repeated fields apart).',
      { http: { status: 400 } },
    );
  }
  if (error instanceof GraphQLError && error.extensions.code === 'OPERATION_RESOLUTION_FAILURE') {
    // A request error the GraphQL-over-HTTP spec answers 200 with application/json (Yoga: 400 always).
    return clientError(
      'OPERATION_RESOLUTION_FAILURE',
      'Could not determine which operation to run: the document holds several operations and operationName names none of them, or operationName names one the document lacks; send the name of one of its operations.',
      { http: { spec: true, status: 400 } },
    );
  }
  if (original instanceof BadConsistencyTokenError) {
    return clientError('BAD_CONSISTENCY_TOKEN', `The ${CONSISTENCY_HEADER} header ${original.message}; send back a token a write answered with, or none.`, {
      http: { status: 400 },
    });
  }
  if (original instanceof ConsistencyTimeoutError) {
    return new GraphQLError('The database has not caught up with the write your consistency token names; retry in a moment.', {
      ...located,
      extensions: { code: 'CONSISTENCY_TIMEOUT' },
    });
  }
  if (original instanceof QueryTimeoutError) {
    return new GraphQLError('The query took too long and was stopped; narrow it (fewer hops, smaller pages).', {
      ...located,
      extensions: { code: 'QUERY_TIMEOUT' },
    });
  }
  return null;
}

export interface AppOptions {
  db: Database;
  limits: Limits;
  /** Keys allowed to call mutations; without any, every mutation is refused. */
  apiKeys?: ApiKey[];
  /** Origins whose pages may call the API from a browser; none by default. */
  corsOrigins?: string[];
  /** Cache whole query answers by graph version (off unless given). */
  responseCache?: ResponseCacheOptions | false;
  audit?: AuditLog;
  /** Where masked (unexpected) errors are reported, one entry per request; defaults to the JSON log. */
  logError?: ErrorReporter;
  /** Whether the database can serve right now, exported on /metrics as `atlas_db_up`. */
  databaseUp?: () => boolean;
  /** Where the one line per request goes; defaults to the service's JSON log. */
  logger?: Logger;
  /** `strict`: only the documents of persisted/operations.json run (default `off`: any document). */
  persistedOperations?: PersistedOperationsMode;
  /** OpenTelemetry spans for requests, root fields and statements (main.ts starts it when configured). */
  tracing?: Tracing | null;
}

/** An error the client must not see: masking replaces it, and the log keeps it. */
function isUnexpected(error: GraphQLError): boolean {
  return clientFacing(error) === null && maskError(error, '', false) !== error;
}

/** Builds the HTTP app without listening, so tests drive it in-process through `yoga.fetch`. */
export function createApp({
  db,
  limits,
  apiKeys = [],
  corsOrigins = [],
  responseCache = false,
  audit = (entry) => console.log(JSON.stringify({ event: 'write', ...entry, at: new Date().toISOString() })),
  logError = logMaskedErrors,
  databaseUp,
  logger = serviceLogger,
  persistedOperations = 'off',
  tracing = null,
}: AppOptions): YogaServerInstance<Record<string, never>, Context> {
  // Errors outside an execution (parsing, context) reach only maskError; each is logged once.
  const loggedOutsideExecution = new WeakSet<object>();
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: yogaLogger,
    // Tabs rather than defaultQuery, which GraphiQL 5 displayed but ran as an empty document ("Unexpected <EOF>").
    graphiql: { title: 'Compute Atlas · GraphiQL', defaultTabs: GRAPHIQL_TABS },
    renderGraphiQL: renderGraphiQLPage,
    // limitRequestBody below holds bodies to MAX_BODY_BYTES without streaming each through a counter.
    maxRequestBodySize: false,
    // No file uploads here; a multipart form is only a way to post without a CORS preflight.
    multipart: false,
    // Keys travel in the Authorization header, never in cookies, so no origin needs credentials.
    cors: (request) => {
      // The reconciliation API serves public, read-only data to any page (OpenRefine in a browser).
      if (new URL(request.url).pathname.startsWith(RECONCILE_PATH)) return RECONCILE_CORS;
      const origin = request.headers.get('origin');
      if (!origin || !corsOrigins.includes(origin)) return false;
      return {
        origin: [origin],
        credentials: false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', 'authorization', 'x-request-id', CONSISTENCY_HEADER],
        exposedHeaders: [CONSISTENCY_HEADER],
        maxAge: 600,
      };
    },
    context: ({ request }) =>
      createContext(
        db,
        limits,
        authenticate(request.headers.get('authorization'), apiKeys),
        audit,
        requestIdOf(request),
        request.headers.get(CONSISTENCY_HEADER),
      ),
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const known = clientFacing(error);
        if (known) return known;
        const masked = maskError(error, message, isDev);
        const executionError = error instanceof GraphQLError && error.path !== undefined;
        if (masked !== error && !executionError && !loggedOutsideExecution.has(error as object)) {
          loggedOutsideExecution.add(error as object);
          logError({ requestId: null, operationName: null, count: 1, paths: [], error });
        }
        return masked;
      },
    },
    plugins: [
      // First: its request span is the parent of whatever the other plugins and the resolvers do.
      ...(tracing ? [tracing.plugin({ db, graphqlEndpoint: '/graphql' })] : []),
      useRequestId(),
      limitRequestBody(limits.maxBodyBytes),
      useReconciliation(db),
      // Before any hook that reads the parameters: the response cache's key walks the variables recursively.
      refuseOverflowingVariables(),
      refuseMalformedOperationName(),
      // First to see the parameters: what runs after it, the response cache included, sees the document a hash names.
      ...persistedOperationPlugins(persistedOperations),
      useMetrics({ db, graphqlEndpoint: '/graphql', databaseUp }),
      useRequestLog(logger, '/graphql', tracing?.traceIdOf),
      useExplorer(),
      ...documentLimitPlugins(limits),
      useMaskedErrorLog(isUnexpected, logError),
      useConsistencyToken(),
      useCodedRequestErrors(),
      // @defer / @stream: answered as multipart/mixed or text/event-stream when the client accepts it.
      useDeferStream(),
      // After useDeferStream, whose executor still runs what this one leaves to graphql-js.
      useCompiledExecution((errors, operationName) =>
        logger.warn({ operationName, errors: errors.map((e) => e.message) }, 'graphql-jit could not compile an operation; graphql-js runs it'),
      ),
      useCostReport(schema),
      ...httpCachePlugins(db, responseCache),
      useReadinessCheck({ endpoint: '/ready', check: readinessCheck(db) }),
      useHealthBody(db),
    ],
  });
}
