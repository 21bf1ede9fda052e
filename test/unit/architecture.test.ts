import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The house rules of src/ (README, "Layout"): layers that only point down, no import cycle, a few
// loose files, no file over 400 lines (nor in the TypeScript of test/, bench/, scripts/ and web/).
// The layer order lives in .dependency-cruiser.cjs.
const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_LOOSE_FILES = 5;
const MAX_LINES = 400;
const LINE_LIMITED = ['src', 'test', 'bench', 'scripts', 'web'];
// Written by a tool, not by hand (npm run web:types).
const GENERATED = ['web/src/lib/generated.ts'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the structure of src/', () => {
  it('has no import cycle, no import up the declared layers and none out of src/', async () => {
    process.chdir(ROOT);
    const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
    const result = await cruise(['src'], options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
    if (typeof result.output === 'string') throw new Error('expected a structured cruise result');
    const { summary, modules } = result.output;
    // The guard only means something if it saw the code: every file of src/, and their imports.
    const seen = new Set(modules.map((module) => module.source));
    for (const file of await sourceFiles(path.join(ROOT, 'src'))) expect(seen).toContain(path.relative(ROOT, file));
    expect(summary.totalDependenciesCruised).toBeGreaterThan(300);
    const violations = summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`);
    expect(violations).toEqual([]);
  });

  it(`keeps at most ${MAX_LOOSE_FILES} loose files at the top of src/`, async () => {
    const loose = (await readdir(path.join(ROOT, 'src'), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(loose.length, loose.join(', ')).toBeLessThanOrEqual(MAX_LOOSE_FILES);
  });

  it(`has no file over ${MAX_LINES} lines, nor has test/, bench/, scripts/ or web/ (generated code aside)`, async () => {
    const long: string[] = [];
    for (const dir of LINE_LIMITED) {
      for (const file of await sourceFiles(path.join(ROOT, dir))) {
        if (GENERATED.includes(path.relative(ROOT, file))) continue;
        const lines = (await readFile(file, 'utf8')).split('\n').length - 1;
        if (lines > MAX_LINES) long.push(`${path.relative(ROOT, file)}: ${lines}`);
      }
    }
    expect(long).toEqual([]);
  });

  it('is described by the README: every room of src/ is in its Layout block, and every path the docs name exists', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
    const rooms = (await readdir(path.join(ROOT, 'src'), { withFileTypes: true })).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    expect(rooms.filter((room) => !layout.includes(room))).toEqual([]);
    const missing: string[] = [];
    for (const doc of ['README.md', 'bench/README.md', 'seed/README.md', 'docs/api-contract.md']) {
      const text = await readFile(path.join(ROOT, doc), 'utf8');
      for (const [named] of text.matchAll(/\b(?:src|test|bench|scripts|web|seed|schema|persisted|docs|deploy)\/[\w./-]*\w/g)) {
        if (!existsSync(path.join(ROOT, named))) missing.push(`${doc}: ${named}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
