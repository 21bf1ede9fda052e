import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublic } from '../../../src/datasets/run.js';
import { ValidationFailed } from '../../../src/ingest/index.js';
import { execute, graphCounts, useOwnSeededGraph } from '../../helpers.js';

// Epoch AI's ML hardware (with China availability) and AI chip owners, on hand-written fixture
// rows: specs on new chips, variants and seed chips; availability; owners' estimates with their
// interval; the China aggregate and the H100/H200 class; re-import; the files refused.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAPPING_DIR = path.join(ROOT, 'seed/reconciliation');
const HARDWARE = 'epoch/ml_hardware/ml_hardware.csv';
const OWNERS = 'epoch/ai-chip-counts/owners_csv_export';
const graph = useOwnSeededGraph('chips', 'chips-test-writer-secret');
let dir: string;

const version = async () => (await graph.db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
const one = async <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}) => (await graph.db.read<T>(cypher, params))[0]!;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-chips-'));
  // Only this suite's files: other datasets' fixtures sit beside them in test/fixtures/datasets/epoch.
  for (const file of [HARDWARE, 'epoch/ml_hardware_with_availability.csv', OWNERS]) {
    await cp(path.join(ROOT, 'test/fixtures/datasets', file), path.join(dir, file), { recursive: true });
  }
  await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Epoch AI machine learning hardware', () => {
  it("states a variant's specs on the variant, VARIANT_OF the seed's chip, in its family, designed and fabricated", async () => {
    const chip = await one<{ c: Record<string, unknown>; links: string[] }>(
      `MATCH (c:Chip {key: 'nvidia-h100-sxm5-80gb'})
       RETURN c {.*} AS c, [(c)-[r:VARIANT_OF|MEMBER_OF]->(x) | type(r) + '->' + x.key] + [(x)-[r:DESIGNS|FABRICATES]->(c) | x.key + '-' + type(r)] AS links`,
    );
    expect(chip.c).toMatchObject({
      tdpWatts: 690,
      releasedOn: '2022-10-01',
      releasePriceUsd: 30000,
      bf16FlopsPerSecond: 990e12,
      fp8FlopsPerSecond: 1980e12,
      memoryBytes: 80e9,
      memoryBandwidthBytesPerSecond: 3.3e12,
      processNm: 4,
      foundry: 'TSMC',
      chipType: 'GPU',
      vendor: 'nvidia',
      sources: ['epoch-ml-hardware'],
    });
    expect(chip.links.sort()).toEqual(['MEMBER_OF->hopper', 'VARIANT_OF->h100', 'nvidia-DESIGNS', 'tsmc-FABRICATES']);
    // The seed's H100 keeps its own specs (none): the variant's are not the chip's.
    expect((await one<{ tdp: number | null }>(`MATCH (c:Chip {key: 'h100'}) RETURN c.tdpWatts AS tdp`)).tdp).toBeNull();
  });

  it("states the specs of a row that is a seed chip (HGX H20) as that chip's attributes, the name as an alias", async () => {
    const h20 = await one<{ c: Record<string, unknown> }>(`MATCH (c:Chip {key: 'h20'}) RETURN c {.*} AS c`);
    expect(h20.c).toMatchObject({ name: 'Nvidia H20', market: 'CHINA_SPECIFIC', tdpWatts: 410, releasePriceUsd: 11000, memoryBytes: 96e9 });
    expect(h20.c.aliases).toContain('NVIDIA HGX H20');
    expect(await graph.db.read(`MATCH (c:Chip) WHERE c.name = 'NVIDIA HGX H20' RETURN c`)).toEqual([]);
  });

  it('states nothing for an empty or zero cell, and cites a record too long for one sentence in verbatim pieces', async () => {
    const chip = await one<{ c: Record<string, unknown>; foundries: string[]; evidence: string[] }>(
      `MATCH (c:Chip {key: 'fixture-accelerator-x1'})<-[d:DESIGNS]-(:Company {key: 'fixturetech'})
       RETURN c {.*} AS c, [(f)-[:FABRICATES]->(c) | f.key] AS foundries, d.evidence AS evidence`,
    );
    expect(chip.c).toMatchObject({ releasedOn: '2024-05', processNm: 7, foundry: 'TSMC,SMIC', chipType: 'NPU' });
    expect(chip.c.tdpWatts).toBeUndefined();
    expect(chip.foundries.sort()).toEqual(['smic', 'tsmc']);
    const file = await readFile(path.join(dir, HARDWARE), 'utf8');
    const record = file.split('\n').find((line) => line.startsWith('Fixture Accelerator X1'))!;
    expect(chip.evidence.length).toBeGreaterThan(1);
    expect(chip.evidence.join('')).toBe(record);
  });

  it('links the chips Epoch marks Y or N as AVAILABLE_IN China as of November 2024, with the note as evidence', async () => {
    const rows = await graph.db.read<{ chip: string; available: boolean; asOf: string; evidence: string[] }>(
      `MATCH (c:Chip)-[r:AVAILABLE_IN]->(:Country {key: 'china'})
       RETURN c.key AS chip, r.available AS available, r.asOf AS asOf, r.evidence AS evidence ORDER BY chip`,
    );
    expect(rows.map(({ chip, available, asOf }) => ({ chip, available, asOf }))).toEqual([
      { chip: 'h20', available: true, asOf: '2024-11' },
      { chip: 'nvidia-h100-sxm5-80gb', available: false, asOf: '2024-11' },
    ]);
    expect(rows[0]!.evidence).toEqual(['Fixture note: sold in China without a licence in 2024']);
  });
});

