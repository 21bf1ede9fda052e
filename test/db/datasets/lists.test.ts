import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublic } from '../../../src/datasets/run.js';
import { ValidationFailed } from '../../../src/ingest/index.js';
import { graphCounts, useOwnSeededGraph } from '../../helpers.js';

// Government designation lists (DoD 1260H, FCC Covered List, China's lists) and the SEC's
// identifiers, on hand-written fixture rows: editions as dated links, removals and re-listings,
// parents, the FCC's sentences, Chinese names and QIDs, identifiers only for companies the graph has.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAPPING_DIR = path.join(ROOT, 'seed/reconciliation');
const DOD = 'opensanctions/datasets/us/dod_chinese_milcorps/sanctions.csv';
const FCC = 'opensanctions/datasets/us/fcc_covered_list/table.csv';
const CN = 'opensanctions/datasets/cn/sanctions/sanctions.csv';
const SEC = 'sec/company_tickers.json';
const graph = useOwnSeededGraph('lists', 'lists-writer-secret');
let dir: string;

const version = async () => (await graph.db.read<{ seq: number }>('MATCH (g:GraphState) RETURN g.seq AS seq'))[0]!.seq;
const lineOf = async (file: string, line: number) => (await readFile(path.join(dir, file), 'utf8')).split('\n')[line - 1];

interface Link {
  to: string;
  since: string | null;
  until: string | null;
  evidence: string[];
  locator: string;
}
const targets = async (policy: string): Promise<Link[]> =>
  graph.db.read<Link>(
    `MATCH (:Policy {key: $policy})-[r:TARGETS]->(c:Company)
     RETURN c.key AS to, r.since AS since, r.until AS until, r.evidence AS evidence, r.locator AS locator ORDER BY to, since`,
    { policy },
  );
const identifiers = async (key: string) =>
  (await graph.db.read<{ ids: string[] | null }>(`MATCH (n:Entity {key: $key}) RETURN n.identifiers AS ids`, { key }))[0]?.ids?.map(
    (id) => JSON.parse(id) as { scheme: string; value: string; source: string },
  ) ?? [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-lists-'));
  for (const file of [DOD, FCC, CN, SEC]) await cp(path.join(ROOT, 'test/fixtures/datasets', file), path.join(dir, file));
  await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the DoD 1260H list', () => {
  it('designates per edition: since the edition, until a removal, the Note as evidence with its row', async () => {
    const links = await targets('dod-1260h-list');
    expect(links.map(({ to, since, until }) => [to, since, until])).toEqual([
      ['fixture-parent-holdings-corp', '2021-06-03', null],
      // Removed in 2024, listed again in 2026: two designations.
      ['fixture-radar-works-co', '2021-06-03', '2024-01-31'],
      ['fixture-radar-works-co', '2026-06-08', null],
      // Two rows of one edition are one designation, stated by the first.
      ['huawei', '2025-01-07', null],
    ]);
    const huawei = links.find((l) => l.to === 'huawei')!;
    expect(huawei.evidence).toEqual(['Huawei is a fixture contributor to a fixture defense base (Section 1260H(g)(2)(B)(i)(I)).']);
    expect(huawei.locator).toBe('line 4: Huawei Technologies Co., Ltd.');
    // No Note: the record itself is the evidence.
    expect(links[0]!.evidence).toEqual([await lineOf(DOD, 2)]);
    const [issuer] = await graph.db.read<{ key: string; kind: string }>(
      `MATCH (:Policy {key: 'dod-1260h-list', kind: 'DESIGNATION_LIST'})-[:ISSUED_BY]->(o:Organization) RETURN o.key AS key, o.kind AS kind`,
    );
    expect(issuer).toEqual({ key: 'us-department-of-defense', kind: 'GOVERNMENT_AGENCY' });
  });

  it('links a company to its Parent Name and keeps the list’s other names as aliases', async () => {
    const [row] = await graph.db.read<{ parent: string; aliases: string[]; sources: string[] }>(
      `MATCH (c:Company {key: 'fixture-radar-works-co'})-[r:SUBSIDIARY_OF]->(p:Company)
       RETURN p.key AS parent, c.aliases AS aliases, r.sources AS sources`,
    );
    expect(row).toEqual({ parent: 'fixture-parent-holdings-corp', aliases: ['Radar Works', 'Fixture Old Radar Co.'], sources: ['opensanctions-us-dod-1260h'] });
    const [huawei] = await graph.db.read<{ name: string; aliases: string[] }>(`MATCH (c:Company {key: 'huawei'}) RETURN c.name AS name, c.aliases AS aliases`);
    expect(huawei!.name).toBe('Huawei');
    expect(huawei!.aliases).toEqual(expect.arrayContaining(['Huawei Technologies Co., Ltd.']));
  });
});

describe('the FCC Covered List', () => {
  it('targets the company each sentence names, since its inclusion, with the sentence as evidence', async () => {
    const links = await targets('fcc-covered-list');
    expect(links.map(({ to, since }) => [to, since])).toEqual([
      ['china-mobile-international-usa-inc', '2022-03-25'],
      ['comnet-usa-llc', '2022-09-20'],
      ['huawei', '2021-03-12'],
      ['pacific-networks-corp', '2022-09-20'],
    ]);
    const mobile = links[0]!;
    expect(mobile.evidence).toEqual(['Fixture roaming services provided by China Mobile International USA Inc. subject to a fixture section.']);
    expect(mobile.locator).toBe('line 3: China Mobile International USA Inc.');
    // The sentence says "its wholly-owned subsidiary".
    const [sub] = await graph.db.read<{ parent: string }>(`MATCH (:Company {key: 'comnet-usa-llc'})-[:SUBSIDIARY_OF]->(p) RETURN p.key AS parent`);
    expect(sub).toEqual({ parent: 'pacific-networks-corp' });
  });
});

