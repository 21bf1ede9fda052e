import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What runs: the service's version, the commit it was built from when known, and the Node.js running it. */
export interface BuildInfo {
  version: string;
  /** From GIT_COMMIT (set it in images built without .git), else the checkout's HEAD; null when neither is there. */
  commit: string | null;
  node: string;
}

function gitCommit(): string | null {
  if (process.env.GIT_COMMIT) return process.env.GIT_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2_000 }).trim() || null;
  } catch {
    return null;
  }
}

export function buildInfo(): BuildInfo {
  const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  return { version, commit: gitCommit(), node: process.versions.node };
}
