// References to sources, in three styles, built from their stored fields alone: a pure module,
// unit-tested in test/db/citation.test.ts. Nothing is invented: a missing date is "n.d.", a missing
// author or publisher is left out.

export const CITATION_STYLES = ['TEXT', 'BIBTEX', 'CSL_JSON'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** What a reference is made of: the fields of a Source. */
export interface CitableSource {
  key: string;
  kind: string;
  title: string;
  titleEn?: string | null;
  authors?: readonly string[] | null;
  publisher?: string | null;
  /** ISO date, possibly partial: 2025, 2025-03 or 2025-03-31. */
  publishedOn?: string | null;
  url?: string | null;
  language?: string | null;
  /** ISO date, possibly partial. */
  retrievedOn?: string | null;
  /** A dataset's terms of use as its publisher states them ("CC BY 4.0"). */
  license?: string | null;
  /**
   * For a source known only because another cites it (a report the article quotes): the sources
   * citing it, each with what cites them in turn. Empty for a primary source.
   */
  citedBy?: readonly CitableSource[];
}

export function cite(source: CitableSource, style: CitationStyle): string {
  switch (style) {
    case 'TEXT':
      return citeText(source);
    case 'BIBTEX':
      return citeBibtex(source);
    case 'CSL_JSON':
      return JSON.stringify(citeCslJson(source));
  }
}

// --- TEXT ---------------------------------------------------------------------------------------

/**
 * A reference a researcher can put in a paper: authors. Title [English title]. Publisher, date or
 * n.d. URL (retrieved date). A cited source adds ", as reported in" and the citing source's reference.
 */
export function citeText(source: CitableSource): string {
  const parts: string[] = [];
  const dataset = source.kind === 'DATASET';
  const authorNames = authorsOf(source);
  const authors = nameList(authorNames);
  if (authors) parts.push(sentenceEnd(authors));
  // A data set says so after its title, as APA does: "Title [Data set]".
  parts.push(sentenceEnd(dataset ? `${titleWithTranslation(source)} [Data set]` : titleWithTranslation(source)));
  const date = source.publishedOn ?? 'n.d.';
  // A publisher that is the (corporate) author already is not repeated.
  const publisher = source.publisher && !(dataset && authorNames.includes(source.publisher)) ? source.publisher : null;
  parts.push(sentenceEnd(`${publisher ? `${publisher}, ` : ''}${date}`));
  if (source.url) parts.push(source.retrievedOn ? `${source.url} (retrieved ${source.retrievedOn})` : source.url);
  else if (source.retrievedOn) parts.push(`Retrieved ${source.retrievedOn}.`);
  if (source.license) {
    // "(retrieved 2025-06-01). License: CC BY 4.0.": a url is left unpunctuated, so that it copies whole.
    if (parts.at(-1)!.endsWith(')')) parts.push(`${parts.pop()!}.`);
    parts.push(sentenceEnd(`License: ${source.license}`));
  }
  const own = parts.join(' ');
  const citing = source.citedBy ?? [];
  if (!citing.length) return own;
  // "…, as reported in <reference>": the citing reference keeps its own final punctuation.
  return `${own.endsWith('n.d.') ? own : own.replace(/\.$/, '')}, as reported in ${citing.map(citeText).join('; and in ')}`;
}

/** The authors a reference names: the source's own, or for a data set without any, its publisher as corporate author (Epoch AI). */
function authorsOf(source: CitableSource): string[] {
  const authors = (source.authors ?? []).map((n) => n.trim()).filter(Boolean);
  return !authors.length && source.kind === 'DATASET' && source.publisher ? [source.publisher.trim()] : authors;
}

function titleWithTranslation(source: CitableSource): string {
  const title = source.title.trim();
  const en = source.titleEn?.trim();
  return en && en !== title ? `${title} [${en}]` : title;
}

/** "A", "A and B", "A, B and C". */
function nameList(names: readonly string[]): string {
  const clean = names.map((n) => n.trim()).filter(Boolean);
  if (clean.length <= 1) return clean[0] ?? '';
  return `${clean.slice(0, -1).join(', ')} and ${clean.at(-1)}`;
}

/** Ends with a period unless the text already ends with a sentence mark (?, !, 。, ].). */
function sentenceEnd(text: string): string {
  return /[.?!。？！]$/.test(text) ? text : `${text}.`;
}

// --- BibTeX -------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A BibTeX entry (with the biblatex fields date, urldate and language, which BibTeX ignores):
 * @article when the source is an article with the four fields @article requires (author, title,
 * journal, year), else @misc. Names are braced so that corporate and Chinese names stay whole.
 */
export function citeBibtex(source: CitableSource): string {
  const authors = authorsOf(source);
  const dataset = source.kind === 'DATASET';
  const date = parseDate(source.publishedOn);
  const isArticle = source.kind === 'ARTICLE' && authors.length > 0 && !!source.publisher && !!date;
  const citing = source.citedBy ?? [];
  const fields: [string, string | undefined][] = [
    ['author', authors.length ? authors.map((n) => (n.includes(',') ? bibText(n) : `{${bibText(n)}}`)).join(' and ') : undefined],
    ['title', `{${bibText(titleWithTranslation(source))}}`],
    [isArticle ? 'journal' : 'howpublished', source.publisher ? bibText(source.publisher) : undefined],
    ['year', date ? String(date[0]) : undefined],
    ['date', source.publishedOn ?? undefined],
    ['url', source.url ? bibUrl(source.url) : undefined],
    ['urldate', source.retrievedOn ?? undefined],
    ['language', source.language ? bibText(source.language) : undefined],
    ['note', bibNote(source, dataset, citing)],
  ];
  const lines = fields.filter((f): f is [string, string] => f[1] !== undefined).map(([name, value]) => `  ${name} = {${value}}`);
  // A month is a macro (mar), written without braces.
  if (date?.[1]) lines.splice(lines.findIndex((l) => l.startsWith('  year')) + 1, 0, `  month = ${MONTHS[date[1] - 1]}`);
  return `@${isArticle ? 'article' : 'misc'}{${bibKey(source.key)},\n${lines.join(',\n')}\n}`;
}

/** A data set's "[Data set]" and license, and a cited source's citing reference. */
function bibNote(source: CitableSource, dataset: boolean, citing: readonly CitableSource[]): string | undefined {
  const notes = [
    dataset ? '[Data set]' : null,
    source.license ? `License: ${source.license}` : null,
    citing.length ? `As reported in ${citing.map(citeText).join('; and in ')}` : null,
  ].filter((n): n is string => n !== null);
  return notes.length ? bibText(notes.join('. ')) : undefined;
}

/** BibTeX keys may not hold spaces, commas, braces, quotes, # or %; source keys are slugs already. */
function bibKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_:.-]/g, '-');
}

