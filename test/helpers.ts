import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { parseApiKeys } from '../src/core/auth.js';
import { loadConfig, type Config } from '../src/core/config.js';
import { Database } from '../src/db/database.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { createApp, type AppOptions } from '../src/http/server.js';
import { loadSeed } from '../src/ingest/seed.js';

export const limits: Config['limits'] = loadConfig({}).limits;

export function testDatabase(overrides: Partial<ConstructorParameters<typeof Database>[0]> = {}): Database {
  return new Database({ ...inject('neo4j'), queryTimeoutMs: 10_000, connectTimeoutMs: 3_000, ...overrides });
}

/**
 * The environment of a service process started by a test: the suite's database, no seeding (the
 * suite seeded it once), and one API key with the write scope.
 */
export function serviceEnv(writeSecret: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const neo4j = inject('neo4j');
  return {
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    SEED_ON_START: 'false',
    API_KEYS: `tester:${writeSecret}:read+write`,
    ...extra,
  };
}

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Sends one GraphQL request through the real HTTP handler, in process. */
export async function execute<T = Record<string, any>>(
  app: ReturnType<typeof createApp>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Counts the Cypher statements `work` sends: the measure of batching. */
export async function countRoundTrips(db: Database, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = db.onQuery(() => count++);
  try {
    await work();
  } finally {
    stop();
  }
  return count;
}

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}

export interface TestApp {
  readonly db: Database;
  readonly app: ReturnType<typeof createApp>;
}

/** A connection to the suite's database and an in-process app over it, for the tests of one file. */
export function useTestApp(options: Partial<AppOptions> = {}): TestApp {
  let db: Database | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  beforeAll(() => {
    db = testDatabase();
    app = createApp({ db, limits, ...options });
  });
  afterAll(() => db?.close());
  return {
    get db() {
      return db!;
    },
    get app() {
      return app!;
    },
  };
}

export interface OwnGraph extends TestApp {
  /** Bolt address and password of the file's own Neo4j, for child processes run against it. */
  readonly uri: string;
  readonly password: string;
}

/**
 * An embedded Neo4j of the file's own with the seed loaded, and an app over it that accepts
 * `writerSecret` for writes: for suites that change the graph in ways the shared one must not see.
 */
export function useOwnSeededGraph(name: string, writerSecret: string): OwnGraph {
  const password = `${name}-test-password`;
  let dataDir: string | undefined;
  let neo4j: EmbeddedNeo4j | undefined;
  let db: Database | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), `atlas-${name}-`));
    neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), password, heap: '512m' });
    db = new Database({ uri: neo4j.uri, user: 'neo4j', password, database: 'neo4j', queryTimeoutMs: 10_000, connectTimeoutMs: 3_000 });
    await loadSeed(db);
    app = createApp({ db, limits, apiKeys: parseApiKeys(`curator:${writerSecret}:read+write`), audit: () => undefined });
  }, 240_000);
  afterAll(async () => {
    await db?.close();
    await neo4j?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    password,
    get uri() {
      return neo4j!.uri;
    },
    get db() {
      return db!;
    },
    get app() {
      return app!;
    },
  };
}

/**
 * Every node (entities and figures), relationship and property, the claims behind them, and the
 * change sets that record writes: what a write that must change nothing is checked against. The
 * precomputed totals are left out: they are derived, and rebuilt whenever a suite's figures were
 * written behind the service's back (graph/aggregates.ts).
 */
export async function graphCounts(db: Database): Promise<{ nodes: number; relationships: number; properties: number; claims: number; changeSets: number }> {
  const [row] = await db.read<{ nodes: number; relationships: number; properties: number; claims: number; changeSets: number }>(
    `CALL () { MATCH (n) WHERE NOT n:ChangeSet AND NOT n:GraphState AND NOT n:FinancialAggregate RETURN count(n) AS allNodes, sum(size(keys(n))) AS nodeProperties }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS relationshipProperties }
     CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
     CALL () { MATCH (c:ChangeSet) RETURN count(c) AS changeSets }
     RETURN allNodes - claims AS nodes, relationships, nodeProperties + relationshipProperties AS properties, claims, changeSets`,
  );
  return row!;
}
