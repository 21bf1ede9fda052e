import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citeBibtex, citeCslJson, citeText, type CitableSource } from '../../src/graph/citation.js';
import { execute, useTestApp } from '../helpers.js';

// --- the pure module: exact strings ---------------------------------------------------------------

const article: CitableSource = {
  key: 'caijing-article',
  kind: 'ARTICLE',
  title: '中美科技巨头算力投资对比',
  titleEn: 'A comparison of the compute investment of Chinese and US tech giants',
  authors: ['吴俊宇'],
  publisher: 'Caijing (《财经》)',
  publishedOn: '2025',
  url: null,
  language: 'zh-Hans',
};
const undated: CitableSource = { ...article, publishedOn: null };
const report: CitableSource = {
  key: 'omdia-report',
  kind: 'REPORT',
  title: 'Omdia 2024年末報告',
  titleEn: 'Omdia end-2024 report',
  publisher: 'Omdia',
  publishedOn: '2024-12',
  language: 'en',
  citedBy: [article],
};

/** The BibTeX entry of the seed article under a citation key. */
const articleBibtex = (key: string) =>
  [
    `@article{${key},`,
    '  author = {{吴俊宇}},',
    '  title = {{中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]}},',
    '  journal = {Caijing (《财经》)},',
    '  year = {2025},',
    '  date = {2025},',
    '  language = {zh-Hans}',
    '}',
  ].join('\n');

describe('citation text (pure)', () => {
  it('cites an article with author, title and translation, publisher and year, or n.d.', () => {
    expect(citeText(article)).toBe(
      '吴俊宇. 中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]. Caijing (《财经》), 2025.',
    );
    expect(citeText(undated)).toBe(
      '吴俊宇. 中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]. Caijing (《财经》), n.d.',
    );
  });

  it('cites a report "as reported in" the article that cites it', () => {
    expect(citeText(report)).toBe(
      'Omdia 2024年末報告 [Omdia end-2024 report]. Omdia, 2024-12, as reported in 吴俊宇. 中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]. Caijing (《财经》), 2025.',
    );
  });

  it('keeps "n.d." whole before "as reported in"', () => {
    expect(citeText({ ...report, publishedOn: null, citedBy: [undated] })).toMatch(
      /^Omdia 2024年末報告 \[Omdia end-2024 report\]\. Omdia, n\.d\., as reported in 吴俊宇\. /,
    );
  });

  it('gives the url with its retrieval date, and lists several authors', () => {
    const web: CitableSource = {
      key: 'web',
      kind: 'ARTICLE',
      title: 'Why capex?',
      authors: ['Doe, Jane', 'Roe, Richard', 'Lab & Co'],
      publisher: 'Example Weekly',
      publishedOn: '2025-03-31',
      url: 'https://example.org/a?b=1',
      retrievedOn: '2025-06-01',
    };
    expect(citeText(web)).toBe('Doe, Jane, Roe, Richard and Lab & Co. Why capex? Example Weekly, 2025-03-31. https://example.org/a?b=1 (retrieved 2025-06-01)');
    expect(citeBibtex(web)).toBe(
      [
        '@article{web,',
        '  author = {Doe, Jane and Roe, Richard and {Lab \\& Co}},',
        '  title = {{Why capex?}},',
        '  journal = {Example Weekly},',
        '  year = {2025},',
        '  month = mar,',
        '  date = {2025-03-31},',
        '  url = {https://example.org/a?b=1},',
        '  urldate = {2025-06-01}',
        '}',
      ].join('\n'),
    );
    expect(citeCslJson(web)).toEqual({
      id: 'web',
      type: 'article-magazine',
      title: 'Why capex?',
      author: [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'Richard' }, { literal: 'Lab & Co' }],
      'container-title': 'Example Weekly',
      issued: { 'date-parts': [[2025, 3, 31]] },
      accessed: { 'date-parts': [[2025, 6, 1]] },
      URL: 'https://example.org/a?b=1',
    });
  });

  it('writes a dated article as @article in its journal, an undated one as @misc, braces names whole and escapes LaTeX specials', () => {
    expect(citeBibtex(article)).toBe(articleBibtex('caijing-article'));
    expect(citeBibtex(undated)).toBe(
      [
        '@misc{caijing-article,',
        '  author = {{吴俊宇}},',
        '  title = {{中美科技巨头算力投资对比 [A comparison of the compute investment of Chinese and US tech giants]}},',
        '  howpublished = {Caijing (《财经》)},',
        '  language = {zh-Hans}',
        '}',
      ].join('\n'),
    );
    const bib = citeBibtex({ ...report, title: '50% of {all} H100s_#1' });
    expect(bib).toContain('title = {{50\\% of \\{all\\} H100s\\_\\#1 [Omdia end-2024 report]}}');
    expect(bib).toContain('note = {As reported in 吴俊宇. 中美科技巨头算力投资对比');
    expect(balanced(bib)).toBe(true);
  });

  it('builds CSL-JSON for a cited report, with the citing reference in note', () => {
    expect(citeCslJson(report)).toEqual({
      id: 'omdia-report',
      type: 'report',
      title: 'Omdia 2024年末報告',
      publisher: 'Omdia',
      issued: { 'date-parts': [[2024, 12]] },
      language: 'en',
      note: `English title: Omdia end-2024 report\nAs reported in ${citeText(article)}`,
    });
  });
});

function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

// --- through the API, against the seed ------------------------------------------------------------

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
