import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/core/auth.js';
import { GRAPHIQL_TABS } from '../../src/http/graphiql-tabs.js';
import { createApp } from '../../src/http/server.js';
import { buildWeb } from '../../web/build.js';
import type { Database } from '../../src/db/database.js';
import { execute, graphCounts, limits, testDatabase } from '../helpers.js';

const SCREENSHOTS = new URL('../../test-output/screenshots/', import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Served {
  url: string;
  server: Server;
  db: Database;
}

async function serve(db: Database): Promise<Served> {
  const server = createServer(createApp({ db, limits }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, db };
}

/** The API the pages call, asked directly: what each view must show (and, with WRITER, what a test writes). */
const WRITER_SECRET = 'explorer-test-writer-secret';
const WRITER = { authorization: `Bearer ${WRITER_SECRET}` };
let app: ReturnType<typeof createApp> | undefined;
function testApp(): ReturnType<typeof createApp> {
  app ??= createApp({ db: atlas.db, limits, apiKeys: parseApiKeys(`tester:${WRITER_SECRET}:read+write`), audit: () => undefined });
  return app;
}

async function write<T = Record<string, any>>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await testApp().fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...WRITER },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

declare global {
  interface Window {
    atlasGraph?: Core;
  }
}

let browser: Browser;
let atlas: Served;
let unreachable: Served;

beforeAll(async () => {
  await buildWeb();
  await mkdir(SCREENSHOTS, { recursive: true });
  atlas = await serve(testDatabase());
  // A database nobody listens on: the real DATABASE_UNAVAILABLE path, not a mocked answer.
  unreachable = await serve(testDatabase({ uri: `bolt://127.0.0.1:${await freePort()}`, connectTimeoutMs: 1_000 }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  for (const served of [atlas, unreachable]) {
    if (!served) continue;
    served.server.closeAllConnections();
    await new Promise((resolve) => served.server.close(resolve));
    await served.db.close();
  }
});

interface Opened {
  page: Page;
  /** External requests, page errors, console errors (CSP violations among them) and failed responses. */
  problems: string[];
}

async function open(path: string, { width = 1280, height = 800, base = atlas.url } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    problems.push(`request to another host: ${url.href}`);
    return route.abort();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/graphql')) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${base}${path}`);
  return { page, problems };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: false });
}

/**
 * Clicks a drawn edge, as a person would (the drawing is a canvas): at its middle, unless a node or
 * its label lies over that point in this (random) layout; then at the first clear point along it.
 */
async function clickEdge(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((edgeId) => {
    const cy = window.atlasGraph!;
    const edge = cy.getElementById(edgeId);
    const middle = edge.renderedMidpoint();
    const [from, to] = [edge.renderedSourceEndpoint(), edge.renderedTargetEndpoint()];
    const along = [0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map((f) => ({ x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f }));
    const boxes = cy.nodes().map((node) => node.renderedBoundingBox({ includeLabels: true }));
    const clear = (p: { x: number; y: number }) => !boxes.some((b) => p.x >= b.x1 - 2 && p.x <= b.x2 + 2 && p.y >= b.y1 - 2 && p.y <= b.y2 + 2);
    const { x, y } = [middle, ...along].find(clear) ?? middle;
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

async function clickNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const cy = window.atlasGraph!;
    const { x, y } = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

const drawnNodes = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.nodes()
      .map((node) => node.id())
      .sort(),
  );

describe('explorer in a browser, offline', () => {
  it('serves the explorer at / and /explore with its files from this origin and a self-only policy', async () => {
    for (const path of ['/', '/explore']) {
      const response = await fetch(`${atlas.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const script = await fetch(`${atlas.url}/assets/explorer.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${atlas.url}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${atlas.url}/assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });

  it('search "字節跳動" reaches the ByteDance page: figures, links by type, quotes, evidence and sources', async () => {
    const { page, problems } = await open('/');
    await page.getByRole('combobox').first().fill('字節跳動');
    await expect.poll(() => page.locator('[role=option]').first().getAttribute('data-key')).toBe('bytedance');
    await page.keyboard.press('Enter');
    await page.locator('.entity-page[data-key=bytedance]').waitFor();
    expect(new URL(page.url()).searchParams.get('key')).toBe('bytedance');
    expect(await page.locator('h1').textContent()).toBe('ByteDance');

    const capex = page.locator('.period[data-period="2024"] li[data-metric=CAPEX]').first();
    expect(await capex.textContent()).toContain('111億美元');
    await capex.locator('summary').click();
    expect(await capex.locator('.evidence blockquote').first().textContent()).toContain('111億美元');
    expect(await capex.locator('.sources cite').count()).toBeGreaterThan(0);

    const groups = await page.locator('.link-group').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.type));
    expect(groups).toEqual(expect.arrayContaining(['BUYS', 'HEADQUARTERED_IN']));
    const derived = page.locator('.link-group li:has(.badge.derived)').first();
    await derived.locator('summary').click();
    expect(await derived.locator('.evidence .badge.derived').isVisible()).toBe(true);
    expect(await page.locator('.quotes .quote').count()).toBeGreaterThan(0);
    await screenshot(page, 'entity-bytedance');
    expect(problems).toEqual([]);
  });

  it("marks a link only the curators' knowledge states as such, never as stated (issue 18, N3)", async () => {
    const { page, problems } = await open('/?view=entity&key=aws');
    await page.locator('.entity-page[data-key=aws]').waitFor();
    const subsidiary = page.locator('.link-group[data-type=SUBSIDIARY_OF] li').first();
    expect(await subsidiary.locator('summary .badge.curator').textContent()).toBe('curator knowledge');
    await subsidiary.locator('summary').click();
    expect(await subsidiary.locator('.evidence > .badge').first().textContent()).toBe('curator knowledge');
    expect(await subsidiary.locator('.evidence .badge.stated').count()).toBe(0);
    await screenshot(page, 'entity-aws-curator');
    expect(problems).toEqual([]);
  });

  it('draws the ByteDance neighbourhood; an edge click shows its evidence, a node click expands it', async () => {
    const { data } = await execute<{
      neighborhood: { nodes: { key: string }[]; relationships: { type: string; from: { key: string }; to: { key: string }; evidence: string }[] };
    }>(testApp(), '{ neighborhood(key: "bytedance", depth: 1) { nodes { key } relationships { type from { key } to { key } evidence properties } } }');
    const { page, problems } = await open('/?view=neighbourhood&key=bytedance&depth=1');
    await page.locator('.graph[data-nodes]').waitFor();
    expect(await drawnNodes(page)).toEqual(data!.neighborhood.nodes.map((n) => n.key).sort());

    const buys = data!.neighborhood.relationships.find((r) => r.type === 'BUYS' && r.to.key === 'hopper')!;
    const edgeId = await page.evaluate(() =>
      window
        .atlasGraph!.edges()
        .filter((e) => e.data('type') === 'BUYS' && e.target().id() === 'hopper')[0]!
        .id(),
    );
    await clickEdge(page, edgeId);
    const details = page.locator('.panel .relation-details');
    await details.waitFor();
    expect(await details.getAttribute('data-type')).toBe('BUYS');
    expect(await details.locator('blockquote').first().textContent()).toBe(buys.evidence.split('\n')[0]);
    await screenshot(page, 'neighbourhood-bytedance');

    const before = (await drawnNodes(page)).length;
    await clickNode(page, 'hopper');
    await expect.poll(async () => (await drawnNodes(page)).length).toBeGreaterThan(before);
    expect(new URL(page.url()).searchParams.get('expand')).toBe('hopper');
    expect(await drawnNodes(page)).toContain('h20');
    expect(problems).toEqual([]);
  });

  it('shows which firms depend on the H20 under export-control risk, with use, threat and scope paths', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=EXPORT_CONTROL');
    await page.locator('.exposure-card').first().waitFor();
    const companies = await page.locator('.exposure-card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.company));
    expect(companies).toEqual(['alibaba', 'bytedance', 'tencent']);
    for (const key of companies) {
      const card = page.locator(`.exposure-card[data-company=${key}]`);
      expect(await card.locator('.path-kind h4').allTextContents()).toEqual(['Usage', 'Threat', 'Scope']);
      expect(await card.locator('.policy').textContent()).toContain('SHELVED');
    }
    expect(await drawnNodes(page)).toEqual(expect.arrayContaining(['alibaba', 'bytedance', 'tencent', 'h20', 'us-h20-export-restriction', 'china']));

    const threat = page.locator('.exposure-card[data-company=bytedance] .kind-Threat .sentence').first();
    await threat.click();
    expect(await page.locator('.panel .relation-details').getAttribute('data-type')).toBe('THREATENS');
    expect(await page.locator('.panel .relation-details blockquote').first().textContent()).toBe(await threat.textContent());
    await screenshot(page, 'exposure-h20');
    expect(problems).toEqual([]);
  });

  it('draws the shortest paths from ByteDance to Hopper with the evidence of each hop', async () => {
    const { data } = await execute<{ paths: { length: number }[] }>(testApp(), '{ paths(from: "bytedance", to: "hopper", maxHops: 4, first: 5) { length } }');
    const { page, problems } = await open('/?view=paths&from=bytedance&to=hopper&maxHops=4');
    await page.locator('.path').first().waitFor();
    expect(await page.locator('.path').evaluateAll((paths) => paths.map((p) => Number((p as HTMLElement).dataset.length)))).toEqual(
      data!.paths.map((p) => p.length),
    );
    expect(await drawnNodes(page)).toEqual(expect.arrayContaining(['bytedance', 'hopper']));
    expect((await page.locator('.path .sentence').first().textContent())!.length).toBeGreaterThan(10);
    await screenshot(page, 'paths-bytedance-hopper');
    expect(problems).toEqual([]);
  });

  it('charts 2024 capex: 12 companies, the US 258 vs China 44.6, each bar with its source sentence', async () => {
    const { page, problems } = await open('/?view=figures&metric=CAPEX&period=2024');
    await page.locator('.bar').first().waitFor();
    expect(await page.locator('.bar-company').count()).toBe(12);
    const totals = await page.locator('.bar-total').evaluateAll((bars) => bars.map((b) => [(b as SVGElement).dataset.id, (b as SVGElement).dataset.value]));
    expect(totals).toEqual([
      ['us', '258'],
      ['china', '44.6'],
    ]);
    expect(await page.locator('.bar-total .bar-value').allTextContents()).toEqual(['258', '44.6']);
    await page.locator('.bar-company[data-id=bytedance] rect').hover();
    const tooltip = page.locator('.tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.locator('blockquote').first().textContent()).toContain('111億美元');
    await screenshot(page, 'figures-capex-2024');
    expect(problems).toEqual([]);
  });

  it('fits a narrow screen and switches labels to Chinese', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=EXPORT_CONTROL', { width: 390, height: 844 });
    await page.locator('.exposure-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('link', { name: '中文' }).click();
    await page.locator('.exposure-card[data-company=bytedance] h3 a').waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    expect(await page.locator('.exposure-card[data-company=bytedance] h3 a').textContent()).toBe('字节跳动');
    expect(await page.locator('nav.views a[aria-current=page]').textContent()).toBe('风险敞口');
    await screenshot(page, 'exposure-h20-narrow-zh');
    expect(problems).toEqual([]);
  });

  it('shows a second source that disagrees side by side with the article: on the entity page and in the edge panel', async () => {
    const SOURCE_KEY = 'test-explorer-second-source';
    const SENTENCE = 'ByteDance bought 250,000 Hopper chips in 2024.';
    const counts = await graphCounts(atlas.db);
    try {
      const source = await write(
        `mutation ($input: SourceInput!) { upsertSource(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
        { input: { key: SOURCE_KEY, title: 'Explorer test: a second source', kind: 'REPORT', url: 'https://example.invalid/x' } },
      );
      expect(source).toEqual({ upsertSource: { __typename: 'MutationUpsertSourceSuccess' } });
      const link = await write(
        `mutation ($input: RelationshipInput!) { upsertRelationship(input: $input) { __typename ... on ValidationError { problems { field message } } } }`,
        {
          input: { type: 'BUYS', from: 'bytedance', to: 'hopper', properties: { units: 250000, period: '2024' }, evidence: [SENTENCE], sources: [SOURCE_KEY] },
        },
      );
      expect(link).toEqual({ upsertRelationship: { __typename: 'MutationUpsertRelationshipSuccess' } });
      // What the page must show, asked of the API itself.
      const { data } = await execute<{
        conflicts: {
          edges: {
            node: {
              id: string;
              values: { value: { units: number }; preferred: boolean; support: { sources: { key: string }[]; evidenceSentences: string[] }[] }[];
            };
          }[];
        };
      }>(testApp(), '{ conflicts(subject: "bytedance") { edges { node { id values { value preferred support { sources { key } evidenceSentences } } } } } }');
      const conflict = data!.conflicts.edges.map((e) => e.node).find((c) => c.id === 'LINK:bytedance|BUYS|hopper|2024')!;
      expect(conflict.values.map((v) => [v.value.units, v.preferred, v.support[0]!.sources[0]!.key])).toEqual([
        [230000, true, 'caijing-2025-us-cn-ai-compute-capex'],
        [250000, false, SOURCE_KEY],
      ]);
      const articleSentence = conflict.values[0]!.support[0]!.evidenceSentences[0]!;

      const { page, problems } = await open('/?view=entity&key=bytedance');
      const card = page.locator(`.conflicts .conflict[data-id="LINK:bytedance|BUYS|hopper|2024"]`);
      await card.waitFor();
      expect(await page.locator('#conflicts-title').textContent()).toContain('Disagreements');
      const columns = card.locator('.columns > .column');
      expect(await columns.count()).toBe(2);
      const [preferred, other] = [columns.nth(0), columns.nth(1)];
      expect(await preferred.getAttribute('data-preferred')).toBe('true');
      expect(await preferred.locator('.value').textContent()).toContain('units: 230000');
      expect(await preferred.locator('.badge.preferred').textContent()).toBe('preferred');
      expect(await preferred.locator('.statement').getAttribute('data-source')).toBe('caijing-2025-us-cn-ai-compute-capex');
      expect(await preferred.locator('blockquote').first().textContent()).toBe(articleSentence);
      expect(await other.getAttribute('data-preferred')).toBe('false');
      expect(await other.locator('.value').textContent()).toContain('units: 250000');
      expect(await other.locator('.badge.preferred').count()).toBe(0);
      expect(await other.locator('.statement').getAttribute('data-source')).toBe(SOURCE_KEY);
      expect(await other.locator('cite').textContent()).toBe('Explorer test: a second source');
      expect(await other.locator('blockquote').first().textContent()).toBe(SENTENCE);
      // Side by side on a wide screen; the rule is stated once for the section.
      const [left, right] = [await preferred.boundingBox(), await other.boundingBox()];
      expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
      expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
      expect(await page.locator('.conflicts .rule').count()).toBe(1);
      expect(await page.locator('.conflicts .rule').textContent()).toContain('Stated over derived');

      // The link itself, under Links: both statements, each with its values and sentence.
      const buys = page.locator('.link-group[data-type=BUYS] li[data-other=hopper]').filter({ hasText: 'units: 230000' });
      expect(await buys.locator('summary .badge.conflict').textContent()).toBe('2 sources');
      await buys.locator('summary').click();
      expect(await buys.locator('.statement').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.source))).toEqual([
        'caijing-2025-us-cn-ai-compute-capex',
        SOURCE_KEY,
      ]);
      expect(await buys.locator('.column .value').allTextContents()).toEqual([
        expect.stringContaining('units: 230000'),
        expect.stringContaining('units: 250000'),
      ]);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'conflicts-bytedance');
      expect(problems).toEqual([]);

      // 中文 labels, and the columns stacked on a narrow screen.
      const narrow = await open('/?view=entity&key=bytedance&lang=zh', { width: 390, height: 844 });
      const zhCard = narrow.page.locator(`.conflict[data-id="LINK:bytedance|BUYS|hopper|2024"]`);
      await zhCard.waitFor();
      expect(await narrow.page.locator('#conflicts-title').textContent()).toContain('来源分歧');
      expect(await zhCard.locator('.badge.preferred').textContent()).toBe('采用');
      expect(await narrow.page.locator('.conflicts .rule').textContent()).toContain('采用值的选取规则');
      const [top, bottom] = [await zhCard.locator('.column').nth(0).boundingBox(), await zhCard.locator('.column').nth(1).boundingBox()];
      expect(bottom!.y).toBeGreaterThanOrEqual(top!.y + top!.height);
      expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await zhCard.scrollIntoViewIfNeeded();
      await screenshot(narrow.page, 'conflicts-bytedance-narrow-zh');
      expect(narrow.problems).toEqual([]);

      // The edge panel of the neighbourhood: the same columns for the clicked relationship.
      const graph = await open('/?view=neighbourhood&key=bytedance&depth=1');
      await graph.page.locator('.graph[data-nodes]').waitFor();
      await clickEdge(graph.page, 'bytedance|BUYS|hopper|2024');
      const panel = graph.page.locator('.panel .relation-details');
      await panel.waitFor();
      const statements = panel.locator('.side-by-side .column');
      expect(await statements.count()).toBe(2);
      expect(await statements.nth(0).getAttribute('data-preferred')).toBe('true');
      expect(await statements.nth(0).locator('blockquote').first().textContent()).toBe(articleSentence);
      expect(await statements.nth(1).locator('.value').textContent()).toContain('units: 250000');
      expect(await statements.nth(1).locator('blockquote').first().textContent()).toBe(SENTENCE);
      expect(await panel.locator('.side-caption').textContent()).toContain('sources disagree');
      await screenshot(graph.page, 'conflicts-bytedance-edge-panel');
      expect(graph.problems).toEqual([]);
    } finally {
      await write(`mutation ($input: RelationIdInput!) { removeRelationship(input: $input) { __typename } }`, {
        input: { type: 'BUYS', from: 'bytedance', to: 'hopper', period: '2024', source: SOURCE_KEY },
      }).catch(() => undefined);
      await atlas.db.write(`MATCH (n:Entity {key: $key}) DETACH DELETE n`, { key: SOURCE_KEY });
      // The source's own claim, and its retracted claim of the link (kept as history by removeRelationship).
      await atlas.db.write(`MATCH (c:Claim) WHERE c.target = $key OR c.source = $key OR $key IN c.sources DETACH DELETE c`, { key: SOURCE_KEY });
    }
    expect(await graphCounts(atlas.db)).toMatchObject({
      nodes: counts.nodes,
      relationships: counts.relationships,
      properties: counts.properties,
      claims: counts.claims,
    });
    const { data } = await execute<{ conflicts: { totalCount: number } }>(testApp(), '{ conflicts(subject: "bytedance") { totalCount } }');
    expect(data!.conflicts.totalCount).toBe(0);
  });

  it('says what went wrong instead of a blank page: an unknown key, a database that is down', async () => {
    const unknown = await open('/?view=entity&key=no-such-entity');
    const alert = unknown.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await alert.textContent()).toContain('no-such-entity');
    expect(unknown.problems).toEqual([]);

    const down = await open('/?view=figures&metric=CAPEX&period=2024', { base: unreachable.url });
    const error = down.page.getByRole('alert');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('DATABASE_UNAVAILABLE');
    expect(await error.textContent()).toContain('unavailable');
    expect(await error.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await screenshot(down.page, 'error-database-down');
    // The failed GraphQL answers are the point here; the browser logs nothing else.
    expect(down.problems.filter((p) => !p.includes('/graphql') && !p.includes('503'))).toEqual([]);
  });
});

describe('GraphiQL in a browser, offline', () => {
  it('renders from local files and runs its first tab', async () => {
    const { page, problems } = await open('/graphql');
    await page.locator('.graphiql-container').first().waitFor();
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count()).toBe(GRAPHIQL_TABS.length);
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent()).toContain('companies(filter');
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 15_000 }).toContain('"totalCount"');
    expect(await response.textContent()).not.toContain('"errors"');
    expect(await page.getByRole('link', { name: /explorer/ }).getAttribute('href')).toBe('/');
    await screenshot(page, 'graphiql');
    expect(problems).toEqual([]);
  });

  it('opens on the README example queries, each of which runs without errors', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { query } of GRAPHIQL_TABS) {
      expect(readme).toContain(query.replace(/^#.*\n/, ''));
      const response = await execute(testApp(), query);
      expect(response.errors).toBeUndefined();
    }
  });
});
