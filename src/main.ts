import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { loadSeed } from '../seed/load.js';
import { createApp } from './server.js';

const log = (line: string) => console.log(`[compute-atlas] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  log(config.neo4j.uri ? `connecting to ${config.neo4j.uri}` : 'NEO4J_URI is not set: starting the embedded Neo4j');
  const connection = await connect(config, log);

  const yoga = createApp({ db: connection.db, limits: config.limits, apiKeys: config.apiKeys });
  const server = createServer(yoga);
  try {
    if (config.seedOnStart) {
      const { written } = await loadSeed(connection.db);
      log(`seed graph loaded (${written.nodes} nodes and ${written.relationships} relationships upserted)`);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.http.port, config.http.host, resolve);
    });
  } catch (error) {
    // Never leave the embedded Neo4j running behind a service that failed to start.
    await connection.close();
    throw error;
  }
  log(`GraphQL API and GraphiQL on http://${config.http.host}:${config.http.port}${yoga.graphqlEndpoint}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await connection.close();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('[compute-atlas] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
