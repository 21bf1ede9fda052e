import type { Span, TextMapGetter, Tracer } from '@opentelemetry/api';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, getOperationAST, type ExecutionResult, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { TracingConfig } from '../core/config.js';
import type { Context } from '../context.js';
import type { Database, StatementWrapper } from '../db/database.js';
import { logger } from '../core/logger.js';
import { requestedOperation, requestIdOf } from './request-log.js';

/** The OpenTelemetry API, loaded only when tracing is on. */
type Api = typeof import('@opentelemetry/api');

export interface Tracing {
  /** Spans for this app's GraphQL requests, their root fields and every database statement they send. */
  plugin(options: { db: Database; graphqlEndpoint: string }): Plugin<Context>;
  /** The trace a request belongs to (the caller's, when it sent a `traceparent`), for its log line. */
  traceIdOf(request: Request): string | undefined;
  /** Exports the spans still buffered; called once the last request has been answered. */
  shutdown(): Promise<void>;
}

/** One GraphQL request's span and what is learnt about the request on the way. */
interface TracedRequest {
  span: Span;
  context?: Partial<Context>;
  errorCodes: Set<string>;
}

const TRACER_NAME = 'compute-atlas';

/** Codes that mean the service, not the client, failed: the request span is marked as an error. */
const SERVER_FAULTS = new Set(['INTERNAL_SERVER_ERROR', 'DATABASE_UNAVAILABLE']);

const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * Starts the OpenTelemetry SDK when the configuration asks for it. With tracing off nothing of it
 * is even loaded: the SDK is imported here and only here, and only on demand.
 */
export async function startTracing(config: TracingConfig | false): Promise<Tracing | null> {
  if (!config) return null;
  const [api, sdk, { defaultResource, resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
  ]);
  // Export failures (an unreachable collector) would otherwise go unnoticed.
  api.diag.setLogger(
    {
      error: (message, ...args) => logger.warn({ otel: [message, ...args.map(String)] }, 'OpenTelemetry'),
      warn: (message, ...args) => logger.warn({ otel: [message, ...args.map(String)] }, 'OpenTelemetry'),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    api.DiagLogLevel.WARN,
  );

  const processors = [];
  if (config.exporters.includes('otlp')) {
    const { OTLPTraceExporter } =
      config.otlp.protocol === 'http/json' ? await import('@opentelemetry/exporter-trace-otlp-http') : await import('@opentelemetry/exporter-trace-otlp-proto');
    // Batched: a request never waits for the collector (OTEL_BSP_* tune the batches).
    processors.push(new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlp.url })));
  }
  if (config.exporters.includes('console')) processors.push(new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter()));

  const { name, ratio } = config.sampler;
  const root = name.endsWith('always_off')
    ? new sdk.AlwaysOffSampler()
    : name.endsWith('traceidratio')
      ? new sdk.TraceIdRatioBasedSampler(ratio)
      : new sdk.AlwaysOnSampler();
  const provider = new sdk.NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName })),
    sampler: name.startsWith('parentbased_') ? new sdk.ParentBasedSampler({ root }) : root,
    spanProcessors: processors,
  });
  // Also installs the AsyncLocalStorage context manager (a span started anywhere below a request
  // finds that request's span as its parent) and the W3C trace-context propagator.
  provider.register();

  const requests = new WeakMap<Request, TracedRequest>();
  return {
    plugin: (options) => tracingPlugin(api, requests, options),
    traceIdOf: (request) => requests.get(request)?.span.spanContext().traceId,
    shutdown: () => provider.shutdown(),
  };
}

/** Marks a span failed by `error`, the exception recorded on it. */
function fail(api: Api, span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Wraps root-field resolvers so that each call has a span, current while it runs so that its statements nest under it. */
function fieldTracer(api: Api, tracer: Tracer) {
  const traced = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();
  const trace = (resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> => {
    const wrapped: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
      const parent = api.context.active();
      const span = tracer.startSpan(
        `${info.parentType.name}.${info.fieldName}`,
        { attributes: { 'graphql.field.name': info.fieldName, 'graphql.field.path': String(info.path.key), 'graphql.field.type': String(info.returnType) } },
        parent,
      );
      return api.context.with(api.trace.setSpan(parent, span), () => {
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          fail(api, span, error);
          span.end();
          throw error;
        }
        if (!isPromiseLike(result)) {
          span.end();
          return result;
        }
        return Promise.resolve(result).then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            fail(api, span, error);
            span.end();
            throw error;
          },
        );
      });
    };
    traced.add(wrapped);
    return wrapped;
  };
  return { trace, isTraced: (resolve: GraphQLFieldResolver<unknown, unknown> | undefined) => resolve !== undefined && traced.has(resolve) };
}

