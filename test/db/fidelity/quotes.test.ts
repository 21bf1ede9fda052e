import { describe, expect, it } from 'vitest';
import { checkEvidence, ELISION } from '../../../src/ingest/validate.js';
import { readTranslations } from '../../../src/text/translations.js';
import { execute, useTestApp } from '../../helpers.js';
import { articleText, seedItems } from './seed-files.js';

// Quotes and findings: the speaker's words only, verbatim (an elided text in order within its
// evidence), each finding with its sentence and translation.

const t = useTestApp();

describe('quotes', () => {
  it("attribute the speaker's words only, leaving the reporter's gloss and framing to the note", async () => {
    const article = await articleText();
    const byKey: Record<string, Record<string, any>> = Object.fromEntries(
      (await seedItems()).filter(({ file }) => file === 'quotes').map(({ item }) => [item.key, item]),
    );
    const huang = byKey['jensen-huang-2025-03-gtc-scaling-law']!;
    expect(huang.text).not.toContain('每個字符都是一個Token');
    expect(huang.note).toContain('每個字符都是一個Token');
    const supply = byKey['supply-chain-2024-china-chip-shipments']!;
    expect(supply.text).not.toContain('我們通過');
    expect(supply.textEn).not.toMatch(/^We learned/);
    // Each part of a text is the article's, and an elided text is one passage of its evidence.
    for (const quote of Object.values(byKey)) {
      for (const part of quote.text.split(ELISION)) expect(article.includes(part), quote.key).toBe(true);
    }
  });

  it("give Huang his own claim back, without the reporter's token gloss (review 2, N1/E9)", async () => {
    const { data, errors } = await execute(t.app, '{ quotes(speaker: "jensen-huang", first: 10) { edges { node { key text textEn } } } }');
    expect(errors).toBeUndefined();
    const huang = data!.quotes.edges.map((e: any) => e.node).find((q: any) => q.key === 'jensen-huang-2025-03-gtc-scaling-law');
    expect(huang.text).toContain('全世界對Scaling Law理解都錯了');
    expect(huang.text).toContain('10倍的計算速度,算力將增加100倍');
    expect(huang.text).toContain(`10倍的Token${ELISION}數量`);
    expect(huang.text).not.toContain('詞元');
    expect(huang.textEn).toMatch(/100 times/);
  });

  it("leave the reporter's glosses and framing out of every text, and keep them in the evidence (review 2, N7)", async () => {
    const quotes = (await seedItems()).filter(({ file }) => file === 'quotes').map(({ item }) => item);
    const left = ['(吉瓦為功率單位,即2000兆瓦或2000MW負載容量)', 'TD Cowen報告分析稱', 'AI(人工智能)', '(詞元,大模型推理算力單位,每個字符都是一個Token)'];
    for (const quote of quotes) for (const gloss of left) expect(quote.text, quote.key).not.toContain(gloss);
    const byKey = Object.fromEntries(quotes.map((q) => [q.key, q]));
    for (const [key, gloss] of [
      ['dc-providers-bytedance-2gw-projects', left[0]],
      ['td-cowen-2025-03-microsoft-lease-pullback', left[1]],
      ['joe-tsai-2025-03-ai-bubble', left[2]],
      ['jensen-huang-2025-03-gtc-scaling-law', left[3]],
    ] as const) {
      expect(byKey[key].text, key).toContain(ELISION);
      expect(byKey[key].textEn, key).toContain(ELISION);
      expect(byKey[key].evidence, key).toContain(gloss);
    }
  });
});

