/**
 * Builds the embedded Neo4j's launcher (neo4j-launcher/, a Maven project) on first use, and finds a
 * Java new enough to run it. The jar is rebuilt whenever pom.xml or a source is newer than it;
 * processes sharing one checkout take turns through a lock directory.
 */
import { spawn } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER_DIR = join(PROJECT_ROOT, 'neo4j-launcher');
const POM = join(LAUNCHER_DIR, 'pom.xml');
const TARGET_DIR = join(LAUNCHER_DIR, 'target');
const JAR = join(TARGET_DIR, 'neo4j-launcher.jar');
const LIB_DIR = join(TARGET_DIR, 'lib');
const BUILD_LOCK = join(TARGET_DIR, '.build-lock');

const LOCK_STALE_MS = 10 * 60_000;
const MIN_JAVA = 17;

const noop = (): void => {};

// ---------------------------------------------------------------------------------------------
// Tools: java and mvn

let javaChecked: Promise<string> | undefined;

/** Prefers $JAVA_HOME/bin/java, like mvn does, so both use the same JDK. */
function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
}

export const JAVA_INSTALL_HINT =
  `Java ${MIN_JAVA}+ is required to run the embedded Neo4j. Install a JDK ` +
  `(e.g. \`apt-get install openjdk-17-jdk-headless\`) and put \`java\` on PATH or set JAVA_HOME.`;

/** The java command, once it is known to run and to be Java 17 or newer. */
export async function ensureJava(): Promise<string> {
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
