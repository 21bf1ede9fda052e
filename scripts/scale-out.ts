/**
 * Several stateless API instances over one Neo4j, behind a round-robin proxy: the shape of a
 * scaled-out deployment, runnable on one machine without Docker.
 *
 *   npm run scale-out -- [--instances 2] [--port 4000]
 *
 * Uses NEO4J_URI when set, else starts the embedded Neo4j (NEO4J_DATA_DIR...) once for all of
 * them. Every other variable reaches the instances as it is; only the first one loads the seed.
 * Each answer through the proxy says which instance gave it (`x-atlas-instance`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STOP_TIMEOUT_MS = 15_000;
const log = (line: string) => console.log(`[scale-out] ${line}`);

interface Instance {
  n: number;
  port: number;
  child: ChildProcess;
}

/** Starts one API instance and resolves once it listens; rejects with its output if it exits first. */
function startInstance(n: number, port: number, env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      for (const line of text.split('\n').filter(Boolean)) console.log(`[instance ${n}] ${line}`);
      if (output.join('').includes('GraphQL API and GraphiQL on')) resolve({ n, port, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`instance ${n} exited with ${code} before listening`)));
  });
}

const running = ({ child }: Instance) => child.exitCode === null && child.signalCode === null;

/** Sends each request to the next running instance in turn, headers and body untouched. */
function roundRobin(instances: Instance[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    const alive = instances.filter(running);
    if (!alive.length) {
      res.writeHead(502, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ errors: [{ message: 'no instance is running', extensions: { code: 'BAD_GATEWAY' } }] }));
    }
    const target = alive[next++ % alive.length]!;
    const upstream = http.request({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-atlas-instance': String(target.n) });
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (res.headersSent) return res.destroy(error);
      res.writeHead(502, { 'content-type': 'application/json', 'x-atlas-instance': String(target.n) });
      res.end(JSON.stringify({ errors: [{ message: `instance ${target.n} did not answer`, extensions: { code: 'BAD_GATEWAY' } }] }));
    });
    req.pipe(upstream);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { instances: { type: 'string', default: '2' }, port: { type: 'string', default: '4000' } } });
  const count = Number(values.instances);
  const proxyPort = Number(values.port);
  if (!Number.isInteger(count) || count < 1 || count > 16) throw new Error('--instances must be 1 to 16');
  if (!Number.isInteger(proxyPort) || proxyPort < 0 || proxyPort > 65535) throw new Error('--port must be a port number');

  const config = loadConfig();
  let embedded: EmbeddedNeo4j | undefined;
  if (!config.neo4j.uri) {
    embedded = await startEmbeddedNeo4j({
      dataDir: path.resolve(config.neo4j.embedded.dataDir),
      boltPort: 0,
      password: config.neo4j.password,
      heap: config.neo4j.embedded.heap,
      pagecache: config.neo4j.embedded.pagecache,
      log,
    });
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: config.neo4j.uri ?? embedded!.uri,
    NEO4J_PASSWORD: config.neo4j.password,
  };

  const instances: Instance[] = [];
  let proxy: http.Server | undefined;
  const stop = async (): Promise<void> => {
    proxy?.close();
    const exits = instances.map(
      ({ child }) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))),
    );
    for (const { child } of instances) child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const { child } of instances) child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await Promise.all(exits);
    clearTimeout(killer);
    await embedded?.stop();
  };
  try {
    // One after another: the first has loaded the seed before the others serve.
    for (let n = 1; n <= count; n++) {
      const seed = n === 1 ? (env.SEED_ON_START ?? 'true') : 'false';
      instances.push(await startInstance(n, await freePort(), { ...env, SEED_ON_START: seed }));
    }
    proxy = roundRobin(instances);
    await new Promise<void>((resolve, reject) => {
      proxy!.once('error', reject);
      proxy!.listen(proxyPort, '127.0.0.1', resolve);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const { port } = proxy.address() as { port: number };
  log(`ready: proxy http://127.0.0.1:${port}/graphql -> ${instances.map((i) => `${i.n}=http://127.0.0.1:${i.port}`).join(' ')}`);

  let stopping = false;
  for (const instance of instances) {
    instance.child.once('exit', (code, signal) => {
      if (!stopping) log(`instance ${instance.n} exited (${signal ?? code}); the others take its share`);
    });
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[scale-out] stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `[scale-out] failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
