import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { ValidationFailed } from '../../src/ingest/index.js';
import { createApp } from '../../src/http/server.js';
import { normalizeText } from '../../src/text/normalize.js';
import { loadSeed, SEED_DATA_DIR } from '../../src/ingest/seed.js';
import { execute, graphCounts, limits, testDatabase } from '../helpers.js';

let db: Database;
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';

beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.close());

describe('the seed graph', () => {
  it('holds the five US and seven Chinese companies the article compares', async () => {
    const app = createApp({ db, limits });
    const { data } = await execute(
      app,
      `{ us: entity(key: "us-big-five-tech") { ... on CompanyGroup { members { key country { key } } financials(metric: CAPEX, period: "2024") { value unit } } }
         cn: entity(key: "china-big-seven-tech") { ... on CompanyGroup { members { key country { key } } } } }`,
    );
    expect(data!.us.members.map((m: any) => m.key).sort()).toEqual(['amazon', 'google', 'meta', 'microsoft', 'oracle']);
    expect(data!.cn.members.map((m: any) => m.key).sort()).toEqual([
      'alibaba',
      'baidu',
      'bytedance',
      'china-mobile',
      'china-telecom',
      'china-unicom',
      'tencent',
    ]);
    for (const m of data!.us.members) expect(m.country.key).toBe('us');
    for (const m of data!.cn.members) expect(m.country.key).toBe('china');
    // 合計2580億美元
    expect(data!.us.financials).toContainEqual({ value: 258, unit: 'USD_BILLION' });
  });

  it('gives every relationship and every figure evidence and sources that exist', async () => {
    const [row] = await db.read<{ unsourced: number; dangling: number; total: number }>(
      `MATCH ()-[r]->()
       WITH r, [s IN coalesce(r.sources, []) WHERE NOT EXISTS { (:Source {key: s}) }] AS missing
       RETURN count(r) AS total,
              count(CASE WHEN r.evidence IS NULL OR size(r.evidence) = 0 OR size(coalesce(r.sources, [])) = 0 THEN 1 END) AS unsourced,
              count(CASE WHEN size(missing) > 0 THEN 1 END) AS dangling`,
    );
    expect(row!.total).toBeGreaterThan(150);
    expect(row).toMatchObject({ unsourced: 0, dangling: 0 });
    // A figure is as written in its evidence, exactly or (like the evidence) without conversion noise.
    const facts = await db.read<{ key: string; stated: string; evidence: string[]; sources: string[] | null }>(
      `MATCH (f:FinancialFact) RETURN f.key AS key, f.stated AS stated, f.evidence AS evidence, f.sources AS sources`,
    );
    expect(facts.length).toBeGreaterThan(50);
    for (const f of facts) {
      expect(f.sources?.length ?? 0, f.key).toBeGreaterThan(0);
      expect(
        f.evidence.some((e) => e.includes(f.stated) || normalizeText(e).includes(f.stated)),
        f.key,
      ).toBe(true);
    }
  });

  it('quotes the article verbatim in every evidence sentence that cites it', async () => {
    const article = await readFile(path.join(SEED_DATA_DIR, '..', 'sources', `${ARTICLE}.txt`), 'utf8');
    const rows = await db.read<{ evidence: string[] }>(
      `MATCH ()-[r]->() WHERE $article IN r.sources RETURN r.evidence AS evidence
       UNION ALL
       MATCH (f:FinancialFact) WHERE $article IN f.sources RETURN f.evidence AS evidence`,
      { article: ARTICLE },
    );
    const sentences = rows.flatMap((r) => r.evidence);
    expect(sentences.length).toBeGreaterThan(200);
    expect(sentences.filter((s) => !article.includes(s))).toEqual([]);
  });

  it('marks implied links as derived, with the sentences they rest on', async () => {
    const rows = await db.read<{ from: string; evidence: string[] }>(
      `MATCH (c:Company)-[r:DEPENDS_ON]->(:Chip {key: 'h20'}) RETURN c.key AS from, r.evidence AS evidence, r.derived AS derived ORDER BY from`,
    );
    expect(rows.map((r) => r.from)).toEqual(['alibaba', 'bytedance', 'tencent']);
    for (const row of rows) {
      expect(row).toMatchObject({ derived: true });
      expect(row.evidence.length).toBeGreaterThan(1);
    }
  });

  it('is idempotent: loading it again changes no count', async () => {
    const before = await graphCounts(db);
    await loadSeed(db);
    expect(await graphCounts(db)).toEqual(before);
  });
});

describe('a bad seed file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-bad-seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Copies the seed, lets `mutate` spoil one file, and loads the copy. */
  async function loadSpoiled(file: string, mutate: (items: any[]) => void): Promise<ValidationFailed> {
    const copy = await mkdtemp(path.join(dir, 'seed-'));
    await cp(path.join(SEED_DATA_DIR, '..'), copy, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const target = path.join(copy, 'data', file);
    const items = JSON.parse(await readFile(target, 'utf8'));
    mutate(items);
    await writeFile(target, JSON.stringify(items, null, 2));
    const before = await graphCounts(db);
    const error = await loadSeed(db, path.join(copy, 'data')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(await graphCounts(db)).toEqual(before);
    return error as ValidationFailed;
  }

  it('fails on an item without a source, naming the file and the item, and writes nothing', async () => {
    const error = await loadSpoiled('relationships.json', (items) => {
      const buys = items.find((r) => r.type === 'BUYS' && r.from === 'microsoft');
      buys.sources = [];
    });
    expect(error.message).toMatch(/relationships\.json item #\d+ \(microsoft -\[BUYS\]-> hopper\): sources: needs at least one source/);
  });

  it('fails on a key that does not resolve', async () => {
    const error = await loadSpoiled('facts.json', (items) => {
      items[0].subject = 'no-such-company';
    });
    expect(error.message).toMatch(/facts\.json item #1 \(no-such-company .*\): subject: key "no-such-company" does not exist/);
  });

  it('fails on a malformed value', async () => {
    const error = await loadSpoiled('policies.json', (items) => {
      items[0].announcedOn = '2025-13-45';
    });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ index: 0, message: expect.stringMatching(/announcedOn: must be an ISO date/) });
    expect(error.problems[0]!.file).toMatch(/policies\.json$/);
  });

  it('fails on evidence that is not verbatim in the source', async () => {
    const error = await loadSpoiled('facts.json', (items) => {
      items[0].evidence = `${items[0].evidence}(paraphrased)`;
    });
    expect(error.message).toMatch(/evidence: ".*" is not verbatim in source caijing-2025-us-cn-ai-compute-capex/);
  });

  it('fails on a figure whose stated text is not in its evidence (no invented numbers)', async () => {
    const error = await loadSpoiled('facts.json', (items) => {
      items[0].stated = '999億美元';
    });
    expect(error.message).toMatch(/stated: "999億美元" does not occur in the evidence/);
  });
});
