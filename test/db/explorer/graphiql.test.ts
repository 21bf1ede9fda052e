import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from '../../../src/http/graphiql-tabs.js';
import { execute } from '../../helpers.js';
import { open, screenshot, testApp, useExplorer } from './browser.js';

// GraphiQL, served from local files, opening on the README's example queries.

useExplorer();

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
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const { query } of GRAPHIQL_TABS) {
      expect(readme).toContain(query.replace(/^#.*\n/, ''));
      const response = await execute(testApp(), query);
      expect(response.errors).toBeUndefined();
    }
  });
});
