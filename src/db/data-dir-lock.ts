/**
 * One process at a time on an embedded data directory. Neo4j's own store lock refuses a second JVM
 * too, but only after the launcher is built and the JVM has loaded (seconds), and it cannot say who
 * holds the store. This lock file is taken before any of that, and names its holder: its pid and,
 * once known, its Bolt and HTTP ports. A lock whose pid is gone (a process killed with -9, a
 * crashed host) is stale and taken over, so a crash never blocks the restart.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'compute-atlas.lock';

/** What the lock file says about the process holding the directory. */
export interface DataDirOwner {
  pid: number;
  /** The command it runs (`src/main.ts`, `src/cli/seed.ts`...). */
  command: string;
  startedAt: string;
  /** When the process started (Linux: clock ticks since boot), so that a pid reused by another process is not taken for the holder. */
  processStart?: string;
  boltPort?: number;
  httpPort?: number;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    const ports = [owner.httpPort ? `HTTP port ${owner.httpPort}` : '', owner.boltPort ? `Bolt port ${owner.boltPort}` : ''].filter(Boolean).join(', ');
    const share = owner.boltPort ? `, set NEO4J_URI=bolt://127.0.0.1:${owner.boltPort} (and NEO4J_PASSWORD) to use its database,` : '';
    super(
      `The data directory ${dataDir} is in use by another Compute Atlas instance (pid ${owner.pid}, ${owner.command}` +
        `${ports ? `, ${ports}` : ''}, since ${owner.startedAt}): stop it${share} or set NEO4J_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Adds what became known after the lock was taken (the Bolt port the OS picked, the HTTP port). */
  record(ports: { boltPort?: number; httpPort?: number }): void;
  /** Removes the lock file if it is still this process's. */
  release(): void;
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces and parentheses, start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the lock's holder still runs: its pid is alive and, where it can be told, is the same process. */
function holderRuns(holder: DataDirOwner): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = holder.processStart === undefined ? undefined : processStart(holder.pid);
  return started === undefined || started === holder.processStart;
}

function readOwner(file: string): DataDirOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

const held = new Map<string, DataDirOwner>();
let exitHookInstalled = false;

/** Takes the data directory (which must exist) for this process, or throws DataDirInUseError naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const owner: DataDirOwner = {
    pid: process.pid,
    command: process.argv.slice(1).find((arg) => /\.(ts|js)$/.test(arg)) ?? process.argv0,
    startedAt: new Date().toISOString(),
    processStart: processStart(process.pid),
  };
  for (;;) {
    try {
      writeFileSync(file, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readOwner(file);
    // The same process taking it again (a second connection) shares it.
    if (holder?.pid === process.pid) {
      Object.assign(owner, holder);
      break;
    }
    if (holder && holderRuns(holder)) throw new DataDirInUseError(dataDir, holder);
    // Stale (its process is gone, or its pid now another process's) or unreadable (a write cut short by a crash): take it over.
    rmSync(file, { force: true });
  }
  held.set(file, owner);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Covers process.exit() and a fatal start; a SIGKILL leaves a stale lock, which the next start takes over.
    process.on('exit', () => {
      for (const lockFile of held.keys()) release(lockFile);
    });
  }
  return {
    record(ports) {
      Object.assign(owner, ports);
      if (readOwner(file)?.pid === process.pid) writeFileSync(file, `${JSON.stringify(owner)}\n`);
    },
    release: () => release(file),
  };
}

function release(file: string): void {
  held.delete(file);
  if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
}

/** Adds the HTTP port to the lock this process holds on `dataDir`, if any, so a second instance can name it. */
export function recordHttpPort(dataDir: string, httpPort: number): void {
  const file = join(dataDir, LOCK_FILE);
  const owner = held.get(file);
  if (!owner) return;
  owner.httpPort = httpPort;
  if (readOwner(file)?.pid === process.pid) writeFileSync(file, `${JSON.stringify(owner)}\n`);
}
