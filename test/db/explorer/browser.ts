import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseApiKeys } from '../../../src/core/auth.js';
import { createApp } from '../../../src/http/server.js';
import { buildWeb } from '../../../web/build.js';
import type { Database } from '../../../src/db/database.js';
import { limits, testDatabase } from '../../helpers.js';

// The setup the explorer suites share: the web bundle built, the app served over the suite's
// database (and, for the error views, over one nobody listens on), headless Chromium, and the
// helpers that open a page, take its screenshot and click the drawn graph.

const SCREENSHOTS = new URL('../../../test-output/screenshots/', import.meta.url);
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
export function testApp(): ReturnType<typeof createApp> {
  app ??= createApp({ db: atlas.db, limits, apiKeys: parseApiKeys(`tester:${WRITER_SECRET}:read+write`), audit: () => undefined });
  return app;
}

export async function write<T = Record<string, any>>(query: string, variables: Record<string, unknown>): Promise<T> {
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
/** The explorer over the suite's database; live bindings, set once useExplorer's beforeAll has run. */
export let atlas: Served;
/** The explorer over a database nobody listens on: only with useExplorer({ unreachable: true }). */
export let unreachable: Served;

/** Builds the web bundle, serves the explorer and launches Chromium for the tests of one file. */
export function useExplorer(options: { unreachable?: boolean } = {}): void {
  beforeAll(async () => {
    await buildWeb();
    await mkdir(SCREENSHOTS, { recursive: true });
    atlas = await serve(testDatabase());
    // A database nobody listens on: the real DATABASE_UNAVAILABLE path, not a mocked answer.
    if (options.unreachable) unreachable = await serve(testDatabase({ uri: `bolt://127.0.0.1:${await freePort()}`, connectTimeoutMs: 1_000 }));
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
}

interface Opened {
  page: Page;
  /** External requests, page errors, console errors (CSP violations among them) and failed responses. */
  problems: string[];
}

/** A phone (390×844), for the views that must work on one. */
export const PHONE = { width: 390, height: 844 };

export async function open(path: string, { width = 1280, height = 800, base = atlas.url } = {}): Promise<Opened> {
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

let axeSource: string | undefined;

/**
 * Runs axe-core in the page (evaluated, so the page's self-only policy still holds) and returns the
 * serious and critical violations: none is the bar every view must meet.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: false });
}

/**
 * Clicks a drawn edge, as a person would (the drawing is a canvas): at its middle, unless a node or
 * its label lies over that point in this (random) layout; then at the first clear point along it.
 */
export async function clickEdge(page: Page, id: string): Promise<void> {
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

export async function clickNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const cy = window.atlasGraph!;
    const { x, y } = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

export const drawnNodes = (page: Page) =>
  page.evaluate(() =>
    window
      .atlasGraph!.nodes()
      .map((node) => node.id())
      .sort(),
  );
