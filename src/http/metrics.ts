import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { executedOperation, requestedOperation } from './request-log.js';
import { registerResponseCacheMetrics } from './response-cache.js';

export const METRICS_ENDPOINT = '/metrics';

/**
 * Operation names come from clients: past this many distinct ones, new names are counted as
 * `other`, so a client inventing names cannot grow the scrape (and Prometheus) without bound.
 */
const MAX_OPERATION_NAMES = 200;
const OTHER = 'other';
/** A request that never reached execution (unparsable, invalid, refused) or named no operation. */
const ANONYMOUS = 'anonymous';

export interface MetricsOptions {
  db: Database;
  graphqlEndpoint: string;
  /** Whether the database can serve right now; absent, the gauge is not exported. */
  databaseUp?: () => boolean;
}

let runtime: Registry | undefined;

/**
 * The process and Node.js runtime metrics (process_*, nodejs_*: CPU, memory, heap, event-loop lag,
 * GC), in one registry per process: they describe the process, not an app, and prom-client's
 * collectors install observers (event-loop delay, GC) that are never removed, so each app of a test
 * process starting its own would pile them up.
 */
function runtimeRegistry(): Registry {
  if (!runtime) {
    runtime = new Registry();
    collectDefaultMetrics({ register: runtime });
  }
  return runtime;
}

/** What one GraphQL request is measured by, from its first hook to its response. */
interface RequestState {
  started: number;
  operation: string;
}

/**
 * Prometheus metrics on GET /metrics, in a registry of this app's own: several apps in one
 * process (the tests) must not share, or collide on, prom-client's global registry.
 */
export function useMetrics({ db, graphqlEndpoint, databaseUp }: MetricsOptions): Plugin {
  const registry = new Registry();
  registerResponseCacheMetrics(registry);
  const requests = new Counter({
    name: 'atlas_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'atlas_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its response, by operation name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'atlas_graphql_errors_total',
    help: 'Errors in GraphQL answers, by extensions.code (after masking).',
    labelNames: ['code'],
    registers: [registry],
  });
  const statements = new Counter({
    name: 'atlas_db_statements_total',
    help: 'Cypher statements sent to Neo4j, by access mode.',
    labelNames: ['mode'],
    registers: [registry],
  });
  new Gauge({
    name: 'atlas_db_pool_statements',
    help: 'Statements running on pooled connections (state="running") and waiting for one (state="waiting"); lane="heavy" counts those of heavy operations (HEAVY_QUERY_COMPLEXITY and up), running until the database has answered them, lane="all" every statement.',
    labelNames: ['state', 'lane'],
    registers: [registry],
    collect() {
      const { running, waiting, heavyRunning, heavyWaiting } = db.pool;
      this.set({ state: 'running', lane: 'all' }, running);
      this.set({ state: 'waiting', lane: 'all' }, waiting);
      this.set({ state: 'running', lane: 'heavy' }, heavyRunning);
      this.set({ state: 'waiting', lane: 'heavy' }, heavyWaiting);
    },
  });
  if (databaseUp) {
    new Gauge({
      name: 'atlas_db_up',
      help: 'Whether the database can serve (1) or is known to be down, e.g. the embedded Neo4j restarting (0).',
      registers: [registry],
      collect() {
        this.set(databaseUp() ? 1 : 0);
      },
    });
  }
  // Both modes appear from the first scrape, so rate() has a zero to start from.
  statements.inc({ mode: 'READ' }, 0);
  statements.inc({ mode: 'WRITE' }, 0);
  const stopCounting = db.onQuery(({ mode }) => statements.inc({ mode }));

  const operations = new Set<string>();
  const label = (name: string): string => {
    if (operations.has(name)) return name;
    if (operations.size >= MAX_OPERATION_NAMES) return OTHER;
    operations.add(name);
    return name;
  };
  const inFlight = new WeakMap<Request, RequestState>();

  return {
    onRequest: async ({ request, url, endResponse, fetchAPI }) => {
      if (url.pathname === METRICS_ENDPOINT && request.method === 'GET') {
        const scrape = `${await registry.metrics()}\n${await runtimeRegistry().metrics()}`;
        endResponse(new fetchAPI.Response(scrape, { headers: { 'content-type': registry.contentType } }));
        return;
      }
      if (url.pathname === graphqlEndpoint) inFlight.set(request, { started: performance.now(), operation: ANONYMOUS });
    },
    onParams: ({ params, request }) => {
      const state = inFlight.get(request);
      const name = requestedOperation(params);
      if (state && name) state.operation = label(name);
    },
    // The document's own account, when it runs: the operation actually executed.
    onExecute: ({ args }) => {
      const state = inFlight.get((args.contextValue as { request: Request }).request);
      const name = executedOperation(args.document, args.operationName);
      if (state && name) state.operation = label(name);
    },
    onResultProcess: ({ result }) => {
      for (const single of Array.isArray(result) ? result : [result]) {
        if (Symbol.asyncIterator in single) continue;
        for (const error of (single as ExecutionResult).errors ?? []) errors.inc({ code: String(error.extensions?.code ?? 'UNCODED') });
      }
    },
    onResponse: ({ request }) => {
      const state = inFlight.get(request);
      if (!state) return;
      inFlight.delete(request);
      requests.inc({ operation: state.operation });
      duration.observe({ operation: state.operation }, (performance.now() - state.started) / 1000);
    },
    onDispose: stopCounting,
  };
}
