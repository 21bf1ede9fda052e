import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().min(100).max(600_000);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const memorySize = z.string().regex(/^\d+[kmgKMG]$/, 'must look like 512m or 2g');

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
    CORS_ORIGINS: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be origins like https://app.example.org (scheme://host[:port], comma-separated)')))
      .optional(),
    API_KEYS: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PERSISTED_OPERATIONS: z.enum(['off', 'strict']).default('off'),
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
  maxBodyBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads every setting the service understands; the README's table documents the same names. */
export const CONFIG_ENV_NAMES = Object.keys(envSchema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as unset, as in most shells' `VAR= cmd` idiom.
  const present = Object.fromEntries(
    CONFIG_ENV_NAMES.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
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
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    corsOrigins: e.CORS_ORIGINS ?? [],
    responseCache: e.RESPONSE_CACHE ? { maxEntries: e.RESPONSE_CACHE_ENTRIES, versionTtlMs: e.RESPONSE_CACHE_VERSION_TTL_MS } : false,
    apiKeys: parseApiKeys(e.API_KEYS),
    logLevel: e.LOG_LEVEL,
    persistedOperations: e.PERSISTED_OPERATIONS,
  };
}
