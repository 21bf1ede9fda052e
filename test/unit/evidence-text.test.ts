import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvidence, occursIn } from '../../src/ingest/validate.js';
import { GARBLED_RUNS, hasPinyinNoise, normalizeText } from '../../src/text/normalize.js';
import { renderScript } from '../../src/text/script.js';
import { readTranslations, translateEvidence } from '../../src/text/translations.js';
import { ANY_PINYIN } from '../fixtures/pinyin.js';

// Readable evidence: the conversion noise of the seed article removed for display, the verbatim
// bytes still checked and served, simplified script on request, and the curators' translations.

const DATA_DIR = path.resolve('seed/data');
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';
const SOURCE_TEXT = readFileSync(path.resolve('seed/sources', `${ARTICLE}.txt`), 'utf8');

/** Every evidence sentence and quote text of seed/data, wherever it sits in an item. */
function seedTexts(): { evidence: string[]; quotes: string[] } {
  const evidence = new Set<string>();
  const quotes = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const element of value) walk(element);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const item = value as Record<string, unknown>;
    if (typeof item.evidence === 'string') evidence.add(item.evidence);
    if (Array.isArray(item.evidence)) for (const s of item.evidence) if (typeof s === 'string') evidence.add(s);
    if (typeof item.text === 'string' && 'about' in item) quotes.add(item.text);
    Object.values(item).forEach(walk);
  };
  for (const file of readdirSync(DATA_DIR).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')));
  return { evidence: [...evidence], quotes: [...quotes] };
}

const { evidence: EVIDENCE, quotes: QUOTES } = seedTexts();
const ALL = [...EVIDENCE, ...QUOTES];
/** Article sentences only: the ones the article's text must contain. */
const ARTICLE_SENTENCES = ALL.filter((s) => SOURCE_TEXT.includes(s));

const han = (text: string) => [...text].filter((c) => /\p{Script=Han}/u.test(c)).join('');
const repairOnly = (text: string) => GARBLED_RUNS.reduce((t, [garbled, repaired]) => t.split(garbled).join(repaired), text);

describe('normalizeText', () => {
  it('drops the pinyin after Han characters and nothing else in parentheses', () => {
    expect(normalizeText('字節(jié)跳動')).toBe('字節跳動');
    expect(normalizeText('數(shù)據(jù)')).toBe('數據');
    expect(normalizeText('字節（jié）跳動')).toBe('字節跳動');
    for (const kept of [
      '微軟(48.5萬枚)',
      '五家美國科技公司(亞馬遜、微軟、谷歌、Meta、Oracle)',
      '10倍的Token(詞元,大模型推理算力單位)',
      '“星際之門”(Stargate)',
      '保護局(CBP)',
      '投資AI(人工智能)',
      'API(token)',
    ]) {
      expect(normalizeText(kept)).toBe(kept);
    }
    // Pinyin only counts after a Han character: Latin text in parentheses elsewhere stays.
    expect(normalizeText('Law (jié)')).toBe('Law (jié)');
  });

  it('repairs the garbled runs from the table', () => {
    expect(normalizeText('已經(jīng)出現(xiàn)?!敦斀?jīng)》了解到')).toBe('已經出現。《財經》了解到');
    expect(normalizeText('看到的需求?!?/p>')).toBe('看到的需求。”');
    expect(normalizeText('即規(guī)?;▌t,指')).toBe('即規模化法則,指');
    expect(normalizeText('中國科技公司??萍脊镜馁Y本支出率')).toBe('中國科技公司。科技公司的資本支出率');
    expect(normalizeText('是滯后的?,F(xiàn)在的算力')).toBe('是滯后的。現在的算力');
    // A real question mark is left alone.
    expect(normalizeText('2GW是什么概念?特斯拉')).toBe('2GW是什么概念?特斯拉');
  });

  it('cleans the whole article: no pinyin left, idempotent, no Han character lost', () => {
    const clean = normalizeText(SOURCE_TEXT);
    expect(clean).not.toMatch(ANY_PINYIN);
    expect(normalizeText(clean)).toBe(clean);
    expect(han(clean)).toBe(han(repairOnly(SOURCE_TEXT)));
    for (const [garbled] of GARBLED_RUNS) expect(SOURCE_TEXT, garbled).toContain(garbled);
  });

  it(`cleans every seed evidence sentence and quote text (${ALL.length})`, () => {
    expect(EVIDENCE.length).toBeGreaterThanOrEqual(100);
    expect(QUOTES.length).toBeGreaterThan(0);
    expect(ALL.some(hasPinyinNoise)).toBe(true);
    for (const raw of ALL) {
      const clean = normalizeText(raw);
      expect(clean, raw).not.toMatch(ANY_PINYIN);
      expect(hasPinyinNoise(clean), raw).toBe(false);
      expect(normalizeText(clean), raw).toBe(clean);
      // Only pinyin is dropped outside the repaired runs.
      expect(han(clean), raw).toBe(han(repairOnly(raw)));
      if (!GARBLED_RUNS.some(([garbled]) => raw.includes(garbled))) expect(clean.length, raw).toBeLessThanOrEqual(raw.length);
    }
  });
});

