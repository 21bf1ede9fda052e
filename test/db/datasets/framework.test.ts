import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublic } from '../../../src/datasets/run.js';
import { reconciliationMarkdown } from '../../../src/datasets/report.js';
import { importFiles, ValidationFailed } from '../../../src/ingest/index.js';
import { graphCounts, useOwnSeededGraph } from '../../helpers.js';

// The import of published datasets as a whole, on the smallest dataset (NDAA §889, hand-written
// fixture rows): reconciliation (table, name, new, ambiguous), dry run, re-import, a newer file,
// and the files it refuses.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAPPING_DIR = path.join(ROOT, 'seed/reconciliation');
const NDAA = 'opensanctions/datasets/us/special_leg/source_files/section_889.csv';
const graph = useOwnSeededGraph('datasets-framework', 'framework-writer-secret');
let dir: string;

const version = async () => (await graph.db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
const targets = async () =>
  (await graph.db.read<{ key: string }>(`MATCH (:Policy {key: 'ndaa-section-889'})-[:TARGETS]->(c:Company) RETURN c.key AS key ORDER BY key`)).map(
    (row) => row.key,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-datasets-'));
  await cp(path.join(ROOT, 'test/fixtures/datasets', NDAA), path.join(dir, NDAA), { recursive: true });
  // Two companies whose names normalise alike: the fixture's "Fixture Acme" could be either.
  const entities = path.join(dir, 'entities.json');
  await writeFile(
    entities,
    JSON.stringify(
      ['Fixture Acme Inc.', 'Fixture Acme Corporation'].map((name, i) => ({
        key: `fixture-acme-${i + 1}`,
        label: 'Company',
        name,
        kind: 'OTHER',
        sources: ['curator-knowledge'],
      })),
    ),
  );
  await importFiles(graph.db, [entities]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing a published dataset', () => {
  it('reconciles names in a dry run and writes nothing', async () => {
    const before = await graphCounts(graph.db);
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR, dryRun: true });
    expect(await graphCounts(graph.db)).toEqual(before);
    const byName = Object.fromEntries(report.names.map((n) => [n.name, n.resolution]));
    // The reviewed table maps the list's legal name to the article's Huawei.
    expect(byName['Huawei Technologies Company']).toMatchObject({ status: 'matched', key: 'huawei', by: 'table' });
    expect(byName['Fixture Acme']).toEqual({ status: 'ambiguous', candidates: ['fixture-acme-1', 'fixture-acme-2'], by: 'name' });
    expect(byName['Fixture Newco Surveillance Corporation']).toMatchObject({ status: 'new', key: 'fixture-newco-surveillance-corporation' });
    expect(report.files).toEqual([expect.objectContaining({ dataset: 'opensanctions-us-ndaa-889', rows: 3, unlinked: 1, changeSet: null })]);
    const markdown = reconciliationMarkdown(report);
    expect(markdown).toMatch(/\| opensanctions-us-ndaa-889 \| Fixture Acme \| fixture-acme-1, fixture-acme-2 \|/);
    expect(markdown).toMatch(/Huawei Technologies Company \| `huawei` \(matched\) \| Huawei Technologies Co\., Ltd\. is/);
  });

  it('writes each statement citing the dataset and its row, and leaves the ambiguous name unlinked', async () => {
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files[0]).toMatchObject({ added: expect.any(Number), retracted: 0, unlinked: 1 });
    expect(await targets()).toEqual(['fixture-newco-surveillance-corporation', 'huawei']);
    const [link] = await graph.db.read<{ sources: string[]; locator: string; evidence: string[] }>(
      `MATCH (:Policy {key: 'ndaa-section-889'})-[r:TARGETS]->(:Company {key: 'huawei'}) RETURN r.sources AS sources, r.locator AS locator, r.evidence AS evidence`,
    );
    const file = await readFile(path.join(dir, NDAA), 'utf8');
    expect(link!.sources).toEqual(['opensanctions-us-ndaa-889']);
    expect(link!.locator).toBe('line 2: Huawei Technologies Company');
    // With no sentence to quote, the evidence is the record itself, verbatim from the file.
    expect(file.split('\n')[1]).toBe(link!.evidence[0]);
    const [source] = await graph.db.read<{ s: Record<string, unknown> }>(`MATCH (s:Source {key: 'opensanctions-us-ndaa-889'}) RETURN s {.*} AS s`);
    expect(source!.s).toMatchObject({
      kind: 'DATASET',
      rowCount: 3,
      license: expect.stringMatching(/public domain/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The article's Huawei keeps its name; the list's name is an alias cited to the list.
    const [huawei] = await graph.db.read<{ name: string; aliases: string[] }>(`MATCH (c:Company {key: 'huawei'}) RETURN c.name AS name, c.aliases AS aliases`);
    expect(huawei!.name).toBe('Huawei');
    expect(huawei!.aliases).toContain('Huawei Technologies Company');
  });

  it('writes nothing when the same file is imported again, even after another source added a namesake', async () => {
    // Another source's "Fixture Newco Surveillance Corp." normalises like the list's own new company.
    const namesake = path.join(dir, 'entities-namesake.json');
    await writeFile(
      namesake,
      JSON.stringify([
        { key: 'fixture-newco-other', label: 'Company', name: 'Fixture Newco Surveillance Corp.', kind: 'OTHER', sources: ['curator-knowledge'] },
      ]),
    );
    await importFiles(graph.db, [namesake]);
    const before = { version: await version(), counts: await graphCounts(graph.db) };
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files[0]).toMatchObject({ added: 0, changed: 0, retracted: 0, changeSet: null });
    expect({ version: await version(), counts: await graphCounts(graph.db) }).toEqual(before);
  });

  it('takes a newer file as a change of that source only: a row gone is retracted, a new row added, a changed value kept as replaced', async () => {
    const file = path.join(dir, NDAA);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    // Row 1 restated with another source_url: its statement changes; row 2 names another company.
    const newer = [lines[0], lines[1]!.replace('fixture-law.pdf', 'fixture-law-v2.pdf'), lines[2]!.replace('Fixture Acme', 'Fixture Second Newco')].join('\n');
    await writeFile(file, `${newer}\n`);
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files[0]).toMatchObject({ added: expect.any(Number), retracted: expect.any(Number) });
    expect(report.files[0]!.retracted).toBeGreaterThan(0);
    expect(await targets()).toEqual(['fixture-second-newco', 'huawei']);
    // What the older file said of the changed row is kept, retracted by this change set.
    const [replaced] = await graph.db.read<{ evidence: string[]; retractedIn: string }>(
      `MATCH (old:ReplacedClaim) WHERE old.replacedKey STARTS WITH 'LINK|ndaa-section-889|TARGETS|huawei' RETURN old.evidence AS evidence, old.retractedIn AS retractedIn`,
    );
    expect(replaced!.evidence[0]).toBe(lines[1]);
    expect(replaced!.retractedIn).toBe(report.files[0]!.changeSet);
    // The article's statements about Huawei are untouched.
    const [article] = await graph.db.read<{ n: number }>(
      `MATCH (c:Claim {target: 'huawei'}) WHERE c.source <> 'opensanctions-us-ndaa-889' AND NOT c.retracted RETURN count(c) AS n`,
    );
    expect(article!.n).toBeGreaterThan(0);
  });

  it('refuses a file without the columns it needs, naming them, and writes nothing', async () => {
    const file = path.join(dir, NDAA);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('authority', 'issuer'));
    const before = await graphCounts(graph.db);
    const error = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as Error).message).toMatch(/section_889\.csv .*lacks the column "authority"/);
    expect(await graphCounts(graph.db)).toEqual(before);
    await writeFile(file, text);
  });

  it('refuses a folder that holds none of the known files', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'atlas-datasets-empty-'));
    const error = await importPublic(graph.db, empty, { mappingDir: MAPPING_DIR }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/holds none of the known dataset files/);
    await rm(empty, { recursive: true });
  });
});
