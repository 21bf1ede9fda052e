import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

// Search forgives typos only when the words as written find nothing, so an exact name still ranks
// first; it keeps to the labels asked for, and pages through every hit once.

const atlas = useTestApp();

const SEARCH = `query ($text: String!, $labels: [EntityLabel!], $first: Int, $after: String) {
  search(text: $text, labels: $labels, first: $first, after: $after) {
    fuzzy totalCount pageInfo { hasNextPage endCursor } edges { score node { key label } }
  }
}`;

async function search(variables: Record<string, unknown>) {
  const { data, errors } = await execute(atlas.app, SEARCH, variables);
  expect(errors, JSON.stringify(variables)).toBeUndefined();
  return data!.search as {
    fuzzy: boolean;
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { score: number; node: { key: string; label: string } }[];
  };
}

describe('search with typos', () => {
  it.each([
    ['bytdance', 'bytedance'],
    ['bytedanse', 'bytedance'],
    ['tencnet', 'tencent'],
    ['nvidai', 'nvidia'],
    ['alibbaba', 'alibaba'],
  ])('"%s" finds %s first, marked fuzzy', async (text, key) => {
    const found = await search({ text, first: 5 });
    expect(found.fuzzy).toBe(true);
    expect(found.edges[0]?.node.key).toBe(key);
    expect(found.totalCount).toBeGreaterThanOrEqual(found.edges.length);
  });

  it('ranks the exact name first and is not fuzzy when the words as written hit', async () => {
    for (const [text, key] of [
      ['tencent', 'tencent'],
      ['ByteDance', 'bytedance'],
      ['字节跳动', 'bytedance'],
      ['騰訊', 'tencent'],
    ]) {
      const found = await search({ text, first: 5 });
      expect(found.fuzzy, text).toBe(false);
      expect(found.edges[0]?.node.key, text).toBe(key);
    }
  });

  it('does not forgive short words: h20 does not become h100', async () => {
    const found = await search({ text: 'h2o', first: 5 });
    expect(found.fuzzy).toBe(false);
    expect(found.edges).toEqual([]);
    expect(found.totalCount).toBe(0);
  });

  it('keeps to the labels asked for, with typos too', async () => {
    const chips = await search({ text: 'nvidia', labels: ['Chip'], first: 20 });
    expect(chips.edges.length).toBeGreaterThan(0);
    expect(new Set(chips.edges.map((e) => e.node.label))).toEqual(new Set(['Chip']));
    const companies = await search({ text: 'bytdance', labels: ['Company'], first: 5 });
    expect(companies.fuzzy).toBe(true);
    expect(companies.edges.map((e) => e.node.label).every((label) => label === 'Company')).toBe(true);
    expect(companies.edges[0]?.node.key).toBe('bytedance');
    // Nothing of that label as written, so the typo search answers within the label.
    const policies = await search({ text: 'bytdance', labels: ['Policy'], first: 5 });
    expect(policies.edges.every((e) => e.node.label === 'Policy')).toBe(true);
  });

  it.each(['nvidia', 'bytdance'])('pages through every hit of "%s" once, in the order of one long page', async (text) => {
    const all = await search({ text, first: 100 });
    const keys: string[] = [];
    let after: string | null = null;
    do {
      const page = await search({ text, first: 3, after });
      expect(page.fuzzy).toBe(all.fuzzy);
      expect(page.totalCount).toBe(all.totalCount);
      keys.push(...page.edges.map((e) => e.node.key));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(all.edges.map((e) => e.node.key));
    expect(keys.length).toBe(all.totalCount);
  });

  it('answers totalCount alone (first: 0) with the same mode', async () => {
    const counted = await search({ text: 'bytdance', first: 0 });
    expect(counted.edges).toEqual([]);
    expect(counted.fuzzy).toBe(true);
    expect(counted.totalCount).toBeGreaterThan(0);
  });
});
