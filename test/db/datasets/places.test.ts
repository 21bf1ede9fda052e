import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublic } from '../../../src/datasets/run.js';
import { useOwnSeededGraph } from '../../helpers.js';

// Epoch AI's GPU clusters and frontier data centers (hand-written fixture rows): clusters with
// their chips, figures, owners, countries and phases; sites with decimal coordinates and tagged
// parties; dated timeline figures beside the article's Colossus; re-import and a changed row.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAPPING_DIR = path.join(ROOT, 'seed/reconciliation');
const CLUSTERS = 'epoch/gpu_clusters/gpu_clusters.csv';
const graph = useOwnSeededGraph('places', 'places-writer-secret');
let dir: string;

const version = async () => (await graph.db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
const one = async <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}) => (await graph.db.read<T>(cypher, params))[0]!;
const claimConfidence = async (target: string, source: string) =>
  (await one<{ c: string | null }>('MATCH (c:Claim {target: $target, source: $source}) RETURN c.confidence AS c', { target, source })).c;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-places-'));
  for (const folder of ['epoch/gpu_clusters', 'epoch/data_centers']) {
    await cp(path.join(ROOT, 'test/fixtures/datasets', folder), path.join(dir, folder), { recursive: true });
  }
  await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Epoch AI GPU clusters', () => {
  it('hosts each cluster’s chips with their quantities, and links its owners, users and country', async () => {
    const chips = await graph.db.read<{ chip: string; units: number }>(
      `MATCH (:DataCenter {key: 'xai-colossus-memphis-phase-2'})-[h:HOSTS]->(c) RETURN c.name AS chip, h.units AS units ORDER BY units DESC`,
    );
    expect(chips).toEqual([
      { chip: 'NVIDIA H100 SXM5 80GB', units: 140000 },
      { chip: 'NVIDIA H200 SXM', units: 50000 },
    ]);
    const links = await graph.db.read<{ link: string }>(
      `MATCH (a)-[r:OPERATES|USES|LOCATED_IN]-(d:DataCenter) WHERE d.key IN ['xai-colossus-memphis-phase-2', 'fixture-research-cluster']
       RETURN CASE WHEN startNode(r) = d THEN d.key + ' ' + type(r) + ' ' + a.key ELSE a.key + ' ' + type(r) + ' ' + d.key END AS link ORDER BY link`,
    );
    // Meta AI is the seed's Meta; "Academia" and "Cloud" are kinds of users, never companies.
    expect(links.map((l) => l.link)).toEqual([
      'fixture-compute-co OPERATES fixture-research-cluster',
      'fixture-research-cluster LOCATED_IN south-korea',
      'meta OPERATES fixture-research-cluster',
      'x-corp USES xai-colossus-memphis-phase-2',
      'xai OPERATES xai-colossus-memphis-phase-2',
      'xai USES xai-colossus-memphis-phase-2',
      'xai-colossus-memphis-phase-2 LOCATED_IN us',
    ]);
    expect(await one('MATCH (c:Country {key: "south-korea"}) RETURN c.isoCode AS iso, c.name AS name')).toEqual({ iso: 'KR', name: 'Korea (Republic of)' });
  });

  it('states the power capacity as a dated figure with the row’s locator, the Quote and the record as evidence', async () => {
    const { f } = await one<{ f: Record<string, unknown> }>(
      `MATCH (:DataCenter {key: 'xai-colossus-memphis-phase-2'})-[:REPORTED]->(f:FinancialFact {metric: 'DATA_CENTER_CAPACITY'}) RETURN f {.*} AS f`,
    );
    const file = await readFile(path.join(dir, CLUSTERS), 'utf8');
    const record = file.split('\n').slice(2, 4).join('\n');
    expect(f).toMatchObject({ value: 275, unit: 'MEGAWATT', date: '2025-02', stated: '275.0', locator: 'line 3: xAI Colossus Memphis Phase 2' });
    expect(f.evidence).toEqual(['Fixture quote: the cluster doubled\nto 190k GPUs.', record]);
    expect(f.sources).toEqual(['epoch-gpu-clusters']);
    const cost = await one<{ value: number; unit: string }>(
      `MATCH (:DataCenter {key: 'xai-colossus-memphis-phase-1'})-[:REPORTED]->(f:FinancialFact {metric: 'HARDWARE_COST'}) RETURN f.value AS value, f.unit AS unit`,
    );
    expect(cost).toEqual({ value: 3_900_000_000, unit: 'USD' });
  });

  it('takes confidence from Certainty, status from Status, phases from the names and the phase columns', async () => {
    expect(await claimConfidence('xai-colossus-memphis-phase-2', 'epoch-gpu-clusters')).toBe('LIKELY');
    expect(await claimConfidence('fixture-research-cluster', 'epoch-gpu-clusters')).toBe('UNLIKELY');
    const statuses = await graph.db.read<{ key: string; status: string; first: string | null }>(
      `MATCH (d:DataCenter {kind: 'CLUSTER'}) WHERE d.key STARTS WITH 'fixture' OR d.key STARTS WITH 'xai-' RETURN d.key AS key, d.status AS status, d.firstOperationalOn AS first ORDER BY key`,
    );
    // The row Epoch flags Exclude is left out.
    expect(statuses).toEqual([
      { key: 'fixture-old-cluster', status: 'DECOMMISSIONED', first: '2019-05' },
      { key: 'fixture-research-cluster', status: 'PLANNED', first: null },
      { key: 'xai-colossus-memphis-phase-1', status: 'OPERATING', first: '2024-08-30' },
      { key: 'xai-colossus-memphis-phase-2', status: 'OPERATING', first: '2025-02' },
    ]);
    const phases = await graph.db.read<{ link: string }>(
      `MATCH (a:DataCenter)-[r:PHASE_OF|BUILDS_UPON]->(b:DataCenter) WHERE a.key STARTS WITH 'xai-colossus-memphis' RETURN a.key + ' ' + type(r) + ' ' + b.key AS link ORDER BY link`,
    );
    expect(phases.map((p) => p.link)).toEqual([
      'xai-colossus-memphis-phase-1 PHASE_OF colossus',
      'xai-colossus-memphis-phase-2 BUILDS_UPON xai-colossus-memphis-phase-1',
      'xai-colossus-memphis-phase-2 PHASE_OF colossus',
    ]);
    const { description } = await one<{ description: string }>(
      `MATCH (d:DataCenter {key: 'xai-colossus-memphis-phase-1'}) RETURN d.description AS description`,
    );
    expect(description).toBe('Pages Epoch AI cites for this cluster: https://example.org/fixture/colossus-1 https://example.org/fixture/colossus-1b');
  });

  it('imports the anonymized Chinese systems as numbered clusters in China, without owners or chips', async () => {
    const systems = await graph.db.read<{ key: string; place: string; owners: number; chips: number }>(
      `MATCH (d:DataCenter) WHERE d.key STARTS WITH 'anonymized-chinese-system-'
       RETURN d.key AS key, [(d)-[:LOCATED_IN]->(p) | p.key][0] AS place, COUNT { (d)<-[:OPERATES]-() } AS owners, COUNT { (d)-[:HOSTS]->() } AS chips ORDER BY key`,
    );
    expect(systems).toEqual([
      { key: 'anonymized-chinese-system-1', place: 'china', owners: 0, chips: 0 },
      { key: 'anonymized-chinese-system-2', place: 'hong-kong', owners: 0, chips: 0 },
    ]);
    const { value } = await one<{ value: number }>(
      `MATCH (:DataCenter {key: 'anonymized-chinese-system-1'})-[:REPORTED]->(f:FinancialFact {metric: 'CHIP_COUNT'}) RETURN f.value AS value`,
    );
    expect(value).toBe(10_000);
  });
});