describe('Epoch AI chip owners', () => {
  it("gives an owner's median with its 5th-95th percentile interval, cited to the row", async () => {
    const figure = await one<{ f: Record<string, unknown> }>(
      `MATCH (:Company {key: 'microsoft'})-[:REPORTED]->(f:FinancialFact {metric: 'CHIP_PURCHASES', period: '2024Q1', item: 'h100-h200'}) RETURN f {.*} AS f`,
    );
    expect(figure.f).toMatchObject({
      value: 40000,
      valueLow: 30000,
      valueHigh: 52000,
      stated: '40000',
      unit: 'UNITS',
      qualifier: 'EXACT',
      estimate: true,
      estimatedBy: 'epoch-chip-owners-nvidia-quarters-by-chip',
      sources: ['epoch-chip-owners-nvidia-quarters-by-chip'],
      locator: 'line 2: Microsoft H100/H200 Q1 2024',
    });
    expect(figure.f.note).toMatch(/^Epoch AI estimate: median with 5th–95th percentile interval/);
    const incomplete = await one<{ note: string }>(
      `MATCH (:Company {key: 'microsoft'})-[:REPORTED]->(f:FinancialFact {period: '2025Q4', item: 'nvidia-b200'}) RETURN f.note AS note`,
    );
    expect(incomplete.note).toMatch(/Epoch flags the period Incomplete/);
  });

  it('counts cumulative holdings at the end date, in units and H100 equivalents', async () => {
    const rows = await graph.db.read<{ metric: string; value: number; low: number; high: number; date: string }>(
      `MATCH (:Company {key: 'oracle'})-[:REPORTED]->(f:FinancialFact {item: 'a100', period: '2024Q2'})
       RETURN f.metric AS metric, f.value AS value, f.valueLow AS low, f.valueHigh AS high, f.date AS date ORDER BY metric`,
    );
    expect(rows).toEqual([
      { metric: 'CHIP_COUNT', value: 29000, low: 19000, high: 42000, date: '2024-06-30' },
      { metric: 'H100_EQUIVALENTS', value: 9000, low: 6000, high: 13000, date: '2024-06-30' },
    ]);
  });

  it('makes Epoch\'s "China" a CompanyGroup located in China, buying H20s, with its H20 figures', async () => {
    const group = await one<{ labels: string[]; name: string; located: string[]; buys: boolean[]; figures: string[] }>(
      `MATCH (g:Entity {key: 'china-ai-chip-buyers'})
       RETURN labels(g) AS labels, g.name AS name, [(g)-[:LOCATED_IN]->(p:Country) | p.key] AS located,
              [(g)-[b:BUYS]->(:Chip {key: 'h20'}) | b.estimate] AS buys,
              [(g)-[:REPORTED]->(f:FinancialFact {item: 'h20'}) | f.metric + ' ' + f.period + ' ' + toString(toInteger(f.value))] AS figures`,
    );
    expect(group.labels).toContain('CompanyGroup');
    expect(group.labels).not.toContain('Company');
    expect(group).toMatchObject({ name: 'Buyers in China (Epoch AI aggregate)', located: ['china'], buys: [true] });
    expect(group.figures.sort()).toEqual(['CHIP_COUNT 2024Q2 270000', 'CHIP_PURCHASES 2024Q1 135000', 'H100_EQUIVALENTS 2024Q2 41000']);
    // The country states no figure of Epoch's.
    expect(await graph.db.read(`MATCH (:Country {key: 'china'})-[:REPORTED]->(f:FinancialFact) WHERE f.sources[0] STARTS WITH 'epoch' RETURN f`)).toEqual([]);
    const other = await one<{ labels: string[]; buys: string[] }>(
      `MATCH (g:Entity {key: 'other-ai-chip-buyers'}) RETURN labels(g) AS labels, [(g)-[:BUYS]->(c) | c.key] AS buys`,
    );
    expect(other).toEqual({ labels: expect.arrayContaining(['CompanyGroup']), buys: ['amd-instinct-mi300x'] });
  });

  it('reaches the H100/H200 class from the H100, the H200 and Hopper, and never counts it as either chip', async () => {
    const reach = await one<{ members: string[]; family: string[]; buyers: string[] }>(
      `MATCH (k:ChipFamily {key: 'h100-h200'})
       RETURN [(c:Chip)-[:MEMBER_OF]->(k) | c.key] AS members, [(k)-[:MEMBER_OF]->(f:ChipFamily) | f.key] AS family,
              [(b)-[:BUYS]->(k) | b.key] AS buyers`,
    );
    expect(reach.members.sort()).toEqual(['h100', 'h200']);
    expect(reach.family).toEqual(['hopper']);
    expect(reach.buyers.sort()).toEqual(['meta', 'microsoft']);
    const fromHopper = await graph.db.read<{ owner: string }>(
      `MATCH (:ChipFamily {key: 'hopper'})<-[:MEMBER_OF*1..2]-(:ChipFamily {key: 'h100-h200'})<-[:BUYS]-(o) RETURN DISTINCT o.key AS owner ORDER BY owner`,
    );
    expect(fromHopper.map((r) => r.owner)).toEqual(['meta', 'microsoft']);
    expect(await graph.db.read(`MATCH (f:FinancialFact) WHERE f.item IN ['h100', 'h200'] RETURN f`)).toEqual([]);
  });

  it('still answers exposure(chip: "h20") with the seed\'s companies', async () => {
    const { data, errors } = await execute(graph.app, `{ exposure(chip: "h20") { company { key } routes } }`);
    expect(errors).toBeUndefined();
    expect(data!.exposure.map((e: { company: { key: string } }) => e.company.key)).toEqual(expect.arrayContaining(['alibaba', 'bytedance', 'tencent']));
  });
});

