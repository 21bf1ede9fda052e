import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphCounts, type GraphQLResponse, useOwnSeededGraph } from '../helpers.js';

// A second source restating some of the article's facts differently (test/fixtures/second-source),
// imported with the README's command into a graph of its own: nothing the article said may be
// lost, and both sides of every disagreement must show.

const WRITER = 'claims-writer-secret-0001';
const FIXTURE = path.resolve('test/fixtures/second-source');
const FIXTURE_SOURCE = 'test-fixture-second-report';
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';
const OMDIA = 'omdia-2024-hopper-buyers';

const graph = useOwnSeededGraph('claims', WRITER);

async function query(text: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse> {
  const response = await graph.app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

async function data(text: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await query(text, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** `npm run import -- <files>` against this suite's database, as the README says to run it. */
async function importCli(...files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...files], {
      env: { ...process.env, NEO4J_URI: graph.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: graph.password },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const ARTICLE_FACTS = `{
  company(key: "bytedance") {
    name nameZh aliases sources { key }
    chips { relation units period estimate derived evidence sources { key } family { key } chip { key } }
  }
  simplified: search(text: "字节跳动", first: 1) { edges { node { key } } }
  traditional: search(text: "字節跳動", first: 1) { edges { node { key } } }
  h20: exposure(chip: "h20") { basis company { key } policies { key } routes }
  h100: exposure(chip: "h100", policyKinds: [EXPORT_CONTROL]) { basis company { key } policies { key } routes }
  totals: financialTotals(metric: CAPEX, period: "2024") { groupKey total unit }
  colossus: entity(key: "colossus") { name ... on DataCenter { powerMW } }
}`;

const HOPPER_2024 = `{
  company(key: "bytedance") {
    chips {
      units period family { key } evidence sources { key }
      support { source { key } sources { key } evidence properties preferred derived recordedIn }
    }
  }
}`;

describe('a second source, imported with the README command', () => {
  let before: Record<string, any>;
  let versionBefore: string;
  let countsBefore: Awaited<ReturnType<typeof graphCounts>>;

  beforeAll(async () => {
    before = await data(ARTICLE_FACTS);
    versionBefore = (await data('{ graphVersion }')).graphVersion;
    countsBefore = await graphCounts(graph.db);
    const imported = await importCli(FIXTURE);
    expect(imported.output).toMatch(/imported 4 file\(s\).*recorded as cs-\d+: 5 claim\(s\) added, 0 changed/);
    expect(imported.code).toBe(0);
  }, 120_000);

  it('loses nothing the article said: every article fact reads exactly as before', async () => {
    const after = await data(ARTICLE_FACTS);
    const { company: companyBefore, ...restBefore } = before;
    const { company: companyAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(companyAfter.name).toBe('ByteDance');
    expect(companyAfter.nameZh).toBe('字节跳动');
    // Aliases and sources accumulate; the chips the article links keep their values and evidence.
    expect(companyAfter.aliases).toEqual([...companyBefore.aliases, 'Douyin parent']);
    expect(companyAfter.sources).toEqual([...companyBefore.sources, { key: FIXTURE_SOURCE }]);
    expect(companyAfter.chips).toHaveLength(companyBefore.chips.length);
    for (const [index, chip] of companyBefore.chips.entries()) {
      expect(companyAfter.chips[index]).toMatchObject({ ...chip, sources: expect.arrayContaining(chip.sources) });
    }
    expect(after.simplified.edges[0].node.key).toBe('bytedance');
    expect(after.traditional.edges[0].node.key).toBe('bytedance');
  });

  it('shows both Hopper counts side by side, each with its own source and sentence, the first recorded preferred', async () => {
    const { company } = await data(HOPPER_2024);
    const hopper = company.chips.find((c: any) => c.family?.key === 'hopper' && c.period === '2024');
    expect(hopper.units).toBe(230000);
    // evidence is the clean text: the conversion's pinyin (字節(jié)跳動) is dropped.
    expect(hopper.evidence).toContain('字節跳動(23萬枚)');
    expect(hopper.sources.map((s: any) => s.key)).toEqual([ARTICLE, OMDIA, FIXTURE_SOURCE]);
    expect(hopper.support).toEqual([
      expect.objectContaining({
        source: { key: ARTICLE },
        sources: [{ key: ARTICLE }, { key: OMDIA }],
        properties: { estimate: false, period: '2024', stated: '23萬枚', units: 230000 },
        preferred: true,
        derived: false,
        recordedIn: 'cs-1',
      }),
      expect.objectContaining({
        source: { key: FIXTURE_SOURCE },
        evidence: 'ByteDance bought 250,000 Hopper chips in 2024.',
        properties: { estimate: false, period: '2024', stated: '250,000', units: 250000 },
        preferred: false,
      }),
    ]);
  });

  it('lists each disagreement in conflicts, every value with its sources and evidence', async () => {
    const { conflicts } = await data(`{
      conflicts(first: 50) {
        totalCount
        edges { node { id kind subject { key } object { key } about period rule
          values { value preferred support { source { key } evidence } } } }
      }
    }`);
    const byId = new Map(conflicts.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId.get('LINK:bytedance|BUYS|hopper|2024')).toMatchObject({
      kind: 'LINK',
      subject: { key: 'bytedance' },
      object: { key: 'hopper' },
      about: 'BUYS',
      period: '2024',
      rule: expect.stringMatching(/recorded first/),
      values: [
        {
          value: { estimate: false, period: '2024', stated: '23萬枚', units: 230000 },
          preferred: true,
          support: [{ source: { key: ARTICLE }, evidence: expect.stringContaining('23萬枚') }],
        },
        {
          value: { estimate: false, period: '2024', stated: '250,000', units: 250000 },
          preferred: false,
          support: [{ source: { key: FIXTURE_SOURCE }, evidence: 'ByteDance bought 250,000 Hopper chips in 2024.' }],
        },
      ],
    });
    expect(byId.get('ENTITY:colossus:powerMW')).toMatchObject({
      kind: 'ENTITY',
      about: 'powerMW',
      values: [
        { value: 250, preferred: true, support: [{ source: { key: ARTICLE } }] },
        { value: 300, preferred: false, support: [{ source: { key: FIXTURE_SOURCE }, evidence: 'Colossus draws 300 MW.' }] },
      ],
    });
    // ByteDance's restatement agrees on every compared property: no conflict is invented.
    expect([...byId.keys()].filter((id) => String(id).startsWith('ENTITY:bytedance'))).toEqual([]);
    const aboutColossus = await data('{ conflicts(subject: "colossus") { totalCount edges { node { id } } } }');
    expect(aboutColossus.conflicts.edges.map((e: any) => e.node.id)).toEqual(['ENTITY:colossus:powerMW']);
    // Pages are keyset pages over the same order.
    const firstPage = await data('{ conflicts(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }');
    const nextPage = await data('query ($after: String) { conflicts(first: 50, after: $after) { edges { node { id } } } }', {
      after: firstPage.conflicts.pageInfo.endCursor,
    });
    expect([firstPage.conflicts.edges[0].node.id, ...nextPage.conflicts.edges.map((e: any) => e.node.id)]).toEqual(conflicts.edges.map((e: any) => e.node.id));
  });

  it('adds the new entity with its source', async () => {
    const { company } = await data('{ company(key: "test-fixture-cloud") { name kind sources { key } } }');
    expect(company).toEqual({ name: 'Fixture Cloud', kind: 'HYPERSCALER', sources: [{ key: FIXTURE_SOURCE }] });
  });

  it('records the import as one change set, and moves the graph version', async () => {
    const { graphVersion, changes } = await data(
      'query ($since: ID) { graphVersion changes(since: $since) { edges { node { id principal sources { key } added changed retracted } } } }',
      { since: versionBefore },
    );
    expect(graphVersion).not.toBe(versionBefore);
    expect(changes.edges).toHaveLength(1);
    expect(changes.edges[0].node).toMatchObject({ id: graphVersion, principal: 'import', sources: [{ key: FIXTURE_SOURCE }], retracted: 0 });
    // Five claims (ByteDance, the new company, Colossus, the source itself, the Hopper link), nothing changed.
    expect(changes.edges[0].node.added).toBe(5);
    expect(changes.edges[0].node.changed).toBe(0);
    const after = await graphCounts(graph.db);
    expect(after.claims).toBe(countsBefore.claims + 5);
    expect(after.changeSets).toBe(countsBefore.changeSets + 1);
  });

  it('changes nothing and records nothing when imported again', async () => {
    const counts = await graphCounts(graph.db);
    const version = (await data('{ graphVersion }')).graphVersion;
    const again = await importCli(FIXTURE);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/nothing new: the graph already holds every claim/);
    expect(await graphCounts(graph.db)).toEqual(counts);
    expect((await data('{ graphVersion }')).graphVersion).toBe(version);
  });

  it('keeps exposure the same, and answers from stated links only when asked', async () => {
    const stated = await data(`{
      all: exposure(chip: "h20", policyKinds: [EXPORT_CONTROL]) { basis company { key } paths { relationships { derived } } }
      statedOnly: exposure(chip: "h20", policyKinds: [EXPORT_CONTROL], includeDerived: false) { basis company { key } paths { relationships { derived } } }
    }`);
    for (const exposure of stated.all) {
      const usesDerived = exposure.paths.some((p: any) => p.relationships.some((r: any) => r.derived));
      expect(exposure.basis).toBe(usesDerived ? 'DERIVED' : 'STATED');
    }
    for (const exposure of stated.statedOnly) {
      expect(exposure.basis).toBe('STATED');
      expect(exposure.paths.flatMap((p: any) => p.relationships).every((r: any) => !r.derived)).toBe(true);
    }
    const allKeys = stated.all.map((e: any) => e.company.key);
    expect(stated.statedOnly.map((e: any) => e.company.key).every((key: string) => allKeys.includes(key))).toBe(true);
    expect(stated.all.some((e: any) => e.basis === 'DERIVED')).toBe(true);
  });

  it('leaves derived links out of paths when asked', async () => {
    const { all, statedOnly } = await data(`{
      all: paths(from: "alibaba", to: "h20", maxHops: 2, first: 10) { relationships { derived } }
      statedOnly: paths(from: "alibaba", to: "h20", maxHops: 2, first: 10, includeDerived: false) { relationships { derived } }
    }`);
    expect(all.some((p: any) => p.relationships.some((r: any) => r.derived))).toBe(true);
    expect(statedOnly.every((p: any) => p.relationships.every((r: any) => !r.derived))).toBe(true);
  });

  it("totals one source's figures when asked, and says where each figure came from", async () => {
    const { article, fixture } = await data(`{
      article: financialTotals(metric: CAPEX, period: "2024", sources: ["${ARTICLE}"]) { groupKey total sources { key } facts { sources { key } } }
      fixture: financialTotals(metric: CAPEX, period: "2024", sources: ["${FIXTURE_SOURCE}"]) { groupKey total }
    }`);
    expect(Object.fromEntries(article.map((t: any) => [t.groupKey, t.total]))).toMatchObject({ us: 258, china: 44.6 });
    for (const total of article) {
      expect(total.facts.every((f: any) => f.sources.some((s: any) => s.key === ARTICLE))).toBe(true);
      expect(total.sources.map((s: any) => s.key)).toContain(ARTICLE);
    }
    expect(fixture).toEqual([]);
  });
});

describe('identity and texts', () => {
  const UPSERT = `mutation ($input: EntityInput!) { upsertEntity(input: $input) { __typename ... on ValidationError { problems { field message } } } }`;

  it('refuses a key under another label, in a mutation, naming the key and both labels', async () => {
    const counts = await graphCounts(graph.db);
    const response = await query(UPSERT, { input: { label: 'Person', key: 'grok-3', name: 'Grok', evidence: ['Grok.'], sources: [FIXTURE_SOURCE] } }, WRITER);
    expect(response.data!.upsertEntity).toEqual({
      __typename: 'ValidationError',
      problems: [{ field: 'key', message: expect.stringMatching(/"grok-3" is already a AIModel in the graph/) }],
    });
    expect(await graphCounts(graph.db)).toEqual(counts);
    expect((await data('{ entity(key: "grok-3") { label name } }')).entity).toEqual({ label: 'AIModel', name: 'Grok 3' });
  });

  it('refuses a key under another label in an import, naming the file and the item', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atlas-claims-label-'));
    const counts = await graphCounts(graph.db);
    await writeFile(
      path.join(dir, 'chips.json'),
      JSON.stringify([{ key: 'bytedance', label: 'Chip', name: 'ByteDance', sources: [FIXTURE_SOURCE], evidence: 'A chip.' }]),
    );
    const result = await importCli(path.join(dir, 'chips.json'));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/chips\.json.*item #1 \(bytedance\).*"bytedance" is already a Company in the graph/s);
    expect(await graphCounts(graph.db)).toEqual(counts);
    expect((await data('{ companies(first: 100) { totalCount } chips { totalCount } }')).companies.totalCount).toBeGreaterThan(10);
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the article's text: a different text is refused, and evidence is still checked against the original", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atlas-claims-text-'));
    await writeFile(path.join(dir, 'article.txt'), 'A different text that says 48.5萬枚 and nothing else.');
    await writeFile(path.join(dir, 'sources.json'), JSON.stringify([{ key: ARTICLE, title: '《財經》', kind: 'ARTICLE', textFile: 'article.txt' }]));
    const counts = await graphCounts(graph.db);
    const refused = await importCli(path.join(dir, 'sources.json'));
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/a different text for source "caijing-2025-us-cn-ai-compute-capex"/);
    expect(await graphCounts(graph.db)).toEqual(counts);

    // Restating the article without a text keeps the text the graph holds.
    const restated = await query(
      `mutation { upsertSource(input: {key: "${ARTICLE}", title: "《財經》：中美12家科技公司算力投資", kind: ARTICLE, url: "https://example.invalid/caijing"}) { __typename } }`,
      {},
      WRITER,
    );
    expect(restated.data!.upsertSource.__typename).toBe('MutationUpsertSourceSuccess');
    const invented = await query(
      `mutation ($input: RelationshipInput!) { upsertRelationship(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
      { input: { type: 'BUYS', from: 'baidu', to: 'h20', evidence: ['百度買了一百萬枚H20。'], sources: [ARTICLE] } },
      WRITER,
    );
    expect(invented.data!.upsertRelationship).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ field: 'evidence', message: expect.stringMatching(/is not verbatim in source caijing-2025-us-cn-ai-compute-capex/) }],
    });
    const [text] = await graph.db.read<{ length: number }>(`MATCH (s:Source {key: $key}) RETURN size(s.fullText) AS length`, { key: ARTICLE });
    expect(text!.length).toBeGreaterThan(5_000);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('retracting a claim', () => {
  const REMOVE = `mutation ($input: RelationIdInput!) {
    removeRelationship(input: $input) {
      __typename
      ... on MutationRemoveRelationshipSuccess { data { type properties } }
      ... on ValidationError { problems { field message } }
      ... on NotFoundError { message }
    }
  }`;
  const link = { type: 'BUYS', from: 'bytedance', to: 'hopper', period: '2024' };

  it('asks whose claim to retract when several sources state the link', async () => {
    const counts = await graphCounts(graph.db);
    const response = await query(REMOVE, { input: link }, WRITER);
    expect(response.data!.removeRelationship).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ field: 'source', message: expect.stringMatching(/stated by 2 claims/) }],
    });
    expect(await graphCounts(graph.db)).toEqual(counts);
  });

  it("retracts one source's claim: the link stands on the other, the claim stays in the history, the change is recorded", async () => {
    const counts = await graphCounts(graph.db);
    const version = (await data('{ graphVersion }')).graphVersion;
    const response = await query(REMOVE, { input: { ...link, source: FIXTURE_SOURCE } }, WRITER);
    expect(response.data!.removeRelationship.__typename).toBe('MutationRemoveRelationshipSuccess');

    const { company } = await data(HOPPER_2024);
    const hopper = company.chips.find((c: any) => c.family?.key === 'hopper' && c.period === '2024');
    expect(hopper.units).toBe(230000);
    expect(hopper.support.map((s: any) => s.source.key)).toEqual([ARTICLE]);
    expect(hopper.sources.map((s: any) => s.key)).toEqual([ARTICLE, OMDIA]);
    const { conflicts } = await data('{ conflicts(subject: "bytedance") { edges { node { id } } } }');
    expect(conflicts.edges).toEqual([]);

    const after = await graphCounts(graph.db);
    expect(after).toMatchObject({ nodes: counts.nodes, relationships: counts.relationships, claims: counts.claims, changeSets: counts.changeSets + 1 });
    const [retracted] = await graph.db.read<{ retracted: boolean; retractedIn: string }>(
      `MATCH (c:Claim {target: 'bytedance|BUYS|hopper|2024', source: $source}) RETURN c.retracted AS retracted, c.retractedIn AS retractedIn`,
      { source: FIXTURE_SOURCE },
    );
    const { changes } = await data('query ($since: ID) { changes(since: $since) { edges { node { id principal retracted sources { key } } } } }', {
      since: version,
    });
    expect(changes.edges.map((e: any) => e.node)).toEqual([
      { id: retracted!.retractedIn, principal: 'curator', retracted: 1, sources: [{ key: FIXTURE_SOURCE }] },
    ]);
    expect(retracted!.retracted).toBe(true);
  });

  it('removes the link once its last claim is retracted', async () => {
    const response = await query(REMOVE, { input: { ...link, allSources: true } }, WRITER);
    expect(response.data!.removeRelationship.__typename).toBe('MutationRemoveRelationshipSuccess');
    const again = await query(REMOVE, { input: { ...link, allSources: true } }, WRITER);
    expect(again.data!.removeRelationship.__typename).toBe('NotFoundError');
    const { company } = await data(HOPPER_2024);
    expect(company.chips.find((c: any) => c.family?.key === 'hopper' && c.period === '2024')).toBeUndefined();
  });

  it('refuses a bad graph version in changes with BAD_USER_INPUT', async () => {
    expect(errorCodes(await query('{ changes(since: "yesterday") { edges { node { id } } } }'))).toEqual(['BAD_USER_INPUT']);
  });
});
