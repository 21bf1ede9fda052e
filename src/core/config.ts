import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().min(100).max(600_000);
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');
const memorySize = z.string().regex(/^\d+[kmgKMG]$/, 'must look like 512m or 2g');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const otlpProtocol = z.enum(['http/protobuf', 'http/json', 'grpc'], { error: 'must be http/protobuf, http/json or grpc' });
const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
/** The OpenTelemetry spec's `key=value,key=value` list, values percent-encoded. */
const keyValueList = z.string().transform((value, ctx) => {
  const pairs: Record<string, string> = {};
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be key=value pairs separated by commas' });
      return z.NEVER;
    }
    try {
      pairs[entry.slice(0, equals).trim()] = decodeURIComponent(entry.slice(equals + 1).trim());
    } catch {
      ctx.addIssue({ code: 'custom', message: `has a value that is not valid percent-encoding (${entry.slice(0, equals)})` });
      return z.NEVER;
    }
  }
  return pairs;
});

const envSchema = z
  .object({
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j:// or bolt:// URI (optionally +s or +ssc)')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j 5 refuses shorter passwords)').optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j'),
    NEO4J_BOLT_PORT: port.default(7687),
    NEO4J_HEAP: memorySize.default('1g'),
    NEO4J_PAGECACHE: memorySize.default('256m'),
    NEO4J_QUERY_TIMEOUT_MS: positiveMs.default(10_000),
    NEO4J_CONNECT_TIMEOUT_MS: positiveMs.default(3_000),
    CONSISTENCY_TIMEOUT_MS: positiveMs.default(5_000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    SHUTDOWN_TIMEOUT_MS: positiveMs.default(10_000),
    SEED_ON_START: flag.default(true),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
    MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
    MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(3_000),
    MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
    MAX_REQUEST_STATEMENTS: z.coerce.number().int().min(1).max(10_000).default(25),
    MAX_REQUEST_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(1_000_000),
    RESPONSE_CACHE: flag.default(true),
    RESPONSE_CACHE_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    RESPONSE_CACHE_VERSION_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    NEO4J_MAX_HEAVY_STATEMENTS: z.coerce.number().int().min(1).max(1000).default(4),
    HEAVY_QUERY_COMPLEXITY: z.coerce.number().int().min(1).max(1_000_000).default(250),
    CORS_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be origins like https://app.example.org (scheme://host[:port], comma-separated)')))
      .optional(),
    API_KEYS: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PERSISTED_OPERATIONS: z.enum(['off', 'strict']).default('off'),
    // OpenTelemetry's own names and meanings, so that an operator's usual settings work here.
    OTEL_SDK_DISABLED: flag.default(false),
    OTEL_TRACES_EXPORTER: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['otlp', 'console', 'none'], { error: 'must be otlp, console or none (or otlp,console)' })).min(1))
      .default(['none']),
    OTEL_SERVICE_NAME: z.string().min(1).optional(),
    OTEL_RESOURCE_ATTRIBUTES: keyValueList.optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.default('http://localhost:4318'),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.default('http/protobuf'),
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
    OTEL_TRACES_SAMPLER: z.enum(SAMPLERS, { error: `must be one of ${SAMPLERS.join(', ')}` }).default('parentbased_always_on'),
    OTEL_TRACES_SAMPLER_ARG: z.coerce
      .number({ error: 'must be a ratio from 0 to 1' })
      .min(0, 'must be a ratio from 0 to 1')
      .max(1, 'must be a ratio from 0 to 1')
      .optional(),
  })
  .superRefine((env, ctx) => {
    try {
      parseApiKeys(env.API_KEYS);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['API_KEYS'], message: (error as Error).message });
    }
    if (env.NEO4J_URI && !env.NEO4J_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_PASSWORD'],
        message: 'is required when NEO4J_URI points at an existing server',
      });
    }
    if (env.OTEL_TRACES_EXPORTER.includes('none') && env.OTEL_TRACES_EXPORTER.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['OTEL_TRACES_EXPORTER'], message: 'none cannot be combined with an exporter' });
    }
    const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
    if (env.OTEL_TRACES_EXPORTER.includes('otlp') && protocol === 'grpc') {
      ctx.addIssue({
        code: 'custom',
        path: [env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL'],
        message: "grpc is not built in; use http/protobuf (a collector's port 4318)",
      });
    }
    if (!env.NEO4J_URI && env.NEO4J_USER !== 'neo4j') {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_USER'],
        message: 'the embedded Neo4j only has the user "neo4j"; set NEO4J_URI to use another server',
      });
    }
  });

export const EMBEDDED_DEFAULT_PASSWORD = 'compute-atlas-dev';

