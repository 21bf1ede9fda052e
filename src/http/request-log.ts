import { randomUUID } from 'node:crypto';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { logger } from '../core/logger.js';

const yogaLine = (args: unknown[]) => ({ yoga: args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))) });

/**
 * Yoga's own messages in the same JSON log. Its error lines repeat, one per error and with a
 * stack, what the masked-error log already says once per request, so they are kept for debugging.
 */
export const yogaLogger: YogaLogger = {
  debug: (...args) => logger.debug(yogaLine(args)),
  info: (...args) => logger.info(yogaLine(args)),
  warn: (...args) => logger.warn(yogaLine(args)),
  error: (...args) => logger.debug(yogaLine(args)),
};

/** What the log keeps of one request's unexpected (masked) errors: one entry, however many. */
export interface MaskedErrorReport {
  requestId: string | null;
  operationName: string | null;
  count: number;
  /** Where the first few happened (response paths). */
  paths: string[];
  /** The first one, with its stack. */
  error: unknown;
}

export type ErrorReporter = (report: MaskedErrorReport) => void;

export const logMaskedErrors: ErrorReporter = ({ error, ...report }) => logger.error({ ...report, err: error }, 'unexpected errors were masked');

// A client's own id is kept when it is a plain token, so the client can quote it back to us.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const requestIds = new WeakMap<Request, string>();

export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const offered = request.headers.get('x-request-id');
    id = offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Every response names its request, so a client's report can be matched with the log. */
export function useRequestId(): Plugin {
  return {
    onResponse: ({ request, response }) => {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}

const MAX_PATHS_LOGGED = 5;

/**
 * Logs the unexpected errors of an execution as one entry with a count: a request of a thousand
 * failing aliases must not write a thousand stack traces.
 */
export function useMaskedErrorLog(isUnexpected: (error: GraphQLError) => boolean, report: ErrorReporter): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        const unexpected = (result.errors ?? []).filter(isUnexpected);
        if (!unexpected.length) return;
        const context = args.contextValue as Partial<Context>;
        report({
          requestId: context.requestId ?? null,
          operationName: args.operationName ?? null,
          count: unexpected.length,
          paths: unexpected.slice(0, MAX_PATHS_LOGGED).map((error) => error.path?.join('.') ?? ''),
          error: unexpected[0]!.originalError ?? unexpected[0],
        });
      },
    }),
  };
}

/** The first named operation of a document, for answers (cached ones) that skip parsing. */
const FIRST_OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z]\w*)/;

/** The operation a request names, before its document is parsed (it may never be). */
export function requestedOperation(params: GraphQLParams): string | undefined {
  return params.operationName ?? FIRST_OPERATION_NAME.exec(params.query ?? '')?.[1];
}

/** The operation a parsed document runs: its own account, preferred to the guess above. */
export function executedOperation(document: DocumentNode, operationName: string | null | undefined): string | undefined {
  return getOperationAST(document, operationName)?.name?.value;
}

interface LoggedRequest {
  started: number;
  operation: string | null;
  context: Partial<Context> | undefined;
}

/**
 * One line per GraphQL request, at info: its id, operation, status, duration and the database
 * statements charged to it, so a slow request can be told from a heavy one. With tracing on it
 * also names the request's trace, so that the line leads to its spans.
 */
export function useRequestLog(log: Logger, graphqlEndpoint: string, traceIdOf?: (request: Request) => string | undefined): Plugin<Context> {
  const requests = new WeakMap<Request, LoggedRequest>();
  return {
    onRequest: ({ request, url }) => {
      if (url.pathname === graphqlEndpoint) requests.set(request, { started: performance.now(), operation: null, context: undefined });
    },
    onParams: ({ params, request }) => {
      const state = requests.get(request);
      if (state) state.operation = requestedOperation(params) ?? null;
    },
    onExecute: ({ args }) => {
      const context = args.contextValue as Partial<Context> & { request: Request };
      const state = requests.get(context.request);
      if (!state) return;
      state.context = context;
      state.operation = executedOperation(args.document, args.operationName) ?? state.operation;
    },
    onResponse: ({ request, response }) => {
      const state = requests.get(request);
      if (!state) return;
      requests.delete(request);
      log.info(
        {
          requestId: requestIdOf(request),
          traceId: traceIdOf?.(request),
          operation: state.operation,
          status: response.status,
          durationMs: Math.round((performance.now() - state.started) * 10) / 10,
          // Zero for answers that ran no statement: cached, refused or invalid.
          statements: state.context?.db?.budgetedStatements ?? 0,
          lane: state.context?.budget?.lane,
        },
        'request',
      );
    },
  };
}
