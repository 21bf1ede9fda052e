import { describe, expect, it } from 'vitest';
import { files, OWNERS, useFixtureGraph } from './datasets/api-fixtures.js';
import { countRoundTrips, errorCodes, execute } from '../helpers.js';

// Source.supports / supportCounts / rows / imports: the reverse lookup of provenance, on a seeded
// graph of this file's own with the hand-written dataset fixtures of the datasets API suite imported
// (their statements carry row locators, the seed's do not).

const { graph, data } = useFixtureGraph('source-supports', 'source-supports-writer-secret-01');
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';

/** The same counts, straight from the stored claims and figures. */
async function cypherCounts(source: string): Promise<Record<string, number>> {
  const rows = await graph.db.read<{ kind: string; n: number }>(
    `MATCH (c:Claim) WHERE $source IN c.sources AND NOT c.retracted
     RETURN CASE WHEN c.kind = 'LINK' THEN 'LINK' WHEN c.type = 'Quote' THEN 'QUOTE' ELSE 'ENTITY' END AS kind, count(*) AS n
     UNION ALL
     MATCH (f:FinancialFact) WHERE $source IN f.sources RETURN 'FIGURE' AS kind, count(*) AS n`,
    { source },
  );
  const counts: Record<string, number> = { LINK: 0, FIGURE: 0, QUOTE: 0, ENTITY: 0 };
  for (const row of rows) counts[row.kind]! += row.n;
  return counts;
}

const COUNTS = `query ($key: String!) { source(key: $key) { key supportCounts { kind count } supports { totalCount } } }`;