/** A span per database statement sent within a traced request. */
function statementTracer(api: Api, tracer: Tracer): StatementWrapper {
  return async (event, send) => {
    const parent = api.context.active();
    // Readiness probes and seed loading belong to no request; a trace of their own would be noise.
    if (!api.trace.getSpan(parent)) return send();
    const operation = event.mode === 'READ' ? 'read' : 'write';
    const span = tracer.startSpan(
      `neo4j ${operation}`,
      // The text only: client values reach Neo4j as parameters, which are not recorded.
      { kind: api.SpanKind.CLIENT, attributes: { 'db.system': 'neo4j', 'db.operation': operation, 'db.statement': event.cypher } },
      parent,
    );
    try {
      return await send();
    } catch (error) {
      fail(api, span, error);
      throw error;
    } finally {
      span.end();
    }
  };
}

/**
 * One span per GraphQL request, continuing the caller's trace and named after its operation once
 * parsed, with the root-field and statement spans under it.
 */
function tracingPlugin(
  api: Api,
  requests: WeakMap<Request, TracedRequest>,
  { db, graphqlEndpoint }: { db: Database; graphqlEndpoint: string },
): Plugin<Context> {
  const tracer = api.trace.getTracer(TRACER_NAME);
  const fields = fieldTracer(api, tracer);
  const unwrapStatements = db.wrapStatements(statementTracer(api, tracer));

  return {
    instrumentation: {
      // Around everything Yoga does for the request, so that the span is current in every hook,
      // resolver and statement of it.
      request: ({ request }, wrapped) => {
        if (new URL(request.url).pathname !== graphqlEndpoint) return wrapped();
        const parent = api.propagation.extract(api.ROOT_CONTEXT, request.headers, fromHeaders);
        const span = tracer.startSpan(
          `${request.method} ${graphqlEndpoint}`,
          { kind: api.SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': graphqlEndpoint, 'url.path': graphqlEndpoint } },
          parent,
        );
        requests.set(request, { span, errorCodes: new Set() });
        return api.context.with(api.trace.setSpan(parent, span), async () => {
          try {
            await wrapped();
          } catch (error) {
            fail(api, span, error);
            throw error;
          } finally {
            span.end();
          }
        });
      },
    },
    onSchemaChange: ({ schema, replaceSchema }: { schema: GraphQLSchema; replaceSchema: (schema: GraphQLSchema) => void }) => {
      // Other plugins derive schemas from the traced one (defer-stream adds its directives): its
      // root fields are traced already, and a second wrapping would double their spans.
      const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
      const untraced = roots.some((type) => type && Object.values(type.getFields()).some((field) => !fields.isTraced(field.resolve)));
      if (!untraced) return;
      // A copy: the schema module is shared by every app in the process, traced or not.
      replaceSchema(
        mapSchema(schema, {
          [MapperKind.ROOT_FIELD]: (field) =>
            fields.isTraced(field.resolve) ? field : { ...field, resolve: fields.trace(field.resolve ?? defaultFieldResolver) },
        }),
      );
    },
    onParams: ({ request, params }) => {
      const traced = requests.get(request);
      const name = requestedOperation(params);
      if (traced && name) traced.span.setAttribute('graphql.operation.name', name);
    },
    onExecute: ({ args }) => {
      const context = args.contextValue as Partial<Context> & { request: Request };
      const traced = requests.get(context.request);
      if (!traced) return;
      traced.context = context;
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const name = operation.name?.value;
      traced.span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
      traced.span.setAttribute('graphql.operation.type', operation.operation);
      if (name) traced.span.setAttribute('graphql.operation.name', name);
    },
    onResultProcess: ({ request, result }) => {
      const traced = requests.get(request);
      if (!traced) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        if (Symbol.asyncIterator in single) continue;
        for (const error of (single as ExecutionResult).errors ?? []) traced.errorCodes.add(String(error.extensions?.code ?? 'UNCODED'));
      }
    },
    onResponse: ({ request, response }) => {
      const traced = requests.get(request);
      if (!traced) return;
      const { span, errorCodes } = traced;
      span.setAttribute('http.response.status_code', response.status);
      span.setAttribute('atlas.request_id', requestIdOf(request));
      span.setAttribute('atlas.db.statements', traced.context?.db?.budgetedStatements ?? 0);
      if (errorCodes.size) span.setAttribute('graphql.error.codes', [...errorCodes]);
      if (response.status >= 500 || [...errorCodes].some((code) => SERVER_FAULTS.has(code))) span.setStatus({ code: api.SpanStatusCode.ERROR });
    },
    onDispose: unwrapStatements,
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
