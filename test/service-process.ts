import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/db/embedded.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LISTENING = 'GraphQL API and GraphiQL on';

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** `http://127.0.0.1:<port>`, without a path. */
  readonly url: string;
  /** All the process wrote to stdout and stderr so far, as it came. */
  output(): string;
  /** The complete lines of that output: each one a whole JSON log line, or a whole plain one. */
  lines(): string[];
  /** Sends `signal` unless the process has ended, and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServiceProcessOptions {
  /** Node options before `--import tsx`, such as module hooks. */
  nodeArgs?: string[];
  /** Enough for a service on a running database; one that starts its own Neo4j needs more. */
  startTimeoutMs?: number;
}

/**
 * The service as `npm start` runs it, in a child process with `env` and a free PORT: resolves once
 * it listens, rejects with its output if it exits or is slow to start. Output is collected for the
 * life of the process, so that a test can read what it logged on the way out.
 */
export async function startServiceProcess(env: NodeJS.ProcessEnv, options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  const { nodeArgs = [], startTimeoutMs = 60_000 } = options;
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const output = () => chunks.join('');
  const service: ServiceProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    lines: () => output().split('\n').slice(0, -1),
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start in ${startTimeoutMs} ms:\n${output()}`));
    }, startTimeoutMs);
    let listening = false;
    const onData = (chunk: string) => {
      chunks.push(chunk);
      if (!listening && output().includes(LISTENING)) {
        listening = true;
        clearTimeout(timer);
        resolve(service);
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output()}`));
    });
  });
}