describe('Source.supports', () => {
  it("counts each kind of the article's statements as the stored claims and figures do", async () => {
    const d = await data(COUNTS, { key: ARTICLE });
    const expected = await cypherCounts(ARTICLE);
    expect(Object.fromEntries(d.source.supportCounts.map((c: any) => [c.kind, c.count]))).toEqual(expected);
    expect(d.source.supports.totalCount).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(expected.LINK).toBeGreaterThan(50);
    expect(expected.FIGURE).toBeGreaterThan(20);
    expect(expected.QUOTE).toBeGreaterThan(10);
    expect(expected.ENTITY).toBeGreaterThan(50);
  });

  it('pages one kind to the end without repeats, each page in order, the total matching the count', async () => {
    const query = `query ($key: String!, $after: String) { source(key: $key) {
      supports(kind: FIGURE, first: 7, after: $after) { totalCount edges { cursor node { kind key about period locator evidence
        subject { key } figure { key value unit } sources { key } } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 30; pages++) {
      const d: any = await data(query, { key: ARTICLE, after });
      const page = d.source.supports;
      total = page.totalCount;
      for (const { node } of page.edges) {
        expect(node.kind).toBe('FIGURE');
        expect(node.figure.key).toBe(node.key);
        expect(node.sources.map((s: any) => s.key)).toContain(ARTICLE);
        expect(node.subject.key).toBeTruthy();
        expect(node.evidence).toBeTruthy();
        seen.push(node.key);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBe((await cypherCounts(ARTICLE)).FIGURE);
  });

  it("gives links their ends and every source's support, quotes their quote, entities their entity", async () => {
    const d = await data(
      `query ($key: String!) { source(key: $key) {
      links: supports(kind: LINK, first: 100) { edges { node { about subject { key } object { key } properties support { source { key } } } } }
      quotes: supports(kind: QUOTE, first: 3) { edges { node { about subject { __typename key } } } }
      entities: supports(kind: ENTITY, first: 3) { edges { node { about subject { key label } } } } } }`,
      { key: ARTICLE },
    );
    const buys = d.source.links.edges.map((e: any) => e.node).find((n: any) => n.about === 'BUYS' && n.subject.key === 'bytedance');
    expect(buys.object.key).toBeTruthy();
    expect(buys.support.length).toBeGreaterThan(0);
    for (const { node } of d.source.quotes.edges) expect([node.about, node.subject.__typename]).toEqual(['Quote', 'Quote']);
    for (const { node } of d.source.entities.edges) expect(node.subject.label).toBe(node.about);
  });

  it('answers a source page (counts, one page per kind, rows, imports) in two statements', async () => {
    const query = `query ($key: String!) { source(key: $key) { key supportCounts { kind count }
      l: supports(kind: LINK, first: 5) { totalCount edges { node { key } } }
      f: supports(kind: FIGURE, first: 5) { totalCount edges { node { key } } }
      q: supports(kind: QUOTE, first: 5) { totalCount edges { node { key } } }
      e: supports(kind: ENTITY, first: 5) { totalCount edges { node { key } } }
      rows(first: 5) { totalCount edges { node { row } } }
      imports(first: 5) { edges { node { id } } } } }`;
    const trips = await countRoundTrips(graph.db, () => data(query, { key: ARTICLE }));
    expect(trips).toBe(2);
  });
});

describe("a dataset source's rows and imports", () => {
  it('lists the rows of its file in order, each carrying its locators and the statements made of it', async () => {
    const d = await data(
      `query ($key: String!) { source(key: $key) { rowCount
      rows(first: 100) { totalCount edges { node { row line locators statements { kind key locator subject { key } } } } }
      all: supports(first: 100) { totalCount edges { node { key locator } } } } }`,
      { key: OWNERS },
    );
    const rows = d.source.rows.edges.map((e: any) => e.node);
    expect(rows.length).toBeGreaterThan(1);
    expect(d.source.rows.totalCount).toBe(rows.length);
    const lines = rows.map((r: any) => r.line);
    expect(lines).toEqual([...lines].sort((a: number, b: number) => a - b));
    for (const row of rows) {
      expect(row.row).toBe(`line ${row.line}`);
      for (const s of row.statements) {
        expect(s.locator.startsWith(`${row.row}:`)).toBe(true);
        expect(row.locators).toContain(s.locator);
      }
    }
    // Every located statement is in exactly one row.
    const located = d.source.all.edges.map((e: any) => e.node).filter((n: any) => n.locator);
    expect(rows.flatMap((r: any) => r.statements.map((s: any) => s.key)).sort()).toEqual(located.map((n: any) => n.key).sort());
    const fixtureLocators = Object.values(files)
      .flat()
      .filter((item: any) => item.locator && (item.sources ?? []).includes(OWNERS))
      .map((item: any) => item.locator);
    for (const locator of fixtureLocators) expect(rows.flatMap((r: any) => r.locators)).toContain(locator);
  });

  it('pages rows with a cursor', async () => {
    const query = `query ($key: String!, $after: String) { source(key: $key) { rows(first: 1, after: $after) { edges { node { row } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await data(query, { key: OWNERS });
    const second = await data(query, { key: OWNERS, after: first.source.rows.pageInfo.endCursor });
    expect(first.source.rows.pageInfo.hasNextPage).toBe(true);
    expect(second.source.rows.edges[0].node.row).not.toBe(first.source.rows.edges[0].node.row);
  });

  it('lists the import that wrote it, with its counts', async () => {
    const d = await data(
      `query ($key: String!) { source(key: $key) { imports { edges { node { id at principal added changed retracted sources { key } } } } } }`,
      {
        key: OWNERS,
      },
    );
    const imports = d.source.imports.edges.map((e: any) => e.node);
    expect(imports.length).toBeGreaterThanOrEqual(1);
    expect(imports[0].sources.map((s: any) => s.key)).toContain(OWNERS);
    expect(imports[0].added).toBeGreaterThan(0);
    const [stored] = await graph.db.read<{ n: number }>('MATCH (c:ChangeSet) WHERE $key IN c.sources RETURN count(c) AS n', { key: OWNERS });
    expect(imports.length).toBe(stored!.n);
  });
});

describe('client mistakes', () => {
  it('answers null plus NOT_FOUND for an unknown source key, as entity(key) does', async () => {
    const response = await execute(graph.app, `{ source(key: "no-such-source") { key supportCounts { kind count } } entity(key: "no-such-source") { key } }`);
    expect(response.data).toEqual({ source: null, entity: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('refuses a bad page size and a cursor of another kind with BAD_USER_INPUT', async () => {
    expect(errorCodes(await execute(graph.app, `{ source(key: "${ARTICLE}") { supports(first: 1000) { totalCount } } }`))).toEqual(['BAD_USER_INPUT']);
    const d = await data(`{ source(key: "${ARTICLE}") { supports(kind: LINK, first: 1) { pageInfo { endCursor } } } }`);
    const wrong = await execute(graph.app, `query ($after: String) { source(key: "${ARTICLE}") { supports(kind: FIGURE, after: $after) { totalCount } } }`, {
      after: d.source.supports.pageInfo.endCursor,
    });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0]!.extensions!.argument).toBe('after');
  });
});
