import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { clickNode, drawnNodes, open, screenshot, testApp, useExplorer } from './browser.js';

// The neighbourhood drawing keeps the reader's mental map: the same URL draws the same picture,
// expanding a node leaves the others where they were, and depth 2 collapses busy groups of leaves.

useExplorer();

type Positions = Record<string, { x: number; y: number }>;

const positions = (page: Page): Promise<Positions> =>
  page.evaluate(() => Object.fromEntries(window.atlasGraph!.nodes().map((node) => [node.id(), { ...node.position() }])));

async function drawn(path: string): Promise<{ page: Page; problems: string[]; at: Positions }> {
  const { page, problems } = await open(path);
  await page.locator('.graph[data-nodes]').waitFor();
  return { page, problems, at: await positions(page) };
}

const furthest = (a: Positions, b: Positions, keys: string[]) => Math.max(...keys.map((key) => Math.hypot(a[key]!.x - b[key]!.x, a[key]!.y - b[key]!.y)));

describe('neighbourhood layout', () => {
  it('draws the same picture on every load of the same URL', async () => {
    for (const path of [
      '/?view=neighbourhood&key=bytedance&depth=1',
      '/?view=neighbourhood&key=china&depth=2',
      '/?view=neighbourhood&key=h20&depth=1&expand=nvidia',
    ]) {
      const first = await drawn(path);
      const second = await drawn(path);
      expect(Object.keys(second.at).sort()).toEqual(Object.keys(first.at).sort());
      expect(Object.keys(first.at).length).toBeGreaterThan(5);
      expect(furthest(first.at, second.at, Object.keys(first.at))).toBeLessThan(0.5);
      expect([...first.problems, ...second.problems]).toEqual([]);
      await first.page.context().close();
      await second.page.context().close();
    }
  });

  it('keeps the drawn nodes where they are when a node is expanded', async () => {
    const { page, problems, at } = await drawn('/?view=neighbourhood&key=h20&depth=1');
    const before = Object.keys(at);
    expect(before).toContain('nvidia');
    await clickNode(page, 'nvidia');
    await expect.poll(async () => (await drawnNodes(page)).length, { timeout: 15_000 }).toBeGreaterThan(before.length);
    expect(new URL(page.url()).searchParams.get('expand')).toBe('nvidia');
    const after = await positions(page);
    expect(furthest(at, after, before)).toBeLessThan(3);
    // The new nodes were laid out near the node that was expanded, not far off.
    const added = Object.keys(after).filter((key) => !before.includes(key));
    const nvidia = after.nvidia!;
    const spread = Math.max(...before.map((key) => Math.hypot(at[key]!.x - nvidia.x, at[key]!.y - nvidia.y)));
    for (const key of added) expect(Math.hypot(after[key]!.x - nvidia.x, after[key]!.y - nvidia.y)).toBeLessThan(spread * 3);
    await screenshot(page, 'neighbourhood-h20-expanded');
    expect(problems).toEqual([]);
  });

  it('collapses busy groups at depth 2 into "+N more" nodes that open on a click', async () => {
    const { data } = await execute<{ neighborhood: { nodes: { key: string }[] } }>(testApp(), '{ neighborhood(key: "bytedance", depth: 2) { nodes { key } } }');
    const raw = data!.neighborhood.nodes.length;
    const { page, problems } = await drawn('/?view=neighbourhood&key=bytedance&depth=2');
    const more = await page.evaluate(() => window.atlasGraph!.nodes('.more').map((node) => ({ id: node.id(), name: node.data('name') as string })));
    expect(more.length).toBeGreaterThan(0);
    expect(more[0]!.name).toMatch(/^\+\d+ more \([^)]+\)$/);
    const entities = (await drawnNodes(page)).filter((key) => !key.startsWith('more:'));
    expect(entities.length).toBeLessThan(raw);
    await screenshot(page, 'neighbourhood-bytedance-d2');

    const hidden = Number(more[0]!.name.match(/\d+/)![0]);
    await clickNode(page, more[0]!.id);
    await expect
      .poll(async () => (await drawnNodes(page)).filter((key) => !key.startsWith('more:')).length, { timeout: 15_000 })
      .toBe(entities.length + hidden);
    expect(new URL(page.url()).searchParams.get('open')).toBe(more[0]!.id);
    // The opened group is part of the URL, so a reload draws it opened, in the same place.
    const opened = await positions(page);
    const again = await drawn(new URL(page.url()).search.replace(/^/, '/'));
    expect(furthest(opened, again.at, Object.keys(opened))).toBeLessThan(0.5);
    expect([...problems, ...again.problems]).toEqual([]);
  });
});
