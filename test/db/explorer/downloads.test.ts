import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ENTITY_LABELS } from '../../../src/core/model.js';
import { execute } from '../../helpers.js';
import { open, testApp, useExplorer } from './browser.js';

// Every download button of the views that offer one, clicked in Chromium: each file read back by a
// real parser (csv-parse, NetworkX for GraphML, graphology-gexf) and compared with what the page
// shows and with the graph version the API answers.

useExplorer();

interface Downloaded {
  format: string;
  name: string;
  body: string;
}

/** Clicks each button of the view's Download menu and returns the files the browser saved. */
async function downloadAll(page: Page): Promise<Downloaded[]> {
  const menu = page.locator('details.downloads').first();
  await menu.locator('summary').click();
  const files: Downloaded[] = [];
  for (const button of await menu.locator('button.download').all()) {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const body = await readFile((await download.path())!, 'utf8');
    files.push({ format: (await button.getAttribute('data-format'))!, name: download.suggestedFilename(), body });
  }
  return files;
}

async function apiGraphVersion(): Promise<string> {
  const { data } = await execute<{ graphVersion: string }>(testApp(), '{ graphVersion }');
  return data!.graphVersion;
}

const csvRows = (body: string) => parse(body, { bom: true, columns: true }) as Record<string, string>[];

interface ReadGraph {
  graph: Record<string, string>;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}

