import { createServer, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, loadConfig } from './core/config.js';
import { connect } from './db/connect.js';
import { loadSeed } from './ingest/seed.js';
import { applySchema } from './graph/schema.js';
import { logger } from './core/logger.js';
import { createApp } from './http/server.js';
import { startTracing } from './http/tracing.js';

const log = (line: string) => logger.info(line);

const SHUTTING_DOWN = {
  errors: [{ message: 'The service is shutting down; retry in a moment.', extensions: { code: 'SHUTTING_DOWN' } }],
};
const UNHEALTHY = {
  healthy: false,
  reason: 'the embedded Neo4j failed to restart several times in a row; this process should be replaced',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
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
  const inFlight = new Set<ServerResponse>();
  let shuttingDown = false;
  let onDrained = (): void => undefined;
  const server = createServer((req, res) => {
    // Refused before anything runs; `Connection: close` keeps the client from sending more here.
    if (shuttingDown) return sendJson(res, 503, SHUTTING_DOWN, { connection: 'close' });
    // Yoga's own /health only says the process is up; this process is also broken beyond self-repair.
    if (!connection.healthy() && req.url?.split('?')[0] === '/health') return sendJson(res, 503, UNHEALTHY);
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (shuttingDown && inFlight.size === 0) onDrained();
    });
    void yoga(req, res);
  });
  try {
    if (config.seedOnStart) {
      const { written } = await loadSeed(connection.db);
      log(`seed graph loaded (${written.nodes} nodes and ${written.relationships} relationships upserted)`);
    } else {
      // Indexes, constraints and stored totals for a graph the seed did not write.
      await applySchema(connection.db);
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

  /**
   * Every request either gets its answer or is refused before it starts: the listener closes at
   * once, requests already running finish (within SHUTDOWN_TIMEOUT_MS) and answer with
   * `Connection: close`, and requests still arriving on open connections get SHUTTING_DOWN. Only
   * then do idle connections close, and only at the deadline are running requests cut off.
   */
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    const timeoutMs = config.http.shutdownTimeoutMs;
    log(`${signal}: shutting down; waiting up to ${timeoutMs} ms for ${inFlight.size} request(s) in flight`);
    // net's close, not http's: http.Server.close() also destroys every connection it deems idle,
    // including ones whose request has arrived but is not parsed yet, and those clients would see
    // a reset for a request nobody refused.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const drained = inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onDrained = resolve));

    const deadline = sleep(timeoutMs).then(() => false);
    const inTime = (promise: Promise<void>) => Promise.race([promise.then(() => true), deadline]);
    if (await inTime(drained)) server.closeIdleConnections();
    if (!(await inTime(closed))) {
      log(`${inFlight.size} request(s) still running after ${timeoutMs} ms: closing their connections`);
      server.closeAllConnections();
      await closed;
    }
    await connection.close();
    // After the last request, so that its spans are exported too.
    await tracing?.shutdown();
    log('stopped');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).catch((error: unknown) => {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
