import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from '../explorer/browser.js';

// What the public datasets add to the entity page (issue 21, items 2 and 4): a chip's specifications
// from the ML hardware dataset, and a company's designations (DoD 1260H, FCC...) on a timeline.

useExplorer();

describe('entity page on the datasets graph', () => {
  it('shows an H100’s specifications from the ML hardware dataset in the units people quote', async () => {
    const { data } = await execute<{ chips: { edges: { node: { key: string; name: string; tdpWatts: number | null; memoryBytes: number | null } }[] } }>(
      testApp(),
      '{ chips(family: "hopper", first: 50) { edges { node { key name tdpWatts memoryBytes } } } }',
    );
    const h100 = data!.chips.edges.map((edge) => edge.node).find((chip) => /H100/.test(chip.name) && chip.tdpWatts !== null && chip.memoryBytes !== null)!;
    expect(h100).toBeDefined();
    const { page, problems } = await open(`/?view=entity&key=${h100.key}`);
    const specs = page.locator('.chip-specs');
    await specs.waitFor({ timeout: 90_000 });
    const text = await specs.textContent();
    expect(text).toContain(`Thermal design power${h100.tdpWatts!.toLocaleString('en-US')} W`);
    expect(text).toContain(`Memory${h100.memoryBytes! / 1e9} GB`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'datasets-entity-h100-specs');
    const zh = await open(`/?view=entity&key=${h100.key}&lang=zh`, PHONE);
    await zh.page.locator('.chip-specs').waitFor({ timeout: 90_000 });
    expect(await zh.page.locator('.chip-specs h2').textContent()).toBe('规格');
    await screenshot(zh.page, 'datasets-entity-h100-specs-phone-zh');
    expect([...problems, ...zh.problems]).toEqual([]);
  }, 300_000);

  it('draws Huawei’s designations on a timeline, one row per list, and lists each with its evidence', async () => {
    const { data } = await execute<{ company: { designations: { since: string | null; current: boolean; policy: { key: string } }[] } }>(
      testApp(),
      '{ company(key: "huawei") { designations { since current policy { key } } } }',
    );
    const designations = data!.company.designations;
    expect(designations.some((d) => d.policy.key === 'dod-1260h-list')).toBe(true);
    const { page, problems } = await open('/?view=entity&key=huawei');
    const section = page.locator('.designations');
    await section.waitFor({ timeout: 90_000 });
    expect(await section.locator('.designation-list > li').count()).toBe(designations.length);
    expect(await section.locator('svg.designation-timeline .timeline-bar').count()).toBe(designations.filter((d) => d.since).length);
    const listed1260h = section.locator('.designation-list > li[data-policy=dod-1260h-list]').first();
    expect(await listed1260h.getAttribute('data-since')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await listed1260h.locator('summary').click();
    expect(await listed1260h.locator('.evidence blockquote').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    expect(await seriousViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'datasets-entity-huawei-designations');
    const zh = await open('/?view=entity&key=huawei&lang=zh', PHONE);
    await zh.page.locator('.designations').scrollIntoViewIfNeeded({ timeout: 90_000 });
    expect(await zh.page.locator('.designations h2').textContent()).toBe('被列入的名单');
    expect(await zh.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(zh.page, 'datasets-entity-huawei-designations-phone-zh');
    expect([...problems, ...zh.problems]).toEqual([]);
  }, 300_000);
});
