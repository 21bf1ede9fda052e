import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalize.js';
import { renderScript } from '../../src/text/script.js';
import { execute, useTestApp } from '../helpers.js';

// SIMPLIFIED writes the names the graph knows as the graph does: OpenCC alone turns 華為昇騰 into
// 华为升腾, while the entity's own simplified name (and Huawei's) is 华为昇腾.

const DATA_DIR = path.resolve('seed/data');
const items = readdirSync(DATA_DIR)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as Record<string, unknown>[]);

const toTraditional = Converter({ from: 'cn', to: 'tw' });
const HAN = /\p{Script=Han}/u;

/**
 * Every entity with a Chinese name, and the spellings of that name the graph knows: nameZh, its
 * traditional form, and each name or alias with the same traditional form (字節跳動 for 字节跳动).
 */
const entities = items
  .filter((item) => typeof item.key === 'string' && typeof item.nameZh === 'string' && HAN.test(item.nameZh))
  .map((item) => {
    const nameZh = item.nameZh as string;
    const traditional = toTraditional(nameZh);
    const others = [item.name, ...((item.aliases as unknown[]) ?? [])].filter((s): s is string => typeof s === 'string');
    const spellings = new Set([nameZh, traditional, ...others.filter((s) => toTraditional(s) === traditional)]);
    return { key: item.key as string, nameZh, spellings: [...spellings] };
  });

/** Every evidence sentence and quote text of seed/data, wherever it sits in an item, cleaned as the API serves it. */
const sentences = (() => {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const item = value as Record<string, unknown>;
    for (const text of [item.evidence, 'about' in item ? item.text : null].flat()) if (typeof text === 'string') found.add(normalizeText(text));
    Object.values(item).forEach(walk);
  };
  walk(items);
  return [...found];
})();

describe('SIMPLIFIED rendering of the names the graph knows', () => {
  it("renders every entity's Chinese name, in either script, as its nameZh", () => {
    expect(entities.length).toBeGreaterThan(50);
    const wrong = entities.flatMap(({ key, nameZh, spellings }) =>
      spellings.map((s) => ({ key, spelling: s, rendered: renderScript(s, 'SIMPLIFIED'), nameZh })).filter((r) => r.rendered !== r.nameZh),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps a short name as the entity writes it: 昇騰910 → 昇腾910', () => {
    expect(renderScript('昇騰910', 'SIMPLIFIED')).toBe('昇腾910');
    expect(renderScript('如英偉達的A100/A800、H20等,華為昇騰910系列)年出貨量', 'SIMPLIFIED')).toBe('如英伟达的A100/A800、H20等,华为昇腾910系列)年出货量');
  });

  it('gives every seed sentence that names an entity that entity’s nameZh', () => {
    expect(sentences.length).toBeGreaterThan(100);
    const wrong: { key: string; nameZh: string; rendered: string }[] = [];
    for (const sentence of sentences) {
      const rendered = renderScript(sentence, 'SIMPLIFIED');
      for (const { key, nameZh, spellings } of entities) {
        if (spellings.some((s) => sentence.includes(s)) && !rendered.includes(nameZh)) wrong.push({ key, nameZh, rendered });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('differs from OpenCC only in those names', () => {
    const opencc = Converter({ from: 'tw', to: 'cn' });
    let differing = 0;
    for (const sentence of sentences) {
      const named = entities.filter((e) => e.spellings.some((s) => sentence.includes(s)));
      const expected = named.reduce((text, e) => e.spellings.reduce((t, s) => t.replaceAll(opencc(s), e.nameZh), text), opencc(sentence));
      expect(renderScript(sentence, 'SIMPLIFIED'), sentence).toBe(expected);
      if (expected !== opencc(sentence)) differing += 1;
    }
    expect(differing).toBeGreaterThan(0);
  });
});

describe('the API', () => {
  const atlas = useTestApp();

  it('serves the China chip-shipment figure with 华为昇腾 in simplified', async () => {
    const { data, errors } = await execute(
      atlas.app,
      `{ entity(key: "china") { financials { evidenceVerbatim simplified: evidence(script: SIMPLIFIED) } }
         huawei: entity(key: "huawei-ascend-910") { nameZh } }`,
    );
    expect(errors).toBeUndefined();
    const ascend = data!.entity.financials.filter((f: any) => f.evidenceVerbatim.includes('華為昇騰'));
    expect(ascend.length).toBeGreaterThan(0);
    for (const fact of ascend) {
      expect(fact.simplified).toContain(data!.huawei.nameZh);
      expect(fact.simplified).not.toContain('升腾');
    }
  });

  it("gives every quote's SIMPLIFIED text the nameZh of each entity it names", async () => {
    const { data, errors } = await execute(atlas.app, '{ quotes(first: 100) { edges { node { text simplified: text(script: SIMPLIFIED) } } } }');
    expect(errors).toBeUndefined();
    const quotes = data!.quotes.edges.map((e: any) => e.node);
    expect(quotes.length).toBeGreaterThan(10);
    const wrong: { key: string; simplified: string }[] = [];
    for (const { text, simplified } of quotes) {
      for (const { key, nameZh, spellings } of entities) {
        if (spellings.some((s) => text.includes(s)) && !simplified.includes(nameZh)) wrong.push({ key, simplified });
      }
    }
    expect(wrong).toEqual([]);
  });
});