describe("Alibaba's February announcement (review 2, N2)", () => {
  it("is Alibaba's, dated to its announcement, and no longer passes as the article's own finding", async () => {
    const { data, errors } = await execute(
      t.app,
      '{ quotes(about: "alibaba-3y-cloud-ai-infrastructure-plan", first: 10) { edges { node { key text speaker { key } speakerDescription saidOn } } } }',
    );
    expect(errors).toBeUndefined();
    const quotes = data!.quotes.edges.map((e: any) => e.node);
    expect(quotes.map((q: any) => q.key)).toEqual(['alibaba-2025-02-infrastructure-plan-announcement']);
    const [announcement] = quotes;
    expect(announcement.speaker).toBeNull();
    expect(announcement.speakerDescription).toMatch(/^Alibaba\b/);
    expect(announcement.speakerDescription).not.toMatch(/own analysis/);
    expect(announcement.saidOn).toBe('2025-02');
    expect(announcement.text).toContain('總額超過去十年總和');
    expect(announcement.text).not.toContain('阿里在今年2月宣布');
    // What the article says in its own voice is a finding, and no finding has a date of someone else's.
    const findings = (await seedItems()).filter(({ file, item }) => file === 'quotes' && item.key.startsWith('finding-')).map(({ item }) => item);
    for (const finding of findings) expect(finding.speakerDescription, finding.key).toBe("Caijing (the article's own analysis)");
    expect(findings.map((f) => f.key)).not.toContain('finding-alibaba-plan-exceeds-past-decade');
  });
});

describe('an elided quote text (validator)', () => {
  const evidence = '他說,第一句。第二句(記者的注釋)的後半。第三句。';
  const problems = (text: string, withEvidence = true) => {
    const found: string[] = [];
    checkEvidence({ text, about: ['x'], sources: ['none'], ...(withEvidence ? { evidence: [evidence] } : {}) }, new Map(), (m) => found.push(m));
    return found;
  };

  it('is accepted when its parts occur in order in one evidence sentence, with words left out between them', () => {
    expect(problems(`第一句。第二句${ELISION}的後半。第三句。`)).toEqual([]);
    expect(problems(`第二句${ELISION}第三句。`)).toEqual([]);
  });

  it('is refused out of order, with nothing left out, with words not in the evidence, with an empty part or without evidence', () => {
    for (const text of [`第三句。${ELISION}第一句。`, `第一句。${ELISION}第二句`, `第一句。${ELISION}第四句。`, `${ELISION}第一句。`, `第一句。${ELISION}`])
      expect(problems(text), text).toHaveLength(1);
    expect(problems(`第一句。${ELISION}第三句。`, false)).toHaveLength(1);
  });
});

describe("the review's missing findings", () => {
  it('are queryable, each with its verbatim sentence and an English translation', async () => {
    const article = await articleText();
    const translations = Object.fromEntries(readTranslations());
    const { data, errors } = await execute(t.app, '{ quotes(first: 100) { edges { node { key text textEn about { key } } } } }');
    expect(errors).toBeUndefined();
    const findings = data!.quotes.edges.map((e: any) => e.node).filter((q: any) => q.key.startsWith('finding-'));
    expect(findings.length).toBeGreaterThanOrEqual(19);
    // The API may present text in a readable form; the seed files hold it verbatim.
    const inFiles = Object.fromEntries((await seedItems()).filter(({ file }) => file === 'quotes').map(({ item }) => [item.key, item]));
    for (const f of findings) {
      const verbatim = inFiles[f.key].text as string;
      expect(article.includes(verbatim), f.key).toBe(true);
      expect(translations[verbatim], f.key).toBeTruthy();
      expect(f.about.length).toBeGreaterThan(0);
    }
    const keys = findings.map((f: any) => f.key);
    for (const key of [
      'finding-2024-capex-ratio-us-above-china',
      'finding-us-five-cash-flow-covers-capex',
      'finding-server-depreciation-period',
      'finding-real-test-2027-2029',
      'finding-microsoft-early-start-2023q1',
      'finding-china-weak-public-strong-private-cloud',
      'finding-2025-models-drive-llm-appliance-demand',
    ])
      expect(keys).toContain(key);
    // Every translation key is a sentence the seed cites: verbatim in the article, or the curators' own statement.
    for (const sentence of Object.keys(translations))
      expect(article.includes(sentence) || sentence.startsWith("Curators' general knowledge"), sentence).toBe(true);
  });

  it("link the LLM appliances, Silicon Valley and the telecom operators' idle chips to what the article says of them", async () => {
    const rows = await t.db.read<{ key: string; n: number }>(
      `UNWIND ['llm-all-in-one-appliances', 'silicon-valley', 'china-local-intelligent-computing-centers'] AS key
       MATCH (n:Entity {key: key}) RETURN key, COUNT { (n)--() } AS n`,
    );
    for (const row of rows) expect(row.n, row.key).toBeGreaterThan(0);
  });
});
