import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citeText } from '../../src/graph/citation.js';
import { articleBibtex, balanced } from '../fixtures/citation.js';
import { execute, useTestApp } from '../helpers.js';

// Source.citation through the API, against the seed; the exact strings of the pure module are
// checked in test/unit/citation.test.ts.

interface SeedSource {
  key: string;
  title: string;
  titleEn?: string | null;
  authors?: string[];
  publisher?: string | null;
  publishedOn?: string | null;
  url?: string | null;
  language?: string | null;
  sources?: string[];
}
const seedSources = JSON.parse(readFileSync(new URL('../../seed/data/sources.json', import.meta.url), 'utf8')) as SeedSource[];
const ARTICLE = 'caijing-2025-us-cn-ai-compute-capex';
const seedArticle = seedSources.find((s) => s.key === ARTICLE)!;
const citedReport =
  seedSources.find((s) => s.sources?.includes(ARTICLE) && s.key.startsWith('omdia')) ?? seedSources.find((s) => s.sources?.includes(ARTICLE))!;

const t = useTestApp();

const CITE = `query ($key: String!) { entity(key: $key) { ... on Source {
  key title authors publisher publishedOn url language retrievedOn citedAs
  text: citation bibtex: citation(style: BIBTEX) csl: citation(style: CSL_JSON) } } }`;

async function citations(key: string) {
  const { data, errors } = await execute(t.app, CITE, { key });
  expect(errors).toBeUndefined();
  return data!.entity as { text: string; bibtex: string; csl: string; authors: string[]; citedAs: string | null; retrievedOn: string | null };
}

describe('Source.citation through the API', () => {
  it('cites the article in each style, with whatever the seed holds', async () => {
    const source = await citations(ARTICLE);
    expect(source.authors).toEqual(seedArticle.authors ?? []);
    expect(source.citedAs).toBeNull();

    // TEXT: authors, title, publisher, date or n.d.
    for (const author of seedArticle.authors ?? []) expect(source.text).toContain(author);
    expect(source.text).toContain(seedArticle.title);
    if (seedArticle.publisher) expect(source.text).toContain(seedArticle.publisher);
    expect(source.text).toContain(seedArticle.publishedOn ?? 'n.d.');
    expect(source.text).not.toContain('as reported in');
    expect(source.text).toBe(citeText({ ...seedArticle, kind: 'ARTICLE' }));

    // BIBTEX: one balanced entry keyed by the source key.
    expect(source.bibtex).toMatch(new RegExp(`^@(article|misc)\\{${ARTICLE},\\n[\\s\\S]*\\n\\}$`));
    expect(source.bibtex).toContain(`title = {{${seedArticle.title}`);
    expect(balanced(source.bibtex)).toBe(true);

    // CSL_JSON: a parseable CSL item.
    const csl = JSON.parse(source.csl);
    expect(csl).toMatchObject({ id: ARTICLE, type: 'article-magazine', title: seedArticle.title });
    if (seedArticle.authors?.length) expect(csl.author).toEqual(seedArticle.authors.map((literal) => ({ literal })));
    if (seedArticle.language) expect(csl.language).toBe(seedArticle.language);
  });

  it('matches the exact references for the seeded article', async () => {
    const source = await citations(ARTICLE);
    expect(source.text).toBe(
      '吴俊宇. 中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]. Caijing (《财经》), 2025.',
    );
    expect(source.bibtex).toBe(articleBibtex(ARTICLE));
    expect(JSON.parse(source.csl)).toEqual({
      id: ARTICLE,
      type: 'article-magazine',
      title: '中美科技巨头算力投资对比',
      author: [{ literal: '吴俊宇' }],
      'container-title': 'Caijing (《财经》)',
      issued: { 'date-parts': [[2025]] },
      language: 'zh-Hans',
      note: 'English title: A comparison of the compute investment of Chinese and US tech giants',
    });
  });

  it('cites a report the article cites "as reported in" the article, and keeps the citing sentence as citedAs', async () => {
    const [report, source] = await Promise.all([citations(citedReport.key), citations(ARTICLE)]);
    expect(report.text).toContain(citedReport.title);
    expect(report.text).toContain(`, as reported in ${source.text}`);
    expect(report.citedAs).toBeTruthy();
    expect(report.bibtex).toContain('note = {As reported in ');
    expect(JSON.parse(report.csl).note).toContain(`As reported in ${source.text}`);
  });
});
