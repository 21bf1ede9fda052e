import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { serviceEnv } from '../helpers.js';
import { startServiceProcess, type ServiceProcess } from '../service-process.js';

// The service as operators run it, in a child process: tracing is switched on by the standard
// OpenTelemetry variables and exports OTLP/HTTP JSON to a receiver in this process.

type OtlpValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: OtlpValue[] } };
type OtlpAttributes = { key: string; value: OtlpValue }[];
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttributes;
  status?: { code?: number };
}
interface ReceivedSpan extends Omit<OtlpSpan, 'attributes'> {
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

function plain(value: OtlpValue): unknown {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.doubleValue ?? value.boolValue;
}

function attributes(list: OtlpAttributes = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, plain(value)]));
}

/** What a collector would receive on its OTLP/HTTP port. */
async function startReceiver(spans: ReceivedSpan[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const payload = JSON.parse(body.toString()) as {
        resourceSpans: { resource?: { attributes?: OtlpAttributes }; scopeSpans: { spans?: OtlpSpan[] }[] }[];
      };
      for (const { resource, scopeSpans } of payload.resourceSpans) {
        for (const scope of scopeSpans) {
          for (const span of scope.spans ?? []) spans.push({ ...span, attributes: attributes(span.attributes), resource: attributes(resource?.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port };
}

/**
 * A module-resolution hook that writes down every OpenTelemetry module the process loads: the
 * proof that with tracing off the SDK is not loaded at all.
 */
function moduleRecorder(logFile: string): string[] {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (resolved.url.includes('/@opentelemetry/')) appendFileSync(${JSON.stringify(logFile)}, resolved.url + '\\n');
      return resolved;
    }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

function startService(env: Record<string, string>, moduleLog: string): Promise<ServiceProcess> {
  return startServiceProcess(serviceEnv('tracing-writer-secret-0001', { RESPONSE_CACHE: 'false', LOG_LEVEL: 'info', ...env }), {
    nodeArgs: moduleRecorder(moduleLog),
  });
}

async function query(service: ServiceProcess, document: string, headers: Record<string, string> = {}): Promise<Record<string, any>> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: document }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

/** The request log's line for one request id. */
function requestLine(service: ServiceProcess, requestId: string): Record<string, unknown> | undefined {
  return service
    .lines()
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.msg === 'request' && line.requestId === requestId);
}

async function eventually<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

let workDir: string;
const spans: ReceivedSpan[] = [];
let receiver: { server: Server; port: number };
let service: ServiceProcess | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'atlas-tracing-'));
  receiver = await startReceiver(spans);
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.server.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

describe('OpenTelemetry tracing', () => {
  it('exports a request span that continues the caller trace, with root-field and statement spans under it', async () => {
    const moduleLog = path.join(workDir, 'modules-on.log');
    service = await startService(
      {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Batches leave every 100 ms instead of every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      moduleLog,
    );
    expect(service.lines().join('\n')).toContain(`OpenTelemetry tracing on as compute-atlas: otlp to http://127.0.0.1:${receiver.port}/v1/traces (http/json)`);

    const traceId = hex(16);
    const callerSpanId = hex(8);
    const answer = await query(service, 'query TracedCompany { company(key: "nvidia") { key name country { key } } }', {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
      'x-request-id': 'traced-1',
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ company: { key: 'nvidia' } });

    const requestSpan = await eventually(() => spans.find((span) => span.traceId === traceId && span.kind === SPAN_KIND_SERVER), 'the request span');
    expect(requestSpan).toMatchObject({ name: 'query TracedCompany', parentSpanId: callerSpanId });
    expect(requestSpan.attributes).toMatchObject({
      'graphql.operation.name': 'TracedCompany',
      'graphql.operation.type': 'query',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'atlas.request_id': 'traced-1',
    });
    expect(requestSpan.attributes['atlas.db.statements']).toBeGreaterThanOrEqual(1);
    expect(requestSpan.resource['service.name']).toBe('compute-atlas');

    const fieldSpan = await eventually(() => spans.find((span) => span.traceId === traceId && span.name === 'Query.company'), 'the root field span');
    expect(fieldSpan.parentSpanId).toBe(requestSpan.spanId);

    // The company is looked up by the root field's resolver, its country one level down, after
    // that resolver returned: each statement nests under the span that was current when it was sent.
    const statementCount = requestSpan.attributes['atlas.db.statements'] as number;
    const statements = await eventually(() => {
      const found = spans.filter((span) => span.traceId === traceId && span.attributes['db.system'] === 'neo4j');
      return found.length === statementCount ? found : undefined;
    }, `${statementCount} statement spans`);
    for (const statement of statements) {
      expect(statement).toMatchObject({ name: 'neo4j read', kind: SPAN_KIND_CLIENT });
      expect([fieldSpan.spanId, requestSpan.spanId]).toContain(statement.parentSpanId);
      expect(statement.attributes['db.operation']).toBe('read');
      expect(statement.attributes['db.statement']).toMatch(/MATCH|UNWIND/);
      // Values travel as parameters: the key asked for is not in the statement's text.
      expect(statement.attributes['db.statement']).not.toContain('nvidia');
    }
    expect(statements.filter((statement) => statement.parentSpanId === fieldSpan.spanId).length).toBeGreaterThanOrEqual(1);

    // The log line leads to the trace.
    const line = await eventually(() => requestLine(service!, 'traced-1'), 'the request log line');
    expect(line).toMatchObject({ operation: 'TracedCompany', traceId });

    // Without a traceparent a request starts a trace of its own; error codes are on its span.
    const failing = await query(service, 'query TracedBadPath { paths(from: "no-such-entity", to: "us") { length } }', { 'x-request-id': 'traced-2' });
    expect(failing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const failingSpan = await eventually(() => spans.find((span) => span.attributes['atlas.request_id'] === 'traced-2'), 'the failing request span');
    expect(failingSpan.traceId).not.toBe(traceId);
    expect(failingSpan.parentSpanId ?? '').toBe('');
    expect(failingSpan.attributes['graphql.error.codes']).toEqual(['BAD_USER_INPUT']);
    expect(requestLine(service, 'traced-2')).toMatchObject({ traceId: failingSpan.traceId });

    // Probes are not traced, and spans still buffered are exported on SIGTERM.
    const before = spans.length;
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    await query(service, 'query TracedLast { company(key: "nvidia") { key } }', { 'x-request-id': 'traced-3' });
    expect(await service.stop()).toBe(0);
    const last = spans.slice(before);
    expect(last.some((span) => span.attributes['atlas.request_id'] === 'traced-3')).toBe(true);
    expect(last.every((span) => span.traceId === last[0]!.traceId)).toBe(true);

    // The recorder does see the SDK when it is loaded (so its silence below means something).
    expect(await readFile(moduleLog, 'utf8')).toContain('/@opentelemetry/sdk-trace-node/');
  }, 120_000);

  it('loads no OpenTelemetry module and sends no span when tracing is off', async () => {
    const moduleLog = path.join(workDir, 'modules-off.log');
    const before = spans.length;
    // Off is the default; an endpoint alone does not switch it on.
    service = await startService(
      { OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, OTEL_BSP_SCHEDULE_DELAY: '100' },
      moduleLog,
    );
    expect(service.lines().join('\n')).not.toContain('OpenTelemetry');

    const answer = await query(service, 'query UntracedCompany { company(key: "nvidia") { key } }', {
      traceparent: `00-${hex(16)}-${hex(8)}-01`,
      'x-request-id': 'untraced-1',
    });
    expect(answer.errors).toBeUndefined();
    const line = await eventually(() => requestLine(service!, 'untraced-1'), 'the request log line');
    expect(line).not.toHaveProperty('traceId');
    expect(await service.stop()).toBe(0);

    expect(spans.length).toBe(before);
    const loaded = await readFile(moduleLog, 'utf8').catch(() => '');
    expect(loaded).toBe('');
  }, 120_000);
});
