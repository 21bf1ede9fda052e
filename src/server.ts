import { GraphQLError } from 'graphql';
import { createYoga, maskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { authenticate, type ApiKey } from './auth.js';
import { createContext, type AuditLog, type Context } from './context.js';
import { DatabaseUnavailableError, QueryTimeoutError, type Database } from './db/database.js';
import { schema } from './schema/index.js';

/** Known failures below the API, turned into errors a client can act on. */
function clientFacing(error: unknown): GraphQLError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const located = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
  if (original instanceof DatabaseUnavailableError) {
    return new GraphQLError('The graph database is unavailable right now; retry in a few seconds.', {
      ...located,
      extensions: { code: 'DATABASE_UNAVAILABLE' },
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
  limits: Config['limits'];
  /** Keys allowed to call mutations; without any, every mutation is refused. */
  apiKeys?: ApiKey[];
  audit?: AuditLog;
  /** Where masked (unexpected) errors are reported; defaults to stderr. */
  logError?: (error: unknown) => void;
}

/** Builds the HTTP app without listening, so tests drive it in-process through `yoga.fetch`. */
export function createApp({
  db,
  limits,
  apiKeys = [],
  audit = (entry) => console.log(JSON.stringify({ event: 'write', ...entry, at: new Date().toISOString() })),
  logError = (e) => console.error(e),
}: AppOptions): YogaServerInstance<Record<string, never>, Context> {
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'Compute Atlas', defaultQuery: DEFAULT_QUERY },
    context: ({ request }) => createContext(db, limits, authenticate(request.headers.get('authorization'), apiKeys), audit),
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const known = clientFacing(error);
        if (known) return known;
        const masked = maskError(error, message, isDev);
        if (masked !== error) logError(error);
        return masked;
      },
    },
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            await db.ping();
            return true;
          } catch {
            return false;
          }
        },
      }),
    ],
  });
}

const DEFAULT_QUERY = `# Which companies buy Nvidia Hopper chips, and on what evidence?
{
  companies(first: 12) {
    totalCount
    edges {
      node {
        name
        nameZh
        country { name }
        chips { relation units period family { name } chip { name } evidence sources { title } }
      }
    }
  }
}
`;
