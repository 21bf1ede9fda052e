/**
 * Runs the embedded Neo4j in the foreground, for people who want a database without the service:
 *
 *   npx tsx src/cli/neo4j.ts --data-dir .data/neo4j --port 7687 --password secret
 *
 * Ctrl-C / SIGTERM stop it cleanly.
 */
import { parseArgs } from 'node:util';
import { EMBEDDED_DEFAULT_PASSWORD } from '../core/config.js';
import { startEmbeddedNeo4j } from '../db/embedded.js';

const USAGE =
  'usage: tsx src/cli/neo4j.ts [--data-dir DIR] [--port N] [--password PW] [--heap 1g] [--pagecache 256m]\n' +
  '  --data-dir   Neo4j home (default .data/neo4j)\n' +
  '  --port       Bolt port on 127.0.0.1, 0 for any free port (default 7687)\n' +
  "  --password   password of user neo4j; empty disables auth (default: $NEO4J_PASSWORD, else the service's\n" +
  `               default "${EMBEDDED_DEFAULT_PASSWORD}", so both can share a data dir)\n`;

/** The options given, or undefined (after saying why) when they do not parse. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        'data-dir': { type: 'string', default: '.data/neo4j' },
        port: { type: 'string', default: '7687' },
        password: { type: 'string' },
        heap: { type: 'string', default: '1g' },
        pagecache: { type: 'string', default: '256m' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const values = parseOptions();
  if (!values) {
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number, got '${values.port}'\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const password = values.password ?? (process.env.NEO4J_PASSWORD || EMBEDDED_DEFAULT_PASSWORD);

  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const db = await startEmbeddedNeo4j({
    dataDir: values['data-dir'],
    boltPort: port,
    password,
    heap: values.heap,
    pagecache: values.pagecache,
    log,
  });
  process.stdout.write(`${db.uri}\n`);
  log(password === '' ? 'auth disabled' : 'user: neo4j');
  log('press Ctrl-C to stop');

  // The database handle does not keep Node alive by itself; this does, until a signal arrives.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: still stopping, please wait`);
      return;
    }
    stopping = true;
    log(`${signal}: stopping Neo4j...`);
    db.stop().then(
      () => {
        clearInterval(keepAlive);
        process.exitCode = 0;
      },
      (err: unknown) => {
        log(`stop failed: ${(err as Error).message}`);
        clearInterval(keepAlive);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