function readGraphML(body: string): ReadGraph {
  const script = `import sys, json, networkx as nx
g = nx.read_graphml(sys.stdin.buffer)
print(json.dumps({"graph": g.graph, "nodes": dict(g.nodes(data=True)), "edges": [[u, v, d] for u, v, d in g.edges(data=True)]}))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: body }).toString()) as ReadGraph;
}

/**
 * The entities the drawing stands for: each drawn node, and for a collapsed "+N more" node (busy
 * categories at depth 2) the entities it holds. The files hold every entity of the answer.
 */
const drawnEntities = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.nodes()
      .toArray()
      .flatMap((node) => (node.hasClass('more') ? (node.data('members') as string[]) : [node.id()]))
      .sort(),
  );

/** The links drawn between entities (not those to a "+N more" node). */
const drawnEdges = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.edges()
      .not('.more-edge')
      .map((edge) => `${edge.data('source')}>${edge.data('target')}`)
      .sort(),
  );

/** Checks the files every view offers: BOM and parsing CSV, the version in each, graphs against the drawing. */
async function checkFiles(page: Page, files: Downloaded[]): Promise<void> {
  const version = await apiGraphVersion();
  expect(files.map((file) => file.format)).toContain('json');
  for (const file of files) {
    expect(file.name).toContain(version);
    if (file.format.startsWith('csv:')) {
      expect(Buffer.from(file.body, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      for (const row of csvRows(file.body)) expect(row.graphVersion).toBe(version);
    } else if (file.format === 'json') {
      expect(JSON.parse(file.body).graphVersion).toBe(version);
    } else if (file.format === 'graphml') {
      const read = readGraphML(file.body);
      expect(read.graph.graphVersion).toBe(version);
      expect(Object.keys(read.nodes).sort()).toEqual(await drawnEntities(page));
      const edges = read.edges.map(([from, to]) => `${from}>${to}`).sort();
      const collapsed = await page.evaluate(() => window.atlasGraph!.nodes('.more').length);
      if (collapsed) expect(edges).toEqual(expect.arrayContaining(await drawnEdges(page)));
      else expect(edges).toEqual(await drawnEdges(page));
      const names = await page.evaluate(() => Object.fromEntries(window.atlasGraph!.nodes().map((node) => [node.id(), node.data('name')])));
      for (const [key, node] of Object.entries(read.nodes)) {
        expect(ENTITY_LABELS as readonly unknown[]).not.toContain(node.label);
        expect(ENTITY_LABELS as readonly unknown[]).toContain(node.type);
        if (names[key]) expect(node.label).toBe(names[key]);
      }
    } else if (file.format === 'gexf') {
      const read = parseGexf(MultiDirectedGraph, file.body);
      expect(read.order).toBe((await drawnEntities(page)).length);
      const collapsed = await page.evaluate(() => window.atlasGraph!.nodes('.more').length);
      if (collapsed) expect(read.size).toBeGreaterThanOrEqual((await drawnEdges(page)).length);
      else expect(read.size).toBe((await drawnEdges(page)).length);
      expect(file.body).toContain(`graph version ${version}`);
    }
  }
}

describe('downloads on the exposure view', () => {
  it('offers the companies, the evidence hop by hop, the answer and the graph, each as the page shows them', async () => {
    const { page, problems } = await open('/?view=exposure&chip=h20&kinds=EXPORT_CONTROL');
    await page.locator('.graph[data-nodes]').waitFor();
    const files = await downloadAll(page);
    expect(files.map((file) => file.format).sort()).toEqual(['csv:companies', 'csv:evidence', 'gexf', 'graphml', 'json']);
    await checkFiles(page, files);

    const cards = await page.locator('.exposure-card').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-company')));
    const companies = csvRows(files.find((file) => file.format === 'csv:companies')!.body);
    expect(companies.map((row) => row.companyKey)).toEqual(cards);
    const hops = csvRows(files.find((file) => file.format === 'csv:evidence')!.body);
    expect(hops).toHaveLength(await page.locator('.exposure-card .hop').count());
    expect(hops.map((row) => row.type)).toEqual(
      await page.locator('.exposure-card .hop').evaluateAll((items) => items.map((item) => item.getAttribute('data-type'))),
    );
    const json = JSON.parse(files.find((file) => file.format === 'json')!.body) as { data: { exposure: { company: { key: string } }[] } };
    expect(json.data.exposure.map((e) => e.company.key)).toEqual(cards);
    expect(problems).toEqual([]);
  });
});

describe('downloads on the paths view', () => {
  it('offers the paths as hops, the answer and the graph, each as the page shows them', async () => {
    const { page, problems } = await open('/?view=paths&from=bytedance&to=hopper&maxHops=4');
    await page.locator('.graph[data-nodes]').waitFor();
    const files = await downloadAll(page);
    expect(files.map((file) => file.format).sort()).toEqual(['csv:hops', 'gexf', 'graphml', 'json']);
    await checkFiles(page, files);

    const hops = csvRows(files.find((file) => file.format === 'csv:hops')!.body);
    const shown = await page
      .locator('.path-list > li.path')
      .evaluateAll((paths) =>
        paths.flatMap((path, index) => [...path.querySelectorAll('.hop')].map((hop, n) => `${index + 1}.${n + 1} ${hop.getAttribute('data-type')}`)),
      );
    expect(hops.map((row) => `${row.path}.${row.hop} ${row.type}`)).toEqual(shown);
    expect(problems).toEqual([]);
  });
});

// The other views get their menus from other changes of issue 21: whichever offers one is checked the same way.
const OTHER_VIEWS = [
  '/?view=entity&key=bytedance',
  '/?view=neighbourhood&key=bytedance&depth=1',
  '/?view=figures&metric=CAPEX&period=2024',
  '/?view=home',
  '/?view=browse',
  '/?view=map',
  '/?view=charts',
  '/?view=source&key=caijing-2025-us-cn-ai-compute-capex',
  '/?view=disagreements',
  '/?view=search&q=bytedance',
];

describe('downloads on the other views that offer them', () => {
  for (const path of OTHER_VIEWS) {
    it(`${path}: every file parses and carries the graph version`, async () => {
      const { page, problems } = await open(path);
      const menu = page.locator('details.downloads').first();
      const offered = await menu
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (!offered) return;
      const hasGraph = (await menu.locator('button[data-format="graphml"]').count()) > 0;
      if (hasGraph) await page.locator('.graph[data-nodes]').first().waitFor();
      await checkFiles(page, await downloadAll(page));
      expect(problems).toEqual([]);
    });
  }
});