describe("China's lists", () => {
  it('make each list a Policy of its Body and each company row a dated target with its Chinese name and QID', async () => {
    const uel = await targets('cn-unreliable-entity-list');
    expect(uel).toEqual([
      {
        to: 'fixture-drone-systems-inc',
        since: '2024-10-09',
        until: null,
        evidence: ['Fixture maker of drones sold to a fixture island'],
        locator: 'line 2: Fixture Drone Systems Inc.',
      },
    ]);
    const [drone] = await graph.db.read<{ nameZh: string; aliases: string[] }>(
      `MATCH (c:Company {key: 'fixture-drone-systems-inc'}) RETURN c.nameZh AS nameZh, c.aliases AS aliases`,
    );
    expect(drone).toEqual({ nameZh: '夹具无人机公司', aliases: ['Fixture Drones', 'FDS'] });
    expect(await identifiers('fixture-drone-systems-inc')).toContainEqual({ scheme: 'WIKIDATA', value: 'Q999000001', source: 'opensanctions-cn-sanctions' });
    // A two-digit year as OpenSanctions writes the older rows; the Chinese summary where there is no English one.
    expect(await targets('cn-export-control-watch-list')).toEqual([
      expect.objectContaining({ to: 'fixture-sensor-labs-llc', since: '2025-03-12', until: '2026-04-24', evidence: ['夹具传感器实验室被列入关注名单'] }),
    ]);
    const issuers = await graph.db.read<{ issuer: string; country: string }>(
      `MATCH (p:Policy)-[:ISSUED_BY]->(o:Organization)-[:HEADQUARTERED_IN]->(c:Country) WHERE p.key STARTS WITH 'cn-'
       RETURN DISTINCT o.key AS issuer, c.key AS country`,
    );
    expect(issuers).toEqual([{ issuer: 'china-ministry-of-commerce', country: 'china' }]);
    // A person or an NGO is no target a TARGETS link can reach: left out.
    const [left] = await graph.db.read<{ n: number }>(`MATCH (n:Entity) WHERE n.name IN ['Fixture Person', 'Fixture Institute'] RETURN count(n) AS n`);
    expect(left!.n).toBe(0);
  });
});

describe("the SEC's identifiers", () => {
  it('are given to companies the graph has, and make no company of a filer it has not', async () => {
    expect(await identifiers('nvidia')).toEqual(
      expect.arrayContaining([
        { scheme: 'SEC_CIK', value: '1045810', source: 'sec-company-tickers' },
        { scheme: 'TICKER', value: 'NVDA', source: 'sec-company-tickers' },
      ]),
    );
    const google = (await identifiers('google')).map(({ scheme, value }) => `${scheme} ${value}`);
    expect(google).toEqual(expect.arrayContaining(['SEC_CIK 1652044', 'TICKER GOOGL', 'TICKER GOOG']));
    // A title naming a company an earlier list created.
    expect(await identifiers('fixture-drone-systems-inc')).toContainEqual({ scheme: 'SEC_CIK', value: '9999902', source: 'sec-company-tickers' });
    const [nowhere] = await graph.db.read<{ n: number }>(
      `MATCH (n:Entity) WHERE n.name = 'Fixture Nowhere Holdings Inc.' OR any(id IN coalesce(n.identifiers, []) WHERE id CONTAINS '9999901') RETURN count(n) AS n`,
    );
    expect(nowhere!.n).toBe(0);
    const [claim] = await graph.db.read<{ locator: string; evidence: string[] }>(
      `MATCH (c:Claim {target: 'nvidia', source: 'sec-company-tickers'}) RETURN c.locator AS locator, c.evidence AS evidence`,
    );
    expect(claim).toEqual({ locator: 'line 2: NVIDIA CORP', evidence: [(await lineOf(SEC, 2))!.trim().replace(/,$/, '')] });
  });
});

describe('importing the lists again and refusing bad files', () => {
  it('writes nothing when the same files are imported again', async () => {
    const before = { version: await version(), counts: await graphCounts(graph.db) };
    const report = await importPublic(graph.db, dir, { mappingDir: MAPPING_DIR });
    expect(report.files.map((f) => [f.dataset, f.added, f.changed, f.retracted])).toEqual(
      ['opensanctions-us-dod-1260h', 'opensanctions-us-fcc-covered-list', 'opensanctions-cn-sanctions', 'sec-company-tickers'].map((d) => [d, 0, 0, 0]),
    );
    expect({ version: await version(), counts: await graphCounts(graph.db) }).toEqual(before);
  });

  it('refuses a 1260H file given as the FCC file, naming the dataset it is', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'atlas-lists-other-'));
    try {
      await cp(path.join(dir, DOD), path.join(other, FCC));
      const error = await importPublic(graph.db, other, { mappingDir: MAPPING_DIR }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as Error).message).toMatch(
        /table\.csv .*is a file of .*\(opensanctions-us-dod-1260h\), not of .*\(opensanctions-us-fcc-covered-list\): refused/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('refuses a row with a bad date, naming its file and line, and writes nothing', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'atlas-lists-bad-'));
    try {
      const text = await readFile(path.join(dir, CN), 'utf8');
      await cp(path.join(dir, CN), path.join(other, CN));
      await writeFile(path.join(other, CN), text.replace('12.03.25', '31.02.25'));
      const before = { version: await version(), counts: await graphCounts(graph.db) };
      const error = await importPublic(graph.db, other, { mappingDir: MAPPING_DIR }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as Error).message).toMatch(/sanctions\.csv:3 Fixture Sensor Labs LLC: "31\.02\.25" is not a date/);
      expect({ version: await version(), counts: await graphCounts(graph.db) }).toEqual(before);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