describe('re-importing and refusing files', () => {
  it('writes nothing when the same files are imported again', async () => {
    const before = { version: await version(), counts: await graphCounts(graph.db) };
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files).toHaveLength(5);
    for (const file of report.files) expect(file).toMatchObject({ added: 0, changed: 0, retracted: 0, changeSet: null });
    expect({ version: await version(), counts: await graphCounts(graph.db) }).toEqual(before);
  });

  it('refuses a hardware file whose column was renamed, naming it', async () => {
    const file = path.join(dir, HARDWARE);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('TDP (W)', 'Thermal design power (W)'));
    const before = await version();
    const error = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR }).catch((e: unknown) => e);
    await writeFile(file, text);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as Error).message).toMatch(/ml_hardware\.csv .*lacks the column "TDP \(W\)"/);
    expect(await version()).toBe(before);
  });

  it("refuses a chip-owner file given as the ML hardware file, as another dataset's file", async () => {
    const owners = path.join(dir, OWNERS, 'nvidia_owners_quarters_by_chip.csv');
    const error = await importPublic(graph.db, owners, { mappingDir: MAPPING_DIR, dataset: 'epoch-ml-hardware' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as Error).message).toMatch(
      /is a file of AI chip owners: .*\(epoch-chip-owners-nvidia-[a-z-]+\), not of Data on Machine Learning Hardware \(epoch-ml-hardware\)/,
    );
  });
});
