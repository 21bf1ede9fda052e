/**
 * Runs Neo4j Community as a child JVM (neo4j-launcher/, see EmbeddedNeo4j.java) so the service and
 * its tests get a real Bolt endpoint without Docker or a separately installed server.
 *
 * The launcher's contract: one `NEO4J_READY bolt://host:port` line on stdout when clients can
 * connect, or one `NEO4J_FAILED reason` line on stderr and exit code 1. With
 * `--exit-on-stdin-eof` it exits when its stdin closes, which is how it notices that this process
 * died without a chance to clean up (SIGKILL, crash): we hold that pipe open for the JVM's lifetime.
 * The password travels as the first line on that pipe (`--password-stdin`), because any local user
 * can read a process's command line. The launcher jar is built on first use (launcher-build.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ensureJava, ensureLauncherBuilt, JAVA_INSTALL_HINT } from './launcher-build.js';

export interface EmbeddedNeo4jOptions {
  /** Neo4j home: data/ and logs/ are created under it. Created if missing. */
  dataDir: string;
  /** 0 => the launcher binds a free port on 127.0.0.1 and reports which one. */
  boltPort: number;
  /** Password of user `neo4j`. An empty string disables authentication. */
  password: string;
  /** JVM -Xmx, default '1g'. */
  heap?: string;
  /** Neo4j page cache size, default '256m'. */
  pagecache?: string;
  /** Default 180_000. */
  startTimeoutMs?: number;
  /** Progress messages (building launcher..., started on ...). */
  log?: (line: string) => void;
  /** Aborting kills a JVM that is still starting and rejects the start. */
  signal?: AbortSignal;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedNeo4j {
  uri: string;
  boltPort: number;
  pid: number;
  /** Resolves when the JVM has exited, whether stop() asked it to or not. */
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 30_000;
const STDERR_TAIL_LINES = 50;

const noop = (): void => {};

// ---------------------------------------------------------------------------------------------
// Process-exit cleanup

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * An 'exit' listener can only do synchronous work, so SIGKILL is the only way to guarantee no JVM
 * outlives us (the store is crash-safe; Neo4j recovers from its transaction log). Signals are
 * deliberately not handled here: the application's own SIGINT/SIGTERM handler should drain work and
 * call stop(); without such a handler Node dies by the signal, stdin closes, and the launcher shuts
 * itself down cleanly.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      if (isRunning(child)) {
        try {
          child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

// ---------------------------------------------------------------------------------------------
// Starting and stopping

/** A currently free TCP port on 127.0.0.1 (it may be taken by someone else before you bind it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.unref();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  if (!port) throw new Error('could not determine a free port');
  return port;
}

export async function startEmbeddedNeo4j(opts: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const log = opts.log ?? noop;
  const heap = opts.heap ?? '1g';
  const pagecache = opts.pagecache ?? '256m';
  const timeoutMs = opts.startTimeoutMs ?? 180_000;
  if (!Number.isInteger(opts.boltPort) || opts.boltPort < 0 || opts.boltPort > 65535) {
    throw new Error(`boltPort must be an integer between 0 and 65535, got ${opts.boltPort}`);
  }
  if (/[\r\n]/.test(opts.password)) {
    throw new Error('the embedded Neo4j password must not contain line breaks');
  }

  const jar = await ensureLauncherBuilt(log);
  const java = await ensureJava();
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });

  const args = [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    // A JVM that hit OOM limps on half-broken; better to die so the parent sees it.
    '-XX:+ExitOnOutOfMemoryError',
    '-jar',
    jar,
    '--data-dir',
    dataDir,
    '--bolt-port',
    String(opts.boltPort),
    '--pagecache',
    pagecache,
    '--exit-on-stdin-eof',
  ];
  if (opts.password !== '') args.push('--password-stdin');

  log(`embedded Neo4j: starting (data dir ${dataDir}, heap ${heap}, page cache ${pagecache})...`);
  const started = Date.now();
  const child = spawn(java, args, {
    // JVM crash files (hs_err_pid*.log) land next to the data rather than in the project root.
    cwd: dataDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group: a terminal Ctrl-C must reach only Node, whose handler decides when the
    // database goes away (after in-flight requests drained), not the JVM directly.
    detached: true,
  });
  installExitHook();
  running.add(child);

  const exited = new Promise<ExitStatus>((r) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      r({ code, signal });
    });
  });
  // stdin stays open for the JVM's lifetime; it is the launcher's "parent is alive" signal.
  child.stdin?.on('error', noop);
  if (opts.password !== '') child.stdin?.write(`${opts.password}\n`);

  const stderr = watchStderr(child);

  const uri = await new Promise<string>((resolveStart, rejectStart) => {
    let settled = false;
    let stdoutPartial = '';
    const onAbort = (): void => finish(new Error('Embedded Neo4j start was aborted'));
    const finish = (err: Error | undefined, value?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) rejectStart(err);
      else resolveStart(value!);
    };
    const tail = (): string => {
      const lines = stderr.lastLines(STDERR_TAIL_LINES + 1, true);
      return lines.length ? `\nlauncher stderr (last lines):\n${lines.join('\n')}` : '';
    };

    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const lines = (stdoutPartial + chunk).split(/\r?\n/);
      stdoutPartial = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^NEO4J_READY (bolt:\/\/\S+)\s*$/.exec(line);
        if (m) finish(undefined, m[1]);
      }
    });

    child.once('error', (err: NodeJS.ErrnoException) => {
      const msg = err.code === 'ENOENT' ? `\`${java}\` not found. ${JAVA_INSTALL_HINT}` : `Cannot start \`${java}\`: ${err.message}`;
      finish(new Error(msg));
    });

    child.once('exit', (code, signal) => {
      // Let the last stderr chunk arrive before describing the failure.
      setImmediate(() => {
        const how = code !== null ? `exit code ${code}` : `signal ${signal}`;
        const failedReason = stderr.failedReason();
        finish(
          new Error(
            failedReason?.includes('data dir is locked')
              ? dataDirInUse(dataDir, opts.boltPort)
              : failedReason !== undefined
                ? `Embedded Neo4j failed to start: ${failedReason} (${how})`
                : `Embedded Neo4j exited during startup (${how}).${tail()}`,
          ),
        );
      });
    });

    const timer = setTimeout(() => {
      finish(
        new Error(
          `Embedded Neo4j did not become ready within ${Math.round(timeoutMs / 1000)} s; killed it ` + `(see ${join(dataDir, 'logs', 'debug.log')}).${tail()}`,
        ),
      );
      child.kill('SIGKILL');
    }, timeoutMs);

    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  }).catch(async (err: unknown) => {
    if (child.pid === undefined) {
      running.delete(child); // never spawned: no 'exit' event is guaranteed
    } else {
      if (isRunning(child)) child.kill('SIGKILL');
      await exited;
    }
    throw err;
  });

  // The database alone must not keep Node alive: a script that forgets stop() should still end
  // (the exit hook then kills the JVM) instead of hanging. Servers and the CLI keep the loop busy.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }

  const port = Number(new URL(uri.replace(/^bolt:/, 'http:')).port);
  const pid = child.pid!;
  log(`embedded Neo4j: ready at ${uri} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid})`);

  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Nobody asked it to stop: say so, or the service would only see connection errors.
    const lines = stderr.lastLines(10);
    log(
      `embedded Neo4j (pid ${pid}) exited unexpectedly with ${code !== null ? `code ${code}` : `signal ${signal}`}` +
        (lines.length ? `; last stderr:\n${lines.join('\n')}` : `; see ${join(dataDir, 'logs', 'debug.log')}`),
    );
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!isRunning(child)) {
        await exited;
        return;
      }
      child.kill('SIGTERM'); // the launcher's shutdown hook shuts Neo4j down and frees the store lock
      const timer = setTimeout(() => {
        log(`embedded Neo4j: pid ${pid} did not stop within ${STOP_GRACE_MS / 1000} s, killing it`);
        if (isRunning(child)) child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
      child.stdin?.destroy();
      log(`embedded Neo4j: stopped (pid ${pid})`);
    })();
    return stopping;
  };

  return { uri, boltPort: port, pid, exited, stop };
}

// ---------------------------------------------------------------------------------------------
// The launcher's stderr

interface StderrWatch {
  /** The reason of the launcher's `NEO4J_FAILED reason` line, once it has written one. */
  failedReason(): string | undefined;
  /** The last `count` lines that are not blank; `withPartial` adds the line still being written. */
  lastLines(count: number, withPartial?: boolean): string[];
}

/** Drained for the JVM's whole life, not only its start: a full pipe would block it. */
function watchStderr(child: ChildProcess): StderrWatch {
  const tail: string[] = [];
  let partial = '';
  let failedReason: string | undefined;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('NEO4J_FAILED ')) failedReason = line.slice('NEO4J_FAILED '.length).trim();
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    }
  });
  return {
    failedReason: () => failedReason,
    lastLines: (count, withPartial = false) => [...tail, ...(withPartial ? [partial] : [])].filter((l) => l.trim() !== '').slice(-count),
  };
}

/**
 * Most often a CLI (export, import, seed) run while `npm start` holds the directory: the launcher's
 * "--data-dir" advice means nothing to those commands, so say how to reach the running service.
 */
function dataDirInUse(dataDir: string, boltPort: number): string {
  const uri = `bolt://127.0.0.1:${boltPort || '<its bolt port>'}`;
  return (
    `the embedded Neo4j's data directory (${dataDir}) is in use, probably by \`npm start\`: ` +
    `set NEO4J_URI=${uri} NEO4J_PASSWORD=... to use the running service, or stop it`
  );
}
