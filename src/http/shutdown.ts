import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../core/logger.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** How long requests already running may take to finish after a signal (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  /** False once the embedded Neo4j failed to restart several times in a row (Connection.healthy). */
  healthy: () => boolean;
  /** Runs once the last request is answered or cut off, before the process exits: close the database, flush spans. */
  beforeExit: () => Promise<void>;
  log: (line: string) => void;
}

const SHUTTING_DOWN = {
  errors: [{ message: 'The service is shutting down; retry in a moment.', extensions: { code: 'SHUTTING_DOWN' } }],
};
const UNHEALTHY = {
  status: 'unhealthy',
  healthy: false,
  reason: 'the embedded Neo4j failed to restart several times in a row; this process should be replaced',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Serves `handler` (the Yoga app) until SIGINT or SIGTERM, then drains and exits the process;
 * resolves once the server listens. Every request either gets its answer or is refused before it
 * starts: the listener closes at once, requests already running finish (within `timeoutMs`) and
 * answer with `Connection: close`, and requests still arriving on open connections get
 * SHUTTING_DOWN. Only then do idle connections close, and only at the deadline are running
 * requests cut off.
 */
export async function serveUntilSignalled(handler: (req: IncomingMessage, res: ServerResponse) => unknown, options: ServeOptions): Promise<void> {
  const { timeoutMs, log } = options;
  const inFlight = new Set<ServerResponse>();
  let shuttingDown = false;
  let onDrained = (): void => undefined;
  const server = createServer((req, res) => {
    // Refused before anything runs; `Connection: close` keeps the client from sending more here.
    if (shuttingDown) return sendJson(res, 503, SHUTTING_DOWN, { connection: 'close' });
    // Yoga's own /health only says the process is up; this process is also broken beyond self-repair.
    if (!options.healthy() && req.url?.split('?')[0] === '/health') return sendJson(res, 503, UNHEALTHY);
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (shuttingDown && inFlight.size === 0) onDrained();
    });
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
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
    await options.beforeExit();
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
