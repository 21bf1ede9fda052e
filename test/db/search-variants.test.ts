import { describe, expect, it } from 'vitest';
import { hasPinyinNoise } from '../../src/text/normalize.js';
import { execute, useTestApp } from '../helpers.js';

// The same question in either script, or in Taiwan's or Hong Kong's usage, finds the same entity
// first with about the same score: the graph stores some names in one script only (英伟达H100),
// and some readers write Nvidia 輝達.

const atlas = useTestApp();

const SEARCH = 'query ($text: String!) { search(text: $text, first: 5) { totalCount edges { score node { key } } } }';

async function top(text: string): Promise<{ key: string; score: number; total: number }> {
  const { data, errors } = await execute(atlas.app, SEARCH, { text });
  expect(errors, text).toBeUndefined();
  const first = data!.search.edges[0];
  return { key: first?.node.key, score: first?.score ?? 0, total: data!.search.totalCount };
}

describe('search in either script', () => {
  it.each(['輝達', '辉达'])('finds Nvidia first for its Taiwan name %s', async (text) => {
    const [hit, nvidia] = [await top(text), await top('英伟达')];
    expect(hit.key).toBe('nvidia');
    expect(hit.score).toBeCloseTo(nvidia.score, 6);
  });

  it.each([
    ['bytedance', ['字节跳动', '字節跳動']],
    ['h100', ['英伟达H100', '英偉達H100']],
    ['jensen-huang', ['黄仁勋', '黃仁勳', '黃仁勛']],
    ['satya-nadella', ['纳德拉', '納德拉']],
    ['tencent', ['腾讯', '騰訊']],
    ['alibaba', ['阿里巴巴', '阿裏巴巴', '阿裡巴巴']],
    ['nvidia', ['英伟达', '英偉達']],
  ])('ranks %s first for %j, with scores within 10 percent of each other', async (key, texts) => {
    const hits = await Promise.all(texts.map(top));
    for (const [index, hit] of hits.entries()) expect(hit.key, texts[index]).toBe(key);
    const scores = hits.map((hit) => hit.score);
    expect(Math.min(...scores) / Math.max(...scores), `scores ${scores.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('still finds Latin names and the noisy alias as stored', async () => {
    expect((await top('ByteDance')).key).toBe('bytedance');
    expect((await top('字節(jié)跳動')).key).toBe('bytedance');
  });
});

describe('aliases', () => {
  it("serves ByteDance's aliases without the conversion's pinyin, each once", async () => {
    const { data, errors } = await execute(atlas.app, '{ entity(key: "bytedance") { aliases } }');
    expect(errors).toBeUndefined();
    const { aliases } = data!.entity;
    expect(aliases).toContain('字節跳動');
    expect(aliases.filter((alias: string) => alias.includes('(jié)'))).toEqual([]);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('serves no alias with pinyin noise, for every entity that stores one', async () => {
    const stored = await atlas.db.read<{ key: string; aliases: string[] }>(
      'MATCH (n:Entity) WHERE n.aliases IS NOT NULL RETURN n.key AS key, n.aliases AS aliases',
    );
    const noisy = stored.filter((e) => e.aliases.some(hasPinyinNoise)).map((e) => e.key);
    expect(noisy).toContain('bytedance');
    const query = `{ ${noisy.map((key, i) => `e${i}: entity(key: ${JSON.stringify(key)}) { aliases }`).join(' ')} }`;
    const { data, errors } = await execute(atlas.app, query);
    expect(errors).toBeUndefined();
    const served = Object.values(data!).flatMap((e: any) => e.aliases as string[]);
    expect(served.filter(hasPinyinNoise)).toEqual([]);
  });
});
