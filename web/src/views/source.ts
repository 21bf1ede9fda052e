import { gql } from '../lib/api.js';
import { h, type Child } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import type { SourceMoreQuery, SourcePageQuery, SourceRowsQuery, SupportKind } from '../lib/generated.js';
import { addMessages, t } from '../lib/i18n.js';
import { load } from '../widgets/status.js';
import { citationBlock } from './source-citation.js';
import { importsSection, SOURCE_ROW_PAGE, rowsSection, type SourceRow } from './source-rows.js';
import { KIND_TITLES, SOURCE_STATEMENT, statementItem, statementsTable, type Statement } from './source-statements.js';

// A source's page: who wrote it, when, under which license, how to cite it, and everything it
// states, grouped by kind with counts and a "More" per group; a dataset adds its rows and imports.

addMessages({
  Source: '来源',
  Authors: '作者',
  Publisher: '出版方',
  Published: '发布日期',
  Language: '语言',
  License: '许可',
  Retrieved: '获取日期',
  URL: '网址',
  'File SHA-256': '文件 SHA-256',
  'Rows in the file': '文件行数',
  'Cited as': '引用原文',
  'What this source states': '此来源陈述的内容',
  More: '更多',
  'No source has the key': '没有此键的来源：',
  'This source states nothing the graph holds.': '图谱中没有此来源陈述的内容。',
  '{shown} of {total}': '第 {shown} 条，共 {total} 条',
});

const SOURCE_STATEMENT_PAGE = `totalCount edges { node { ${SOURCE_STATEMENT} } } pageInfo { hasNextPage endCursor }`;

const SOURCE_PAGE = `query SourcePage($key: String!) {
  graphVersion
  source(key: $key) {
    key kind title titleEn name nameZh authors publisher publishedOn language license url retrievedOn sha256 rowCount citedAs
    text: citation(style: TEXT) bibtex: citation(style: BIBTEX) cslJson: citation(style: CSL_JSON)
    supportCounts { kind count }
    links: supports(kind: LINK, first: 10) { ${SOURCE_STATEMENT_PAGE} }
    figures: supports(kind: FIGURE, first: 10) { ${SOURCE_STATEMENT_PAGE} }
    quotes: supports(kind: QUOTE, first: 10) { ${SOURCE_STATEMENT_PAGE} }
    entities: supports(kind: ENTITY, first: 10) { ${SOURCE_STATEMENT_PAGE} }
    rows(first: 10) { ${SOURCE_ROW_PAGE} }
    imports(first: 20) { edges { node { id at principal added changed retracted } } }
  }
}`;

const SOURCE_MORE = `query SourceMore($key: String!, $kind: SupportKind!, $after: String) {
  source(key: $key) { key supports(kind: $kind, first: 20, after: $after) { ${SOURCE_STATEMENT_PAGE} } }
}`;

const SOURCE_ROWS = `query SourceRows($key: String!, $after: String) {
  source(key: $key) { key rows(first: 20, after: $after) { ${SOURCE_ROW_PAGE} } }
}`;

type Source = NonNullable<SourcePageQuery['source']>;
const GROUPS: [SupportKind, 'links' | 'figures' | 'quotes' | 'entities'][] = [
  ['LINK', 'links'],
  ['FIGURE', 'figures'],
  ['QUOTE', 'quotes'],
  ['ENTITY', 'entities'],
];

/** The page's state: the first answer, and the statements and rows "More" added since. */
interface Loaded {
  data: SourcePageQuery;
  source: Source;
  statements: Record<SupportKind, Statement[]>;
  rows: SourceRow[];
}

export function sourceView(root: HTMLElement, params: URLSearchParams): undefined {
  const key = params.get('key') ?? '';
  void load(
    root,
    () => gql<SourcePageQuery>(SOURCE_PAGE, { key }),
    (data) => {
      if (!data.source) {
        root.replaceChildren(h('p', { class: 'status error', role: 'alert', 'data-code': 'NOT_FOUND' }, `${t('No source has the key')} ${key}`));
        return;
      }
      const source = data.source;
      const loaded: Loaded = {
        data,
        source,
        statements: Object.fromEntries(GROUPS.map(([kind, field]) => [kind, source[field].edges.map((e) => e.node)])) as Loaded['statements'],
        rows: source.rows.edges.map((e) => e.node),
      };
      document.title = `${source.title} · Compute Atlas`;
      const downloads = h('div', { class: 'source-downloads' });
      const redrawDownloads = () => downloads.replaceChildren(sourceDownloads(loaded));
      redrawDownloads();
      root.replaceChildren(
        h(
          'article',
          { class: 'source-page', 'data-key': source.key, 'data-kind': source.kind },
          h('div', { class: 'page-heading' }, h('h1', {}, source.title), downloads),
          source.titleEn && source.titleEn !== source.title ? h('p', { class: 'title-en', lang: 'en' }, source.titleEn) : null,
          h('p', { class: 'source-kind' }, h('span', { class: 'badge' }, enumLabel(source.kind))),
          facts(source),
          source.citedAs ? h('div', { class: 'cited-as' }, h('h2', {}, t('Cited as')), h('blockquote', {}, source.citedAs)) : null,
          citationBlock(source),
          supportsSection(loaded, redrawDownloads),
          rowsSection(loaded.rows, source.rows.totalCount, source.rows.pageInfo, async (after) => {
            const more = await gql<SourceRowsQuery>(SOURCE_ROWS, { key, after });
            const page = more.source!.rows;
            loaded.rows.push(...page.edges.map((e) => e.node));
            redrawDownloads();
            return page;
          }),
          importsSection(source.imports.edges.map((e) => e.node)),
        ),
      );
    },
  );
  return undefined;
}

