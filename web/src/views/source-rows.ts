import { h } from '../lib/dom.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import type { SourcePageQuery } from '../lib/generated.js';
import { addMessages, lang, t } from '../lib/i18n.js';
import { entityLink } from '../widgets/evidence.js';
import { ENTITY_REF } from '../lib/fragments.js';

// A dataset's side of its page: the rows of its file with what each produced, and the imports that
// wrote it (when, and how many statements each added, changed or retracted).

addMessages({
  'Rows of the file': '文件中的行',
  'Rows that produced statements, in file order: each names the line of the file and what the import made of it.':
    '产生陈述的行，按文件顺序：每行注明文件中的行号及导入时由此得到的内容。',
  'More rows': '更多行',
  'Import history': '导入记录',
  Version: '版本',
  When: '时间',
  By: '执行者',
  Added: '新增',
  Changed: '更改',
  Retracted: '撤回',
  'Counts are for the whole write, which may have recorded other sources too.': '计数为整次写入的数量，该次写入可能同时记录了其他来源。',
  '{count} rows produced statements': '{count} 行产生了陈述',
});

export const SOURCE_ROW_PAGE = `totalCount edges { node { row line locators statements { kind key about locator subject { ${ENTITY_REF} } object { ${ENTITY_REF} } } } } pageInfo { hasNextPage endCursor }`;

type Source = NonNullable<SourcePageQuery['source']>;
export type SourceRow = Source['rows']['edges'][number]['node'];
type PageInfo = Source['rows']['pageInfo'];
type Import = Source['imports']['edges'][number]['node'];

function rowItem(row: SourceRow): HTMLElement {
  return h(
    'li',
    { class: 'source-row', 'data-row': row.row },
    h(
      'p',
      { class: 'row-locators' },
      row.locators.map((locator) => h('code', {}, locator)),
    ),
    h(
      'ul',
      { class: 'row-statements' },
      row.statements.map((s) =>
        h(
          'li',
          { 'data-kind': s.kind },
          s.subject ? entityLink(s.subject) : '—',
          h('span', { class: 'rel-type' }, s.kind === 'LINK' ? ` —${enumLabel(s.about)}→ ` : ` · ${enumLabel(s.about)}`),
          s.object ? entityLink(s.object) : null,
        ),
      ),
    ),
  );
}

/** The rows section, or null for a source without row locators (an article). */
export function rowsSection(
  rows: SourceRow[],
  total: number,
  pageInfo: PageInfo,
  fetchMore: (after: string | null) => Promise<{ edges: { node: SourceRow }[]; pageInfo: PageInfo }>,
): HTMLElement | null {
  if (!total) return null;
  const list = h('ol', { class: 'source-rows' }, rows.map(rowItem));
  let cursor = pageInfo.endCursor ?? null;
  const more = h('button', { type: 'button', class: 'more more-rows' }, t('More rows'));
  more.hidden = !pageInfo.hasNextPage;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await fetchMore(cursor);
      list.append(...page.edges.map((e) => rowItem(e.node)));
      cursor = page.pageInfo.endCursor ?? null;
      more.hidden = !page.pageInfo.hasNextPage;
    } finally {
      more.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'source-rows-section', 'aria-labelledby': 'rows-title' },
    h('h2', { id: 'rows-title' }, t('Rows of the file')),
    h('p', { class: 'hint' }, t('Rows that produced statements, in file order: each names the line of the file and what the import made of it.')),
    h('p', { class: 'rows-total', 'data-total': total }, t('{count} rows produced statements').replace('{count}', formatNumber(total))),
    list,
    more,
  );
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

export function importsSection(imports: Import[]): HTMLElement | null {
  if (!imports.length) return null;
  return h(
    'section',
    { class: 'source-imports', 'aria-labelledby': 'imports-title' },
    h('h2', { id: 'imports-title' }, t('Import history')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'imports' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Version', 'When', 'By', 'Added', 'Changed', 'Retracted'].map((label) => h('th', { scope: 'col' }, t(label))),
          ),
        ),
        h(
          'tbody',
          {},
          imports.map((change) =>
            h(
              'tr',
              { 'data-id': change.id },
              h('td', {}, change.id),
              h('td', {}, when(change.at)),
              h('td', {}, change.principal),
              h('td', { class: 'number' }, formatNumber(change.added)),
              h('td', { class: 'number' }, formatNumber(change.changed)),
              h('td', { class: 'number' }, formatNumber(change.retracted)),
            ),
          ),
        ),
      ),
    ),
    h('p', { class: 'hint' }, t('Counts are for the whole write, which may have recorded other sources too.')),
  );
}
