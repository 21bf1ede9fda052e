import { describe, expect, it } from 'vitest';
import { execute, graphCounts } from '../../helpers.js';
import { atlas, clickEdge, open, screenshot, testApp, useExplorer, write } from './browser.js';

// Two sources that disagree, shown side by side on the entity page and in the edge panel: the test
// writes the second source and removes it again.

useExplorer();

describe('explorer in a browser, offline', () => {
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
      expect(await preferred.locator('.value').textContent()).toContain('units: 230,000');
      expect(await preferred.locator('.badge.preferred').textContent()).toBe('preferred');
      expect(await preferred.locator('.statement').getAttribute('data-source')).toBe('caijing-2025-us-cn-ai-compute-capex');
      expect(await preferred.locator('blockquote').first().textContent()).toBe(articleSentence);
      expect(await other.getAttribute('data-preferred')).toBe('false');
      expect(await other.locator('.value').textContent()).toContain('units: 250,000');
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
      const buys = page.locator('.link-group[data-type=BUYS] li[data-other=hopper]').filter({ hasText: 'units: 230,000' });
      expect(await buys.locator('summary .badge.conflict').textContent()).toBe('2 sources');
      await buys.locator('summary').click();
      expect(await buys.locator('.statement').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.source))).toEqual([
        'caijing-2025-us-cn-ai-compute-capex',
        SOURCE_KEY,
      ]);
      expect(await buys.locator('.column .value').allTextContents()).toEqual([
        expect.stringContaining('units: 230,000'),
        expect.stringContaining('units: 250,000'),
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
      expect(await statements.nth(1).locator('.value').textContent()).toContain('units: 250,000');
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
});