describe('Epoch AI frontier data centers', () => {
  it('places a site at its decimal coordinates and links its parties as sure as Epoch’s tags', async () => {
    const site = await one(
      `MATCH (d:DataCenter {key: 'fixture-stargate-prairie-texas'}) RETURN d.name AS name, d.kind AS kind, d.status AS status, d.latitude AS lat, d.longitude AS lon, d.address AS address`,
    );
    expect(site).toEqual({
      name: 'Fixture Stargate Prairie',
      kind: 'SITE',
      status: 'UNDER_CONSTRUCTION',
      lat: 32.5,
      lon: -99.76,
      address: '1 Fixture Way, Prairie, TX 79000',
    });
    const { lat } = await one<{ lat: number }>(`MATCH (d:DataCenter {key: 'fixture-rainier-indiana'}) RETURN d.latitude AS lat`);
    expect(lat).toBeCloseTo(41 + 41 / 60 + 36.5 / 3600, 12);
    expect(await claimConfidence('openai|USES|fixture-stargate-prairie-texas', 'epoch-frontier-data-centers')).toBe('LIKELY');
    expect(await claimConfidence('microsoft|USES|fixture-stargate-prairie-texas', 'epoch-frontier-data-centers')).toBe('SPECULATIVE');
    const project = await graph.db.read<{ key: string; confidence: string }>(
      `MATCH (:DataCenter {key: 'fixture-stargate-prairie-texas'})-[r:IN_PROJECT]->(p) RETURN p.key AS key, r.confidence AS confidence`,
    );
    expect(project).toEqual([{ key: 'stargate', confidence: 'CONFIDENT' }]);
    const investors = await graph.db.read<{ key: string }>(
      `MATCH (c)-[:INVESTS_IN]->(:DataCenter {key: 'fixture-stargate-prairie-texas'}) RETURN c.key AS key ORDER BY key`,
    );
    expect(investors.map((i) => i.key)).toEqual(['fixture-capital', 'softbank']);
  });

  it('makes a project of several sites a program, and a project named like its site an alias', async () => {
    const rainier = await one(
      `MATCH (:DataCenter {key: 'fixture-rainier-indiana'})-[:IN_PROJECT]->(p:Policy) RETURN p.key AS key, p.kind AS kind, p.status AS status`,
    );
    expect(rainier).toEqual({ key: 'project-rainier', kind: 'INVESTMENT_PROGRAM', status: 'ANNOUNCED' });
    const prometheus = await one(
      `MATCH (d:DataCenter {key: 'meta-fixture-prometheus-ohio'}) RETURN d.aliases AS aliases, COUNT { (d)-[:IN_PROJECT]->() } AS projects`,
    );
    expect(prometheus).toEqual({ aliases: expect.arrayContaining(['Prometheus']), projects: 0 });
  });

  it('keeps the article’s 250 MW Colossus and adds Epoch’s dated figures, with the status sentence as evidence', async () => {
    const figures = await graph.db.read<{ value: number; date: string | null; source: string; evidence: string[]; note: string | null }>(
      `MATCH (:DataCenter {key: 'colossus'})-[:REPORTED]->(f:FinancialFact {metric: 'DATA_CENTER_CAPACITY'})
       RETURN f.value AS value, f.date AS date, f.sources[0] AS source, f.evidence AS evidence, f.note AS note ORDER BY source, date`,
    );
    expect(figures.map((f) => [f.source, f.date, f.value])).toEqual([
      ['caijing-2025-us-cn-ai-compute-capex', null, 250],
      ['epoch-frontier-data-center-timelines', '2024-06-01', 150],
      ['epoch-frontier-data-center-timelines', '2025-04-01', 300],
      ['epoch-frontier-data-center-timelines', '2099-01-01', 900],
      ['epoch-frontier-data-centers', null, 420],
    ]);
    expect(figures[1]!.evidence[0]).toBe('Fixture: first hall energized with temporary turbines.');
    expect(figures[1]!.note).not.toMatch(/projection/);
    expect(figures[3]!.note).toMatch(/A projection: the date is after the file was retrieved/);
    const colossus = await one<{ lat: number; aliases: string[] }>(`MATCH (d:DataCenter {key: 'colossus'}) RETURN d.latitude AS lat, d.aliases AS aliases`);
    expect(colossus.lat).toBeCloseTo(35 + 3 / 60 + 35 / 3600, 12);
    expect(colossus.aliases).toEqual(expect.arrayContaining(['xAI Colossus 1 Memphis Tennessee', 'xAI Colossus 1', 'xAI Colossus Memphis']));
  });
});

