/**
 * Runs Neo4j Community as a child JVM (neo4j-launcher/, see EmbeddedNeo4j.java) so the service and
 * its tests get a real Bolt endpoint without Docker or a separately installed server.
 *
 * The launcher's contract: one `NEO4J_READY bolt://host:port` line on stdout when clients can
 * connect, or one `NEO4J_FAILED reason` line on stderr and exit code 1. With
 * `--exit-on-stdin-eof` it exits when its stdin closes, which is how it notices that this process
 * died without a chance to clean up (SIGKILL, crash): we hold that pipe open for the JVM's lifetime.
 * The password travels as the first line on that pipe (`--password-stdin`), because any local user
 * can read a process's command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, rm, stat, utimes, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER_DIR = join(PROJECT_ROOT, 'neo4j-launcher');
const POM = join(LAUNCHER_DIR, 'pom.xml');
const TARGET_DIR = join(LAUNCHER_DIR, 'target');
const JAR = join(TARGET_DIR, 'neo4j-launcher.jar');
const LIB_DIR = join(TARGET_DIR, 'lib');
const BUILD_LOCK = join(TARGET_DIR, '.build-lock');

const LOCK_STALE_MS = 10 * 60_000;
const STOP_GRACE_MS = 30_000;
const STDERR_TAIL_LINES = 50;
const MIN_JAVA = 17;

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
// Tools: java and mvn

let javaChecked: Promise<string> | undefined;

/** Prefers $JAVA_HOME/bin/java, like mvn does, so both use the same JDK. */
function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
}

const JAVA_INSTALL_HINT =
  `Java ${MIN_JAVA}+ is required to run the embedded Neo4j. Install a JDK ` +
  `(e.g. \`apt-get install openjdk-17-jdk-headless\`) and put \`java\` on PATH or set JAVA_HOME.`;

async function ensureJava(): Promise<string> {
  javaChecked ??= (async () => {
    const java = javaCommand();
    let result: RunResult;
    try {
      result = await run(java, ['-version'], { cwd: PROJECT_ROOT });
    } catch (err) {
      throw new Error(`Cannot run \`${java}\` (${errMessage(err)}). ${JAVA_INSTALL_HINT}`);
    }
    const match = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
    let major = match ? Number(match[1]) : NaN;
    if (major === 1 && match?.[2]) major = Number(match[2]); // "1.8.0" style
    if (result.code !== 0 || !Number.isFinite(major)) {
      throw new Error(`\`${java} -version\` failed (exit ${result.code}): ${lastLines(result.output, 5)}. ${JAVA_INSTALL_HINT}`);
    }
    if (major < MIN_JAVA) {
      throw new Error(`\`${java}\` is Java ${major}, too old for Neo4j 5. ${JAVA_INSTALL_HINT}`);
    }
    return java;
  })();
  try {
    return await javaChecked;
  } catch (err) {
    javaChecked = undefined; // let a later call retry after the user fixed their setup
    throw err;
  }
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs a command to completion, collecting stdout and stderr interleaved. Rejects on spawn error. */
function run(cmd: string, args: string[], opts: { cwd: string }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolvePromise({ code, signal, output: stripAnsi(Buffer.concat(chunks).toString('utf8')) });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Building the launcher

async function mtimeMs(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, await newestMtime(path));
    } else {
      newest = Math.max(newest, (await mtimeMs(path)) ?? 0);
    }
  }
  return newest;
}

async function launcherUpToDate(): Promise<boolean> {
  const jarTime = await mtimeMs(JAR);
  if (jarTime === undefined) return false;
  // The jar is useless without the dependencies its manifest Class-Path points at.
  const libs = await readdir(LIB_DIR).catch(() => [] as string[]);
  if (!libs.some((f) => f.endsWith('.jar'))) return false;
  const sourcesTime = Math.max((await mtimeMs(POM)) ?? 0, await newestMtime(join(LAUNCHER_DIR, 'src')));
  return jarTime >= sourcesTime;
}

/**
 * Two processes in one checkout (parallel test files, service + CLI) must not run mvn into the
 * same target/ at once. mkdir is atomic, so the lock is a directory; the owner's pid lets a waiter
 * take over at once after a crash, and the 10-minute age limit covers what the pid cannot
 * (e.g. another host on a shared filesystem).
 */