describe('renderScript', () => {
  it('converts to simplified with Taiwan usage, and keeps traditional as stored', () => {
    expect(renderScript('字節跳動沒有沿著這些理論', 'SIMPLIFIED')).toBe('字节跳动没有沿着这些理论');
    expect(renderScript('字節跳動', 'TRADITIONAL')).toBe('字節跳動');
    expect(renderScript('字節跳動', null)).toBe('字節跳動');
    expect(renderScript('Nvidia H20 (48.5萬枚)', 'SIMPLIFIED')).toBe('Nvidia H20 (48.5万枚)');
  });
});

describe('checkEvidence', () => {
  const texts = new Map([[ARTICLE, SOURCE_TEXT]]);
  const problems = (sentence: string) => {
    const found: string[] = [];
    checkEvidence({ evidence: [sentence], sources: [ARTICLE] }, texts, (message) => found.push(message));
    return found;
  };

  it(`accepts every seed sentence of the article verbatim and cleaned (${ARTICLE_SENTENCES.length})`, () => {
    expect(ARTICLE_SENTENCES.length).toBeGreaterThanOrEqual(100);
    for (const sentence of ARTICLE_SENTENCES) {
      expect(problems(sentence), sentence).toEqual([]);
      expect(problems(normalizeText(sentence)), sentence).toEqual([]);
      expect(occursIn(SOURCE_TEXT, normalizeText(sentence))).toBe(true);
    }
  });

  it('checks a quote text in either form', () => {
    const found: string[] = [];
    for (const text of QUOTES.filter((q) => SOURCE_TEXT.includes(q))) {
      checkEvidence({ text: normalizeText(text), about: [], sources: [ARTICLE] }, texts, (m) => found.push(m));
    }
    expect(found).toEqual([]);
  });

  it('refuses a sentence that is in neither form, with the same message', () => {
    expect(problems('英偉達2024年在火星市場收入613億美元。')).toEqual([`"英偉達2024年在火星市場收入613億美元。" is not verbatim in source ${ARTICLE}`]);
    // Changing a figure of a real sentence is refused in both forms.
    const real = ARTICLE_SENTENCES.find((s) => s.includes('777億美元'))!;
    expect(problems(real.replace('777億美元', '778億美元'))).toHaveLength(1);
    expect(problems(normalizeText(real).replace('777億美元', '778億美元'))).toHaveLength(1);
  });
});

describe('curated translations', () => {
  it('has an English translation for every evidence sentence of seed/data', () => {
    const translations = readTranslations();
    const missing = EVIDENCE.filter((sentence) => !translations.get(sentence)?.trim());
    expect(missing, `no translation in seed/translations/*.json for:\n${missing.join('\n')}`).toEqual([]);
  });

  it('keys every translation by a sentence as seed/data has it', () => {
    const known = new Set(EVIDENCE);
    const stale = [...readTranslations().keys()].filter((sentence) => !known.has(sentence));
    expect(stale, `translated sentences no item cites:\n${stale.join('\n')}`).toEqual([]);
  });

  it('looks a sentence up exactly and returns null for an unknown one', () => {
    const sentence = EVIDENCE.find((s) => s.includes('字節(jié)跳動'))!;
    expect(translateEvidence(sentence)).toBeTruthy();
    expect(translateEvidence(normalizeText(sentence))).toBeNull();
    expect(translateEvidence('no such sentence')).toBeNull();
  });
});