describe('importing the files again', () => {
  it('writes nothing when they are unchanged', async () => {
    const before = await version();
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files.map((f) => [f.dataset, f.added, f.changed, f.retracted])).toEqual([
      ['epoch-gpu-clusters', 0, 0, 0],
      ['epoch-frontier-data-centers', 0, 0, 0],
      ['epoch-frontier-data-center-timelines', 0, 0, 0],
    ]);
    expect(await version()).toBe(before);
  });

  it('changes only the clusters source’s statements of a changed row', async () => {
    const file = path.join(dir, CLUSTERS);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(',140.5,', ',145.0,'));
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    const [clusters, sites, timelines] = report.files;
    expect(clusters!.changed + clusters!.added + clusters!.retracted).toBeGreaterThan(0);
    expect([sites!.changeSet, timelines!.changeSet]).toEqual([null, null]);
    const { value } = await one<{ value: number }>(
      `MATCH (:DataCenter {key: 'xai-colossus-memphis-phase-1'})-[:REPORTED]->(f:FinancialFact {metric: 'DATA_CENTER_CAPACITY'}) RETURN f.value AS value`,
    );
    expect(value).toBe(145);
    const { article } = await one<{ article: number }>(
      `MATCH (:DataCenter {key: 'colossus'})-[:REPORTED]->(f:FinancialFact {metric: 'DATA_CENTER_CAPACITY', value: 250}) RETURN count(f) AS article`,
    );
    expect(article).toBe(1);
  });
});
