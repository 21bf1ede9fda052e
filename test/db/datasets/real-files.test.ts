import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPublic, type PublicImportReport } from '../../../src/datasets/run.js';
import { execute, useOwnSeededGraph } from '../../helpers.js';

// The real files, when a folder of them is given (ATLAS_DATASETS_DIR; .ci/run sets it to
// ../shared/datasets): everything imported from one folder, answers checked against values read
// from the files themselves, and nothing the article stated changed or hidden.

const DATASETS = process.env.ATLAS_DATASETS_DIR;
const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAPPING_DIR = path.join(ROOT, 'seed/reconciliation');

/** A file's records with the line each starts on: what a statement's locator names. */
async function csvRows(relative: string): Promise<{ line: number; cells: Record<string, string> }[]> {
  const records: { record: Record<string, string>; raw: string; info: { lines: number } }[] = parse(await readFile(path.join(DATASETS!, relative), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    raw: true,
    record_delimiter: ['\r\n', '\n'],
  });
  return records.map(({ record, raw, info }) => ({ line: info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0), cells: record }));
}

const number = (cell: string | undefined) => Number((cell ?? '').replace(/,/g, ''));

/** What the seed (the article and its curators) states: its claims, figures and the entities' shown values. */
async function seedStatements(db: ReturnType<typeof useOwnSeededGraph>['db']) {
  const [row] = await db.read<{ claims: string[]; facts: string[]; shown: string[] }>(
    `CALL () {
       MATCH (cs:ChangeSet {principal: 'seed'}) WITH collect(cs.id) AS ids
       MATCH (c:Claim) WHERE c.recordedIn IN ids
       RETURN collect(c.key + ' ' + c.digest + ' ' + toString(c.retracted)) AS claims
     }
     CALL () {
       MATCH (cs:ChangeSet {principal: 'seed'}) WITH collect(cs.id) AS ids
       MATCH (s)-[:REPORTED]->(f:FinancialFact) WHERE f.recordedIn IN ids
       RETURN collect(s.key + ' ' + f.key + ' ' + f.digest) AS facts
     }
     CALL () {
       MATCH (cs:ChangeSet {principal: 'seed'}) WITH collect(cs.id) AS ids
       MATCH (c:Claim {kind: 'ENTITY'}) WHERE c.recordedIn IN ids
       MATCH (n:Entity {key: c.target})
       RETURN collect(DISTINCT n.key + ' ' + coalesce(n.name, '') + ' ' + coalesce(n.kind, '') + ' ' + coalesce(n.status, '')) AS shown
     }
     RETURN claims, facts, shown`,
  );
  return { claims: row!.claims.sort(), facts: row!.facts.sort(), shown: row!.shown.sort() };
}

