import path from 'node:path';
import { buildInfo } from './core/build-info.js';
import { ConfigError, loadConfig } from './core/config.js';
import { logger } from './core/logger.js';
import { nodeSupport } from './core/node-support.js';
import { connect } from './db/connect.js';
import { DataDirInUseError, recordHttpPort } from './db/data-dir-lock.js';
import { applySchema } from './graph/schema.js';
import { createApp } from './http/server.js';
import { serveUntilSignalled } from './http/shutdown.js';
import { startTracing } from './http/tracing.js';
import { loadSeed } from './ingest/seed.js';

const log = (line: string) => logger.info(line);

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const build = buildInfo();
  logger.info(build, `compute-atlas ${build.version} starting`);
  const node = nodeSupport();
  if (node.warning) logger.warn(node.warning);
  const tracing = await startTracing(config.tracing);
  if (config.tracing) {
    const { exporters, otlp, serviceName } = config.tracing;
    const otlpTarget = exporters.includes('otlp') ? ` to ${otlp.url} (${otlp.protocol})` : '';
    log(`OpenTelemetry tracing on as ${serviceName}: ${exporters.join(' and ')}${otlpTarget}`);
  }
  log(config.neo4j.uri ? `connecting to ${config.neo4j.uri}` : 'NEO4J_URI is not set: starting the embedded Neo4j');
  const connection = await connect(config, log);

  const yoga = createApp({
    db: connection.db,
    limits: config.limits,
    apiKeys: config.apiKeys,
    corsOrigins: config.corsOrigins,
    responseCache: config.responseCache,
    databaseUp: () => connection.db.unavailableReason() === null,
    persistedOperations: config.persistedOperations,
    tracing,
  });
  try {
    if (config.seedOnStart) {
      const { written } = await loadSeed(connection.db);
      log(`seed graph loaded (${written.nodes} nodes and ${written.relationships} relationships upserted)`);
    } else {
      // Indexes, constraints and stored totals for a graph the seed did not write.
      await applySchema(connection.db);
    }
    await serveUntilSignalled(yoga, {
      port: config.http.port,
      host: config.http.host,
      timeoutMs: config.http.shutdownTimeoutMs,
      healthy: connection.healthy,
      beforeExit: async () => {
        await connection.close();
        // After the last request, so that its spans are exported too.
        await tracing?.shutdown();
      },
      log,
    });
  } catch (error) {
    // Never leave the embedded Neo4j running behind a service that failed to start.
    await connection.close();
    throw error;
  }
  if (!config.neo4j.uri) recordHttpPort(path.resolve(config.neo4j.embedded.dataDir), config.http.port);
  // The one line that says what is serving where: what a log search for a deployment starts from.
  const uri = `http://${config.http.host}:${config.http.port}${yoga.graphqlEndpoint}`;
  const server = await connection.db.driver.getServerInfo().catch(() => undefined);
  logger.info({ ...build, neo4j: server?.agent ?? null, uri }, `GraphQL API and GraphiQL on ${uri}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else if (error instanceof DataDirInUseError) logger.fatal({ dataDir: error.dataDir, holder: error.owner }, error.message);
  else logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
