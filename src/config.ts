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
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    SEED_ON_START: flag.default(true),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
    API_KEYS: z.string().optional(),
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
    embedded: { dataDir: string; boltPort: number; heap: string; pagecache: string };
  };
  http: { host: string; port: number };
  seedOnStart: boolean;
  limits: { maxPageSize: number; maxDepth: number; maxComplexity: number };
  /** Keys that may call mutations (scope `write`); reads need none. */
  apiKeys: ApiKey[];
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
      embedded: {
        dataDir: e.NEO4J_DATA_DIR,
        boltPort: e.NEO4J_BOLT_PORT,
        heap: e.NEO4J_HEAP,
        pagecache: e.NEO4J_PAGECACHE,
      },
    },
    http: { host: e.HOST, port: e.PORT },
    seedOnStart: e.SEED_ON_START,
    limits: { maxPageSize: e.MAX_PAGE_SIZE, maxDepth: e.MAX_QUERY_DEPTH, maxComplexity: e.MAX_QUERY_COMPLEXITY },
    apiKeys: parseApiKeys(e.API_KEYS),
  };
}