/** The source's description list: only what it states. */
function facts(source: Source): HTMLElement {
  const entries: [string, Child][] = [
    ['Authors', source.authors.length ? source.authors.join(', ') : null],
    ['Publisher', source.publisher],
    ['Published', source.publishedOn],
    ['Language', source.language],
    ['License', source.license],
    ['Retrieved', source.retrievedOn],
    ['URL', source.url ? h('a', { href: source.url, rel: 'noreferrer noopener', target: '_blank' }, source.url) : null],
    ['File SHA-256', source.sha256 ? h('code', { class: 'sha256' }, source.sha256) : null],
    ['Rows in the file', source.rowCount === null || source.rowCount === undefined ? null : formatNumber(source.rowCount)],
  ];
  return h(
    'dl',
    { class: 'source-facts' },
    entries
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([label, value]) => [h('dt', {}, t(label)), h('dd', { 'data-field': label }, value)]),
  );
}

function supportsSection(loaded: Loaded, changed: () => void): HTMLElement {
  const { source } = loaded;
  const counts = Object.fromEntries(source.supportCounts.map((c) => [c.kind, c.count])) as Record<SupportKind, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return h(
    'section',
    { class: 'source-supports', 'aria-labelledby': 'supports-title' },
    h('h2', { id: 'supports-title' }, t('What this source states'), h('span', { class: 'count' }, ` (${formatNumber(total)})`)),
    total === 0 ? h('p', { class: 'hint' }, t('This source states nothing the graph holds.')) : null,
    h(
      'nav',
      { class: 'support-counts', 'aria-label': t('What this source states') },
      h(
        'ul',
        {},
        GROUPS.filter(([kind]) => counts[kind] > 0).map(([kind]) =>
          h(
            'li',
            { 'data-kind': kind },
            h('a', { href: `#supports-${kind}` }, `${t(KIND_TITLES[kind])} `, h('span', { class: 'count' }, formatNumber(counts[kind]))),
          ),
        ),
      ),
    ),
    GROUPS.filter(([kind]) => counts[kind] > 0).map(([kind, field]) => group(loaded, kind, source[field].pageInfo, counts[kind], changed)),
  );
}

/** One kind's statements with their count, and a "More" that appends the next page. */
function group(
  loaded: Loaded,
  kind: SupportKind,
  pageInfo: { hasNextPage: boolean; endCursor?: string | null },
  count: number,
  changed: () => void,
): HTMLElement {
  const list = h('ul', { class: 'statements' }, loaded.statements[kind].map(statementItem));
  const status = h('p', { class: 'shown', 'aria-live': 'polite' });
  const showStatus = () => {
    status.textContent = t('{shown} of {total}').replace('{shown}', formatNumber(loaded.statements[kind].length)).replace('{total}', formatNumber(count));
  };
  showStatus();
  let cursor = pageInfo.endCursor ?? null;
  const more = h('button', { type: 'button', class: 'more', 'data-kind': kind }, t('More'));
  more.hidden = !pageInfo.hasNextPage;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const answer = await gql<SourceMoreQuery>(SOURCE_MORE, { key: loaded.source.key, kind, after: cursor });
      const page = answer.source!.supports;
      const added = page.edges.map((e) => e.node);
      loaded.statements[kind].push(...added);
      list.append(...added.map(statementItem));
      cursor = page.pageInfo.endCursor ?? null;
      more.hidden = !page.pageInfo.hasNextPage;
      showStatus();
      changed();
    } finally {
      more.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'support-group', id: `supports-${kind}`, 'data-kind': kind, 'data-count': count },
    h('h3', {}, t(KIND_TITLES[kind]), h('span', { class: 'count' }, ` (${formatNumber(count)})`)),
    list,
    h('div', { class: 'more-row' }, status, more),
  );
}

/** The page's data as files: one CSV per kind of statement (as far as loaded), the rows and imports, and the answers as JSON. */
function sourceDownloads(loaded: Loaded): HTMLElement {
  const { source, data } = loaded;
  return downloadMenu({
    name: `source-${source.key}`,
    graphVersion: data.graphVersion ?? null,
    tables: [
      ...GROUPS.map(([kind, field]) => statementsTable(field, loaded.statements[kind])),
      {
        name: 'rows',
        columns: ['row', 'line', 'locator', 'kind', 'subject', 'about', 'object'],
        rows: loaded.rows.flatMap((row) =>
          row.statements.map((s) => ({
            row: row.row,
            line: row.line,
            locator: s.locator,
            kind: s.kind,
            subject: s.subject?.key,
            about: s.about,
            object: s.object?.key,
          })),
        ),
      },
      {
        name: 'imports',
        columns: ['id', 'at', 'principal', 'added', 'changed', 'retracted'],
        rows: source.imports.edges.map(({ node }) => ({ ...node })),
      },
    ],
    json: { ...data, source: { ...source, statements: loaded.statements, loadedRows: loaded.rows } },
  });
}
