import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from '../explorer/browser.js';

// Browsing the graph with the public datasets imported: hundreds of data centers, page after page
// by the URL's filters, the designation lists among the policies, and the datasets on the home page.

useExplorer();

async function api(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute(testApp(), query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const rowKeys = (page: import('playwright-core').Page) =>
  page.locator('.browse-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.key!));

describe('browse the datasets graph', () => {
  it('pages through the data centers of one country, each page the API answer', async () => {
    const PAGE =
      'query ($after: String) { dataCenters(country: "us", first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } }';
    const first = (await api(PAGE)).dataCenters;
    const second = (await api(PAGE, { after: first.pageInfo.endCursor })).dataCenters;
    expect(first.totalCount).toBeGreaterThan(100);

    const { page, problems } = await open('/?view=browse&type=DataCenter&country=us');
    await page.locator('.browse-table').waitFor();
    expect(Number(await page.locator('.browse-summary .status').getAttribute('data-total'))).toBe(first.totalCount);
    expect(await page.locator('select[name=country]').inputValue()).toBe('us');
    expect(await rowKeys(page)).toEqual(first.edges.map((edge: { node: { key: string } }) => edge.node.key));
    expect(await page.locator('.browse-summary .status').textContent()).toBe(`Rows 1–50 of ${first.totalCount.toLocaleString('en-US')}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'browse-datacenters-us');

    await page.locator('.pager a[rel=next]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await page.locator('.browse-summary .status', { hasText: 'Rows 51–100' }).waitFor();
    expect(await rowKeys(page)).toEqual(second.edges.map((edge: { node: { key: string } }) => edge.node.key));
    expect(new URL(page.url()).searchParams.get('country')).toBe('us');
    expect(await page.locator('.browse-summary .status').textContent()).toBe(`Rows 51–100 of ${first.totalCount.toLocaleString('en-US')}`);

    // Filters narrow further: operating only.
    await page.locator('select[name=status]').selectOption('OPERATING');
    await page.getByRole('button', { name: 'Show' }).click();
    const operating = (await api('{ dataCenters(country: "us", status: OPERATING, first: 0) { totalCount } }')).dataCenters;
    await expect.poll(() => page.locator('.browse-summary .status').getAttribute('data-total'), { timeout: 15_000 }).toBe(String(operating.totalCount));
    expect(new URL(page.url()).searchParams.has('after')).toBe(false);
    expect(problems).toEqual([]);
  });

  it('lists the designation lists among the policies and Nvidia chips, in Chinese on a phone', async () => {
    const { policies } = await api('{ policies(kind: DESIGNATION_LIST, first: 50) { totalCount edges { node { key } } } }');
    const { page, problems } = await open('/?view=browse&type=Policy&kind=DESIGNATION_LIST&lang=zh', PHONE);
    await page.locator('.browse-table').waitFor();
    expect(await rowKeys(page)).toEqual(policies.edges.map((edge: { node: { key: string } }) => edge.node.key));
    expect(await page.locator('.browse-table tbody td').first().textContent()).toBe('制裁/指定名单');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'browse-designation-lists-zh-phone');

    const { chips } = await api('{ chips(vendor: "nvidia", first: 0) { totalCount } }');
    const nvidia = await open('/?view=browse&type=Chip&vendor=nvidia');
    await nvidia.page.locator('.browse-table').waitFor();
    expect(Number(await nvidia.page.locator('.browse-summary .status').getAttribute('data-total'))).toBe(chips.totalCount);
    expect(await seriousViolations(nvidia.page)).toEqual([]);
    await screenshot(nvidia.page, 'browse-chips-nvidia');
    expect([...problems, ...nvidia.problems]).toEqual([]);
  });

  it('shows the datasets and their counts on the home page, in both languages', async () => {
    const { overview, sources } = await api('{ overview { entities { label count } } sources(kind: DATASET, first: 50) { edges { node { key } } } }');
    for (const [path, name] of [
      ['/', 'home-datasets'],
      ['/?lang=zh', 'home-datasets-zh'],
    ] as const) {
      const { page, problems } = await open(path);
      await page.locator('.datasets li').first().waitFor();
      expect(await page.locator('.datasets li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.key))).toEqual(
        sources.edges.map((edge: { node: { key: string } }) => edge.node.key),
      );
      const dataCenters = overview.entities.find((entry: { label: string }) => entry.label === 'DataCenter').count;
      expect(Number(await page.locator('.counts li[data-label=DataCenter] .count').getAttribute('data-count'))).toBe(dataCenters);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, name);
      expect(problems).toEqual([]);
    }
  });
});
