import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalize.js';
import { renderScript } from '../../src/text/script.js';
import { translateEvidence } from '../../src/text/translations.js';
import { ANY_PINYIN } from '../fixtures/pinyin.js';
import { execute, useTestApp } from '../helpers.js';

// Readable evidence as the API serves it: clean, verbatim, simplified and English. The text
// functions themselves are checked against the seed files in test/unit/evidence-text.test.ts.

describe('the API', () => {
  const atlas = useTestApp();
  const EVIDENCE_FIELDS = `evidence evidenceVerbatim evidenceSentences evidenceSentencesVerbatim evidenceEn evidenceSentencesEn
    simplified: evidence(script: SIMPLIFIED) traditional: evidence(script: TRADITIONAL) simplifiedSentences: evidenceSentences(script: SIMPLIFIED)`;

  it('serves clean, verbatim, simplified and English evidence on links, figures and support', async () => {
    const { data, errors } = await execute(
      atlas.app,
      `{ company(key: "bytedance") {
          financials(metric: CAPEX, period: "2024") { ${EVIDENCE_FIELDS} support { ${EVIDENCE_FIELDS} } }
          chips { ${EVIDENCE_FIELDS} support { ${EVIDENCE_FIELDS} } } } }`,
    );
    expect(errors).toBeUndefined();
    const items = [...data!.company.financials, ...data!.company.chips];
    expect(items.length).toBeGreaterThan(1);
    const all = items.flatMap((item: any) => [item, ...item.support]);
    for (const item of all) {
      expect(item.evidence).toBe(item.evidenceVerbatim.split('\n').map(normalizeText).join('\n'));
      expect(item.evidenceSentences).toEqual(item.evidenceSentencesVerbatim.map(normalizeText));
      expect(item.traditional).toBe(item.evidence);
      expect(item.simplified).toBe(renderScript(item.evidence, 'SIMPLIFIED'));
      expect(item.simplifiedSentences.join('\n')).toBe(item.simplified);
      expect(item.evidenceSentencesEn).toEqual(item.evidenceSentencesVerbatim.map(translateEvidence));
      expect(item.evidenceEn).toBe(item.evidenceSentencesEn.every(Boolean) ? item.evidenceSentencesEn.join('\n') : null);
      expect(item.evidence).not.toMatch(ANY_PINYIN);
    }
    const hopper = all.find((item: any) => item.evidenceVerbatim.includes('字節(jié)跳動(23萬枚)'));
    expect(hopper.evidence).toContain('字節跳動(23萬枚)');
    expect(hopper.simplified).toContain('字节跳动(23万枚)');
    expect(hopper.evidenceEn).toContain('ByteDance (230,000 units)');
  });

  it('serves quotes clean, verbatim and in simplified script', async () => {
    const { data, errors } = await execute(
      atlas.app,
      `{ quotes(first: 100) { edges { node { text textVerbatim textEn simplified: text(script: SIMPLIFIED) } } } }`,
    );
    expect(errors).toBeUndefined();
    const quotes = data!.quotes.edges.map((e: any) => e.node);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) {
      expect(q.text).toBe(normalizeText(q.textVerbatim));
      expect(q.simplified).toBe(renderScript(q.text, 'SIMPLIFIED'));
      expect(q.text).not.toMatch(ANY_PINYIN);
    }
    expect(quotes.some((q: any) => q.text !== q.textVerbatim)).toBe(true);
  });
});
