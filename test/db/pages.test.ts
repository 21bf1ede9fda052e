import { afterAll, describe, expect, it } from 'vitest';
import type { StatementProfile } from '../../src/db/database.js';
import { entityPage, type PageQuery } from '../../src/graph/pages.js';
import { testDatabase } from '../helpers.js';

// The page statement states that name and key exist and bounds the name alone after a cursor, so
// that Neo4j can read a large label from the (name, key) index in order (bench/README.md, "Fifth
// series"). On the seed's 30 companies the planner still scans and sorts, so this checks what the
// rewritten conditions must keep: the same rows, in (name, key) order, before and after a cursor.
describe('a page of entities', () => {
  const db = testDatabase();
  afterAll(() => db.close());

  const page = (after: PageQuery['after']): PageQuery => ({
    label: 'Company',
    conditions: [],
    params: {},
    sort: 'name',
    direction: 'ASC',
    first: 3,
    after,
    need: ['name'],
  });

  async function profiledPage(after: PageQuery['after']) {
    const profiles: StatementProfile[] = [];
    const result = await entityPage(
      db.profiled((profile) => profiles.push(profile)),
      page(after),
    );
    return { rows: result.rows.map((row) => row.key), statements: profiles.length };
  }

  it('gives the first page and the page after a cursor in (name, key) order, in one statement each', async () => {
    const all = await db.read<{ key: string; name: string }>('MATCH (n:Company) RETURN n.key AS key, n.name AS name');
    expect(all.length).toBeGreaterThan(10);
    const sorted = all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1));

    const first = await profiledPage(null);
    expect(first.rows).toEqual(sorted.slice(0, 3).map((c) => c.key));
    expect(first.statements).toBe(1);

    const cursor = sorted[2]!;
    const next = await profiledPage({ value: cursor.name, key: cursor.key });
    expect(next.rows).toEqual(sorted.slice(3, 6).map((c) => c.key));
    expect(next.statements).toBe(1);
  });

  // The page statement reads one row past the page to tell whether there is a next page. That row's
  // nested reads are never made: a prefetch column that fails on it (integer division by zero)
  // must not fail the page.
  it('makes the nested reads of the page rows only, not of the row that says a next page exists', async () => {
    const all = await db.read<{ key: string }>('MATCH (n:Company) RETURN n.key AS key ORDER BY n.name, n.key');
    const pastThePage = all[3]!.key;
    const result = await entityPage(db, {
      ...page(null),
      prefetch: { columns: { probe: '1 / CASE WHEN n.key = $pastThePage THEN 0 ELSE 1 END' }, params: { pastThePage } },
    });
    expect(result.rows.map((row) => row.key)).toEqual(all.slice(0, 3).map((c) => c.key));
    expect(result.prefetched).toEqual([{ probe: 1 }, { probe: 1 }, { probe: 1 }]);
    expect(result.hasNextPage).toBe(true);
  });

  it('tells a last page and an empty one apart from a full one', async () => {
    const all = await db.read<{ key: string; name: string }>('MATCH (n:Company) RETURN n.key AS key, n.name AS name ORDER BY n.name, n.key');
    const [beforeLast, last] = all.slice(-2) as [(typeof all)[number], (typeof all)[number]];

    const tail = await entityPage(db, page({ value: beforeLast.name, key: beforeLast.key }));
    expect(tail.rows.map((row) => row.key)).toEqual([last.key]);
    expect(tail.hasNextPage).toBe(false);

    const past = await entityPage(db, page({ value: last.name, key: last.key }));
    expect(past).toEqual({ rows: [], prefetched: [], hasNextPage: false });

    const none = await entityPage(db, { ...page(null), first: 0 });
    expect(none).toEqual({ rows: [], prefetched: [], hasNextPage: true });
  });
});
