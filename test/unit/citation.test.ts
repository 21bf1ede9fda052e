import { describe, expect, it } from 'vitest';
import { citeBibtex, citeCslJson, citeText, type CitableSource } from '../../src/graph/citation.js';
import { articleBibtex, balanced } from '../fixtures/citation.js';

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