describe.skipIf(!DATASETS)('importing the real published datasets (ATLAS_DATASETS_DIR)', () => {
  const graph = useOwnSeededGraph('real-datasets', 'real-datasets-writer-secret');
  let before: Awaited<ReturnType<typeof seedStatements>>;
  let first: PublicImportReport;

  beforeAll(async () => {
    before = await seedStatements(graph.db);
    first = await importPublic(graph.db, DATASETS!, { mappingDir: MAPPING_DIR });
  }, 600_000);

  it('imports every known file of the folder, each as a cited DATASET source with its sha256', async () => {
    expect(first.files.length).toBeGreaterThanOrEqual(10);
    const sources = await graph.db.read<{ key: string; sha256: string; rowCount: number }>(
      `MATCH (s:Source {kind: 'DATASET'}) RETURN s.key AS key, s.sha256 AS sha256, s.rowCount AS rowCount`,
    );
    expect(sources.map((s) => s.key).sort()).toEqual(first.files.map((f) => f.dataset).sort());
    const manifest = (await readFile(path.join(DATASETS!, 'MANIFEST.tsv'), 'utf8')).split('\n').map((line) => line.split('\t'));
    for (const file of first.files) {
      const relative = path.relative(DATASETS!, file.file);
      const listed = manifest.find((fields) => fields[0] === relative);
      if (listed) expect(sources.find((s) => s.key === file.dataset)!.sha256).toBe(listed[4]);
    }
  });

  it('changes and hides nothing the article stated', async () => {
    expect(await seedStatements(graph.db)).toEqual(before);
  });

  it('answers the article questions as before, now beside the datasets', async () => {
    const response = await execute<{ exposure: { company: { key: string } }[] }>(graph.app, '{ exposure(chip: "h20") { company { key } } }');
    expect(response.errors).toBeUndefined();
    const companies = response.data!.exposure.map((row) => row.company.key);
    for (const key of ['bytedance', 'alibaba', 'tencent']) expect(companies).toContain(key);
  });

  it('writes nothing when the same files are imported again', async () => {
    const version = async () => (await graph.db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
    const at = await version();
    const again = await importPublic(graph.db, DATASETS!, { mappingDir: MAPPING_DIR });
    expect(again.files.map((f) => [f.dataset, f.added, f.changed, f.retracted])).toEqual(first.files.map((f) => [f.dataset, 0, 0, 0]));
    expect(await version()).toBe(at);
  }, 600_000);

  it("serves a cluster's chips and megawatts as its row of Epoch's GPU clusters states them", async () => {
    const rows = await csvRows('epoch/gpu_clusters/gpu_clusters.csv');
    const row = rows.find(
      ({ cells }) =>
        cells.Owner &&
        cells['Chip type (primary)'] &&
        number(cells['Chip quantity (primary)']) > 0 &&
        number(cells['Power Capacity (MW)']) > 0 &&
        !cells.Exclude,
    )!;
    const [found] = await graph.db.read<{ units: number; mw: number[]; evidence: string[] }>(
      `MATCH (d:DataCenter)-[h:HOSTS]->() WHERE h.locator STARTS WITH $locator
       RETURN h.units AS units, h.evidence AS evidence,
              COLLECT { MATCH (d)-[:REPORTED]->(f:FinancialFact {metric: 'DATA_CENTER_CAPACITY'}) WHERE f.locator STARTS WITH $locator RETURN f.value } AS mw`,
      { locator: `line ${row.line}: ` },
    );
    expect(found!.units).toBe(number(row.cells['Chip quantity (primary)']));
    expect(found!.mw).toEqual([number(row.cells['Power Capacity (MW)'])]);
    if (row.cells.Quote) expect(found!.evidence).toContain(row.cells.Quote);
  });

  it("serves a chip's TDP from Epoch's ML hardware", async () => {
    const row = (await csvRows('epoch/ml_hardware/ml_hardware.csv')).find(({ cells }) => cells['Hardware name'] === 'NVIDIA H100 SXM5 80GB')!;
    const [chip] = await graph.db.read<{ tdp: number; locator: string }>(
      `MATCH (c:Claim {kind: 'ENTITY', source: 'epoch-ml-hardware'}) WHERE c.locator = $locator
       MATCH (n:Chip {key: c.target}) RETURN n.tdpWatts AS tdp, c.locator AS locator`,
      { locator: `line ${row.line}: NVIDIA H100 SXM5 80GB` },
    );
    expect(chip!.tdp).toBe(number(row.cells['TDP (W)']));
  });

  it("serves an owner's median and 5th–95th percentile interval as an estimate by Epoch AI", async () => {
    const row = (await csvRows('epoch/ai-chip-counts/owners_csv_export/nvidia_owners_quarters_by_chip.csv')).find(
      ({ cells }) => cells.Owner === 'China' && cells['Chip type'] === 'H20' && number(cells['Number of Units']) > 0,
    )!;
    const [figure] = await graph.db.read<{ f: Record<string, unknown>; subject: string }>(
      `MATCH (s)-[:REPORTED]->(f:FinancialFact) WHERE f.locator STARTS WITH $locator AND f.metric = 'CHIP_PURCHASES' RETURN f {.*} AS f, s.key AS subject`,
      { locator: `line ${row.line}: ` },
    );
    expect(figure!.subject).toBe('china-ai-chip-buyers');
    expect(figure!.f).toMatchObject({
      item: 'h20',
      value: number(row.cells['Number of Units']),
      valueLow: number(row.cells['Number of Units (5th percentile)']),
      valueHigh: number(row.cells['Number of Units (95th percentile)']),
      estimate: true,
    });
    const [group] = await graph.db.read<{ labels: string[] }>(`MATCH (g:Entity {key: 'china-ai-chip-buyers'}) RETURN labels(g) AS labels`);
    expect(group!.labels).toContain('CompanyGroup');
  });

  it('serves a 1260H designation with its date and the statutory justification as evidence', async () => {
    const row = (await csvRows('opensanctions/datasets/us/dod_chinese_milcorps/sanctions.csv')).find(({ cells }) => cells.Note && cells['Start date'])!;
    const [link] = await graph.db.read<{ since: string; evidence: string[]; company: string }>(
      `MATCH (:Policy {key: 'dod-1260h-list'})-[t:TARGETS]->(c:Company) WHERE t.locator STARTS WITH $locator
       RETURN t.since AS since, t.evidence AS evidence, c.key AS company`,
      { locator: `line ${row.line}: ` },
    );
    expect(link!.since).toBe(row.cells['Start date']);
    expect(link!.evidence).toContain(row.cells.Note);
    const response = await execute<{ company: { designations: { policy: { key: string }; since: string }[] } }>(
      graph.app,
      'query ($key: String!) { company(key: $key) { designations { policy { key } since } } }',
      { key: link!.company },
    );
    expect(response.data!.company.designations).toContainEqual({ policy: { key: 'dod-1260h-list' }, since: row.cells['Start date'] });
  });

  it('reaches the buyers in China from the H20 and the H100/H200 class from the H100', async () => {
    const response = await execute<{ groupExposure: { group: { key: string } }[]; chip: { owners: unknown[] } }>(
      graph.app,
      '{ groupExposure(chip: "h20") { group { key } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.groupExposure.map((row) => row.group.key)).toContain('china-ai-chip-buyers');
    const [reach] = await graph.db.read<{ n: number }>(
      `MATCH (:Chip {key: 'h100'})-[:MEMBER_OF]->(c:ChipFamily {key: 'h100-h200'})<-[:BUYS]-() RETURN count(*) AS n`,
    );
    expect(reach!.n).toBeGreaterThan(0);
  });
});
