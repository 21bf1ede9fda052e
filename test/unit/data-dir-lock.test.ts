import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock.js';

// The cases a real second service cannot stage cheaply: a lock left by a dead process, and one whose
// pid the system has since given to an unrelated process (test/db/service-logs.test.ts runs the real pair).
let dir: string;
const other = spawn('sleep', ['30']);
const lockFile = () => path.join(dir, LOCK_FILE);
const holder = (fields: Record<string, unknown>) =>
  writeFile(lockFile(), `${JSON.stringify({ command: 'src/main.ts', startedAt: '2026-01-01T00:00:00Z', ...fields })}\n`);
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-lock-'));
});
afterAll(async () => {
  other.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('the data directory lock', () => {
  it('refuses while its holder runs, naming it and its ports', async () => {
    await holder({ pid: other.pid, processStart: startOf(other.pid!), boltPort: 7687, httpPort: 4000 });
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(`is in use by another Compute Atlas instance (pid ${other.pid}, src/main.ts, HTTP port 4000, Bolt port 7687`);
  });

  it('takes over a lock whose process is gone, or whose pid another process now has', async () => {
    await holder({ pid: spawnSync(process.execPath, ['-e', '0']).pid });
    lockDataDir(dir).release();
    await holder({ pid: other.pid, processStart: '1' });
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, processStart: startOf(process.pid) });
    lock.record({ boltPort: 7999 });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, boltPort: 7999 });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });
});