const BIB_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text inside a field: LaTeX specials escaped, so braces stay balanced and nothing is a command. */
function bibText(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => BIB_ESCAPES[c]!);
}

/** A url field is verbatim; only braces (which would unbalance the entry) are percent-encoded. */
function bibUrl(url: string): string {
  return url.replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

// --- CSL-JSON -----------------------------------------------------------------------------------

const CSL_TYPES: Record<string, string> = {
  // An ARTICLE is an article in the periodical its publisher names (seed/README.md); the seed's are
  // all in the magazine Caijing, and no source kind sets newspaper or web articles apart.
  ARTICLE: 'article-magazine',
  REPORT: 'report',
  FINANCIAL_REPORT: 'report',
  EARNINGS_CALL: 'speech',
  CONFERENCE_TALK: 'speech',
  INTERVIEW: 'interview',
  DATASET: 'dataset',
};

export type CslName = { family: string; given?: string } | { literal: string };
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  language?: string;
  /** CSL 1.0.2's license variable: a data set's terms of use. */
  license?: string;
  genre?: string;
  note?: string;
}

/**
 * A CSL-JSON item (citeproc-js, Zotero, Pandoc). An article's publisher is its container (the
 * magazine); "Family, Given" authors are split, every other name is a literal (Chinese names,
 * organisations). The English title and a cited source's citing reference go in `note`.
 */
export function citeCslJson(source: CitableSource): CslItem {
  const authors = authorsOf(source);
  const issued = parseDate(source.publishedOn);
  const accessed = parseDate(source.retrievedOn);
  const en = source.titleEn?.trim();
  const notes = [
    en && en !== source.title.trim() ? `English title: ${en}` : null,
    source.citedBy?.length ? `As reported in ${source.citedBy.map(citeText).join('; and in ')}` : null,
  ].filter((n): n is string => n !== null);
  const item: CslItem = {
    id: source.key,
    type: CSL_TYPES[source.kind] ?? 'document',
    title: source.title.trim(),
  };
  if (authors.length) item.author = authors.map(cslName);
  if (source.publisher) {
    if (source.kind === 'ARTICLE') item['container-title'] = source.publisher;
    else item.publisher = source.publisher;
  }
  if (issued) item.issued = { 'date-parts': [issued] };
  if (accessed) item.accessed = { 'date-parts': [accessed] };
  if (source.url) item.URL = source.url;
  if (source.language) item.language = source.language;
  if (source.kind === 'DATASET') item.genre = 'Data set';
  if (source.license) item.license = source.license;
  if (notes.length) item.note = notes.join('\n');
  return item;
}

function cslName(name: string): CslName {
  const [family, given, ...rest] = name.split(',').map((s) => s.trim());
  return given && !rest.length && family ? { family, given } : { literal: name };
}

/** [year, month?, day?] of a partial ISO date, or null. */
function parseDate(date: string | null | undefined): number[] | null {
  const match = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date) : null;
  return match
    ? match
        .slice(1)
        .filter((p): p is string => p !== undefined)
        .map(Number)
    : null;
}
