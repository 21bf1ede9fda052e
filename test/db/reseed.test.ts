import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.js';
import { loadSeed, SEED_DATA_DIR } from '../../src/ingest/seed.js';
import { execute, useOwnSeededGraph } from '../helpers.js';

// Issue 18, item 10: a fact removed from seed/data stayed in a graph seeded before. Re-seeding must
// retract, as one change set, what the seed no longer states, and never what another source states.
// It rewrites the seed's statements, so it runs a Neo4j of its own.

const graph = useOwnSeededGraph('reseed', 'reseed-writer-secret-001');
const FIXTURE = path.resolve('test/fixtures/second-source');
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';
let trimmed: string;

type Item = Record<string, any>;
const isDroppedLink = (r: Item) => r.type === 'BUYS' && r.from === 'bytedance' && r.to === 'hopper';
const isDroppedFact = (f: Item) => f.subject === 'amazon' && f.metric === 'CAPEX' && f.period === '2024';
const DROPPED_QUOTE = 'joe-tsai-2025-03-ai-bubble';

beforeAll(async () => {
  // The seed as a curator would leave it after deleting one link, one figure and one quote.
  const root = await mkdtemp(path.join(tmpdir(), 'atlas-reseed-'));
  await cp(path.dirname(SEED_DATA_DIR), root, { recursive: true });
  trimmed = path.join(root, 'data');
  const edit = async (file: string, drop: (item: Item) => boolean) => {
    const items = JSON.parse(await readFile(path.join(trimmed, file), 'utf8')) as Item[];
    const kept = items.filter((item) => !drop(item));
    expect(kept.length, file).toBe(items.length - 1);
    await writeFile(path.join(trimmed, file), JSON.stringify(kept));
  };
  await edit('relationships.json', isDroppedLink);
  await edit('facts.json', isDroppedFact);
  await edit('quotes.json', (q) => q.key === DROPPED_QUOTE);
});

afterAll(async () => {
  if (trimmed) await rm(path.dirname(trimmed), { recursive: true, force: true });
});

const STATE = `{
  company(key: "bytedance") { chips { relation period units family { key } sources { key } support { source { key } } } }
  amazon: entity(key: "amazon") { financials(metric: CAPEX, period: "2024") { value } }
  quote: entity(key: "${DROPPED_QUOTE}") { key }
  tsai: entity(key: "joe-tsai") { ... on Person { quotes { key } } }
  financialTotals(metric: CAPEX, period: "2024") { groupKey total }
}`;

async function state(): Promise<Record<string, any>> {
  const { data, errors = [] } = await execute(graph.app, STATE);
  // A retracted quote's lookup is null plus NOT_FOUND (the unknown-input rule); nothing else may fail.
  const notFound = errors.filter((e) => e.extensions?.code === 'NOT_FOUND' && e.path?.[0] === 'quote');
  expect(errors.filter((e) => !notFound.includes(e))).toEqual([]);
  const hopper = data!.company.chips.filter((c: any) => c.relation === 'BUYS' && c.family?.key === 'hopper');
  return { ...data!, hopper, us: data!.financialTotals.find((t: any) => t.groupKey === 'us')?.total, quoteNotFound: notFound.length > 0 };
}

describe('re-seeding after the seed dropped statements', () => {
  it('retracts them as one change set, keeping what another source states', async () => {
    const files = (await readdir(FIXTURE)).filter((name) => name.endsWith('.json')).map((name) => path.join(FIXTURE, name));
    await importFiles(graph.db, files, { textRoot: FIXTURE });
    const before = await state();
    expect(before.hopper[0].support.map((s: any) => s.source.key).sort()).toEqual([ARTICLE, 'test-fixture-second-report'].sort());
    expect(before.amazon.financials).toEqual([{ value: 77.7 }]);
    expect(before.us).toBe(258);

    const { written } = await loadSeed(graph.db, trimmed);
    expect(written.changeSet).toMatchObject({ added: 0, changed: 0, retracted: 3 });
    const [changeSet] = await graph.db.read<{ principal: string; retracted: number }>(
      'MATCH (cs:ChangeSet {id: $id}) RETURN cs.principal AS principal, cs.retracted AS retracted',
      { id: written.changeSet!.id },
    );
    expect(changeSet).toEqual({ principal: 'seed', retracted: 3 });

    const after = await state();
    // The link stands on the other source's claim alone, with its values.
    expect(after.hopper).toEqual([
      {
        relation: 'BUYS',
        period: '2024',
        units: 250000,
        family: { key: 'hopper' },
        sources: [{ key: 'test-fixture-second-report' }],
        support: [{ source: { key: 'test-fixture-second-report' } }],
      },
    ]);
    expect(after.amazon.financials).toEqual([]);
    expect(after.us).toBeCloseTo(258 - 77.7, 9);
    expect(after.quote).toBeNull();
    expect(after.quoteNotFound).toBe(true);
    expect(after.tsai.quotes).toEqual([]);

    // Retracted, never deleted: the seed's claim and figure are kept with the change set that withdrew them.
    const [kept] = await graph.db.read<{ claims: number; facts: number }>(
      `RETURN COUNT { MATCH (c:Claim {retractedIn: $cs}) WHERE c.retracted } AS claims,
              COUNT { MATCH (f:RetractedFact {retractedIn: $cs}) WHERE f.subject = 'amazon' } AS facts`,
      { cs: written.changeSet!.id },
    );
    expect(kept).toEqual({ claims: 2, facts: 1 });
  });

  it('changes nothing when the same seed is loaded again', async () => {
    const { written } = await loadSeed(graph.db, trimmed);
    expect(written.changeSet).toBeNull();
  });

  it('restores what the seed states again', async () => {
    const { written } = await loadSeed(graph.db);
    expect(written.changeSet).not.toBeNull();
    const restored = await state();
    expect(restored.hopper[0].support.map((s: any) => s.source.key).sort()).toEqual([ARTICLE, 'test-fixture-second-report'].sort());
    expect(restored.amazon.financials).toEqual([{ value: 77.7 }]);
    expect(restored.us).toBe(258);
    expect(restored.quote).toEqual({ key: DROPPED_QUOTE });
    expect(restored.quoteNotFound).toBe(false);
    expect((await loadSeed(graph.db)).written.changeSet).toBeNull();
  });

  it('re-projects a link a graph seeded before `basis` existed carries without it, as a change', async () => {
    // A data directory written by an earlier version: the link as projected then, its claims unchanged.
    await graph.db.write(`MATCH (:Entity {key: 'aws'})-[r:SUBSIDIARY_OF]->(:Entity {key: 'amazon'}) REMOVE r.basis`);
    const before = await execute(graph.app, '{ paths(from: "aws", to: "amazon", maxHops: 1, includeDerived: false) { length } }');
    expect(before.data!.paths).toHaveLength(1);

    const { written } = await loadSeed(graph.db);
    expect(written.changeSet).toMatchObject({ added: 0, changed: 1, retracted: 0 });
    const after = await execute(graph.app, '{ paths(from: "aws", to: "amazon", maxHops: 1, includeDerived: false) { length } }');
    expect(after.data!.paths).toEqual([]);
  });
});
