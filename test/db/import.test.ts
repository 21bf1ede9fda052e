import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importFiles, ValidationFailed } from '../../src/ingest/index.js';
import { graphCounts, testDatabase } from '../helpers.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const OMDIA = 'omdia-2024-hopper-buyers';
let db: Database;
let dir: string;

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = (rows: string[][]) => `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;

/** 60 companies; `bad` rows (1-based among the data rows) get a kind that does not exist. */
function companiesCsv(bad: number[] = []): string {
  const rows = [['key', 'label', 'name', 'nameZh', 'aliases', 'kind', 'sources', 'evidence']];
  for (let i = 1; i <= 60; i++) {
    rows.push([
      `test-import-co-${i}`,
      'Company',
      `Import Co ${i}`,
      `导入公司${i}`,
      `IC${i}|Import ${i}`,
      bad.includes(i) ? 'NOT_A_KIND' : 'AI_LAB',
      OMDIA,
      `Import Co ${i} exists.`,
    ]);
  }
  return csv(rows);
}

const relationshipsCsv = csv([
  ['type', 'from', 'to', 'properties.units', 'properties.period', 'properties.estimate', 'evidence', 'sources', 'derived'],
  ['BUYS', 'test-import-co-1', 'h20', '5000', '2024', 'false', 'Import Co 1 bought 5000 H20 chips.', OMDIA, 'false'],
  ['DEPENDS_ON', 'test-import-co-2', 'hopper', '', '', '', 'Import Co 2 depends on Hopper.|It says so twice.', OMDIA, 'true'],
]);

const facts = [
  {
    subject: 'test-import-co-1',
    metric: 'CAPEX',
    period: '2024',
    value: 2.5,
    unit: 'USD_BILLION',
    stated: '25億美元',
    evidence: 'Import Co 1 spent 25億美元.',
    sources: [OMDIA],
  },
];

beforeAll(async () => {
  db = testDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-import-'));
});

afterAll(async () => {
  await db.write("MATCH (n) WHERE n.key STARTS WITH 'test-import' OR n.subject STARTS WITH 'test-import' DETACH DELETE n");
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function files(companies: string, names = { companies: 'companies.csv', relationships: 'relationships.csv', facts: 'facts.json' }) {
  const sub = await mkdtemp(path.join(dir, 'set-'));
  await writeFile(path.join(sub, names.companies), companies);
  await writeFile(path.join(sub, names.relationships), relationshipsCsv);
  await writeFile(path.join(sub, names.facts), JSON.stringify(facts));
  return [path.join(sub, names.companies), path.join(sub, names.relationships), path.join(sub, names.facts)];
}

describe('importing JSON and CSV files', () => {
  it('writes nothing when one row among many is bad, and names its file and line', async () => {
    const before = await graphCounts(db);
    const paths = await files(companiesCsv([37]));
    const error = await importFiles(db, paths).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    const problems = (error as ValidationFailed).problems;
    expect(problems).toHaveLength(1);
    // The header is line 1, so the 37th company is on line 38.
    expect(problems[0]).toMatchObject({ file: paths[0], line: 38, field: 'kind' });
    expect((error as ValidationFailed).message).toMatch(/companies\.csv:38 item #37 \(test-import-co-37\): kind: Invalid option/);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('reports every problem of every file at once', async () => {
    const paths = await files(companiesCsv([5, 9]));
    await writeFile(
      paths[2]!,
      JSON.stringify([
        { ...facts[0], subject: 'test-import-nobody' },
        { ...facts[0], unit: 'DOLLARS' },
      ]),
    );
    const error = (await importFiles(db, paths).catch((e: unknown) => e)) as ValidationFailed;
    expect(error.problems.map((p) => `${path.basename(p.file)}:${p.line ?? `#${p.index + 1}`} ${p.field}`)).toEqual([
      'companies.csv:6 kind',
      'companies.csv:10 kind',
      'facts.json:#2 unit',
      'facts.json:#1 subject',
    ]);
  });

  it('reports a rejected source once, not again at every row citing it', async () => {
    const sub = await mkdtemp(path.join(dir, 'set-'));
    const sources = path.join(sub, 'sources.json');
    // No url, text file or citing source: the source itself is invalid, but it is defined here.
    await writeFile(sources, JSON.stringify([{ key: 'test-import-bad-source', title: 'A report', kind: 'REPORT' }]));
    const companies = path.join(sub, 'companies.csv');
    await writeFile(companies, companiesCsv().replaceAll(OMDIA, 'test-import-bad-source'));
    const error = (await importFiles(db, [sources, companies]).catch((e: unknown) => e)) as ValidationFailed;
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error.problems.map((p) => `${path.basename(p.file)} ${p.field}`)).toEqual(['sources.json sources']);
    expect(error.message).not.toContain('does not exist');
  });

  it('loads valid files, resolving keys across files and the graph, and re-importing changes nothing', async () => {
    const before = await graphCounts(db);
    const paths = await files(companiesCsv());
    const { written } = await importFiles(db, paths);
    expect(written).toMatchObject({ nodes: 61, relationships: 3, changeSet: { added: 63, changed: 0, retracted: 0 } });
    const after = await graphCounts(db);
    expect(after).toMatchObject({ nodes: before.nodes + 61, relationships: before.relationships + 3 });
    const [buys] = await db.read<{ units: number; period: string; estimate: boolean; aliases: string[] }>(
      `MATCH (c:Company {key: 'test-import-co-1'})-[r:BUYS]->(:Chip {key: 'h20'}) RETURN r.units AS units, r.period AS period, r.estimate AS estimate, c.aliases AS aliases`,
    );
    expect(buys).toEqual({ units: 5000, period: '2024', estimate: false, aliases: ['IC1', 'Import 1'] });
    const [dependency] = await db.read<{ evidence: string[]; derived: boolean }>(
      `MATCH (:Company {key: 'test-import-co-2'})-[r:DEPENDS_ON]->() RETURN r.evidence AS evidence, r.derived AS derived`,
    );
    expect(dependency).toEqual({ evidence: ['Import Co 2 depends on Hopper.', 'It says so twice.'], derived: true });

    const again = await importFiles(db, paths);
    expect(again.written.changeSet).toBeNull();
    expect(await graphCounts(db)).toEqual(after);
  });
});

describe('npm run import', () => {
  const env = () => {
    const { uri, user, password } = inject('neo4j');
    return { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password };
  };

  it('exits non-zero and lists the bad row, writing nothing', async () => {
    const before = await graphCounts(db);
    const paths = await files(companiesCsv([12]));
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...paths], { cwd: ROOT, env: env() }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(result?.code).toBe(1);
    expect(result?.stderr).toMatch(/1 problem found; nothing was written:\n.*companies\.csv:13 item #12 \(test-import-co-12\): kind: /);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('imports a directory of valid files', async () => {
    const paths = await files(companiesCsv());
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', path.dirname(paths[0]!)], { cwd: ROOT, env: env() });
    expect(stdout).toMatch(/imported 3 file\(s\): 0 sources, 60 entities, 2 relationships, 1 facts, 0 quotes/);
  });
});