async function withBuildLock<T>(log: (l: string) => void, fn: () => Promise<T>): Promise<T> {
  await mkdir(TARGET_DIR, { recursive: true });
  let announced = false;
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await lockIsStale()) {
      log('neo4j-launcher: removing stale build lock');
      await rm(BUILD_LOCK, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log('neo4j-launcher: another process is building the launcher, waiting...');
      announced = true;
    }
    await sleep(1000);
  }

  await writeFile(join(BUILD_LOCK, 'owner'), `${process.pid}\n`).catch(noop);
  // Keeps the lock fresh during a long first build (slow Maven Central) so nobody steals it.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(BUILD_LOCK, now, now).catch(noop);
  }, 30_000);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function lockIsStale(): Promise<boolean> {
  const lockTime = await mtimeMs(BUILD_LOCK);
  if (lockTime === undefined) return false; // vanished: just retry mkdir
  if (Date.now() - lockTime > LOCK_STALE_MS) return true;
  const owner = Number((await readFile(join(BUILD_LOCK, 'owner'), 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid) {
    try {
      process.kill(owner, 0);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  return false;
}

let buildInFlight: Promise<string> | undefined;

/**
 * Returns the launcher jar, building it with Maven first if it is missing or older than pom.xml or
 * any file under neo4j-launcher/src.
 */
export async function ensureLauncherBuilt(log: (l: string) => void = noop): Promise<string> {
  if (await launcherUpToDate()) return JAR;
  // Concurrent callers in this process share one build instead of queueing on the lock dir.
  buildInFlight ??= withBuildLock(log, async () => {
    if (await launcherUpToDate()) return JAR; // built by whoever held the lock before us
    await ensureJava();
    const args = ['-q', '-B', '-f', POM, 'package', '-DskipTests'];
    log(`neo4j-launcher: building with \`mvn ${args.join(' ')}\` (first build downloads Neo4j from Maven Central)...`);
    const started = Date.now();
    let result: RunResult;
    try {
      result = await run('mvn', args, { cwd: PROJECT_ROOT });
    } catch (err) {
      throw new Error(
        `Cannot run Maven (${errMessage(err)}). Building the embedded Neo4j launcher needs Maven 3.8+ on PATH ` +
          `(e.g. \`apt-get install maven\`) and network access to Maven Central for the first build.`,
      );
    }
    if (result.code !== 0) {
      throw new Error(
        `Building the embedded Neo4j launcher failed: \`mvn ${args.join(' ')}\` exited with ` +
          `${result.code ?? result.signal}. Last output:\n${lastLines(result.output, 40)}`,
      );
    }
    if ((await mtimeMs(JAR)) === undefined) {
      throw new Error(`Maven finished but ${JAR} was not produced. Output:\n${lastLines(result.output, 40)}`);
    }
    // maven-jar-plugin leaves an unchanged jar alone; without this, a touched-but-unchanged source
    // file would make every later call rebuild.
    const now = new Date();
    await utimes(JAR, now, now);
    log(`neo4j-launcher: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return JAR;
  }).finally(() => {
    buildInFlight = undefined;
  });
  return buildInFlight;
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

  const stderrTail: string[] = [];
  let failedReason: string | undefined;
  let stderrPartial = '';
  child.stderr?.setEncoding('utf8');
  // Keep draining stderr after startup too, otherwise a full pipe would block the JVM.
  child.stderr?.on('data', (chunk: string) => {
    const lines = (stderrPartial + chunk).split(/\r?\n/);
    stderrPartial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('NEO4J_FAILED ')) failedReason = line.slice('NEO4J_FAILED '.length).trim();
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    }
  });

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
      const lines = [...stderrTail, stderrPartial].filter((l) => l.trim() !== '');
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
    const lines = stderrTail.filter((l) => l.trim() !== '').slice(-10);
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
// Small helpers

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function stripAnsi(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC (\x1b) opens the ANSI escape codes this strips, on purpose
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

function lastLines(s: string, n: number): string {
  return s
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
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