export interface Config {
  neo4j: {
    /** Unset means: start the embedded Neo4j from `neo4j-launcher/`. */
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    queryTimeoutMs: number;
    connectTimeoutMs: number;
    /** How long a request with a consistency token waits for the database to reach it. */
    consistencyTimeoutMs: number;
    maxPoolSize: number;
    /** Statements of heavy operations (HEAVY_QUERY_COMPLEXITY and up) running at once; the rest of the pool is kept for light ones. */
    maxHeavyStatements: number;
    embedded: { dataDir: string; boltPort: number; heap: string; pagecache: string };
  };
  http: {
    host: string;
    port: number;
    /** How long SIGTERM waits for in-flight requests before cutting them off. */
    shutdownTimeoutMs: number;
  };
  seedOnStart: boolean;
  limits: Limits;
  /** Origins whose pages may call the API from a browser; none by default. */
  corsOrigins: string[];
  /** Whole answers cached by graph version, or false. */
  responseCache: { maxEntries: number; versionTtlMs: number } | false;
  /** Keys that may call mutations (scope `write`); reads need none. */
  apiKeys: ApiKey[];
  /** The JSON log's threshold (pino level name). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `strict`: only documents in persisted/operations.json run; `off`: any document does (hashes work in both). */
  persistedOperations: 'off' | 'strict';
  /** OpenTelemetry tracing, or false (the default: no SDK is even loaded). */
  tracing: TracingConfig | false;
}

export interface TracingConfig {
  /** Where spans go: OTLP over HTTP, and/or stdout for local debugging. */
  exporters: ('otlp' | 'console')[];
  serviceName: string;
  /** More resource attributes (deployment.environment.name, service.instance.id...). */
  resourceAttributes: Record<string, string>;
  otlp: { url: string; protocol: 'http/protobuf' | 'http/json' };
  sampler: { name: (typeof SAMPLERS)[number]; ratio: number };
}

export interface Limits {
  maxPageSize: number;
  maxDepth: number;
  maxComplexity: number;
  /** Checked on the document before it is executed. */
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** One request's share of the database. */
  maxRequestStatements: number;
  maxRequestConcurrency: number;
  /** An operation priced at least this much (extensions.cost.complexity) sends its statements through the heavy lane. */
  heavyComplexity: number;
  maxBodyBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads every setting the service understands; the README's table documents the same names. */
export const CONFIG_ENV_NAMES = Object.keys(envSchema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as unset, as in most shells' `VAR= cmd` idiom.
  const present = Object.fromEntries(CONFIG_ENV_NAMES.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      const secret = name.includes('PASSWORD') || name === 'API_KEYS';
      const got = name in present ? ` (got ${JSON.stringify(secret ? '***' : present[name])})` : '';
      return `  ${name}: ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD ?? EMBEDDED_DEFAULT_PASSWORD,
      database: e.NEO4J_DATABASE,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
      connectTimeoutMs: e.NEO4J_CONNECT_TIMEOUT_MS,
      consistencyTimeoutMs: e.CONSISTENCY_TIMEOUT_MS,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
      maxHeavyStatements: e.NEO4J_MAX_HEAVY_STATEMENTS,
      embedded: {
        dataDir: e.NEO4J_DATA_DIR,
        boltPort: e.NEO4J_BOLT_PORT,
        heap: e.NEO4J_HEAP,
        pagecache: e.NEO4J_PAGECACHE,
      },
    },
    http: { host: e.HOST, port: e.PORT, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    seedOnStart: e.SEED_ON_START,
    limits: {
      maxPageSize: e.MAX_PAGE_SIZE,
      maxDepth: e.MAX_QUERY_DEPTH,
      maxComplexity: e.MAX_QUERY_COMPLEXITY,
      maxAliases: e.MAX_ALIASES,
      maxTokens: e.MAX_TOKENS,
      maxDirectives: e.MAX_DIRECTIVES,
      maxRequestStatements: e.MAX_REQUEST_STATEMENTS,
      maxRequestConcurrency: e.MAX_REQUEST_CONCURRENCY,
      heavyComplexity: e.HEAVY_QUERY_COMPLEXITY,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    corsOrigins: e.CORS_ORIGINS ?? [],
    responseCache: e.RESPONSE_CACHE ? { maxEntries: e.RESPONSE_CACHE_ENTRIES, versionTtlMs: e.RESPONSE_CACHE_VERSION_TTL_MS } : false,
    apiKeys: parseApiKeys(e.API_KEYS),
    logLevel: e.LOG_LEVEL,
    persistedOperations: e.PERSISTED_OPERATIONS,
    tracing: tracingConfig(e),
  };
}

function tracingConfig(e: z.output<typeof envSchema>): TracingConfig | false {
  const exporters = e.OTEL_TRACES_EXPORTER.filter((name) => name !== 'none');
  if (e.OTEL_SDK_DISABLED || exporters.length === 0) return false;
  const resourceAttributes = e.OTEL_RESOURCE_ATTRIBUTES ?? {};
  return {
    exporters,
    // The spec's precedence: OTEL_SERVICE_NAME, then service.name among the resource attributes.
    serviceName: e.OTEL_SERVICE_NAME ?? resourceAttributes['service.name'] ?? 'compute-atlas',
    resourceAttributes,
    otlp: {
      // A signal's own endpoint is used as given; the general one gets the signal's path appended.
      url: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`,
      protocol: (e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL) === 'http/json' ? 'http/json' : 'http/protobuf',
    },
    sampler: { name: e.OTEL_TRACES_SAMPLER, ratio: e.OTEL_TRACES_SAMPLER_ARG ?? 1 },
  };
}
