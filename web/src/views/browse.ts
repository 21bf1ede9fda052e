import { type Child, h } from '../lib/dom.js';
import { downloadMenu, type Table } from '../lib/download.js';
import { enumLabel, formatAmount, formatNumber } from '../lib/format.js';
import { addMessages, lang, nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import { BROWSABLE, BROWSE, type Browsable, type BrowseAnswer, type Column, type FilterSpec, type Row } from './browse-types.js';

// Lists of every kind of entity without a search word: a paged table per type, filtered from the
// URL (`?view=browse&type=DataCenter&country=us&status=OPERATING`), each row opening its entity.

addMessages({
  Browse: '浏览',
  Name: '名称',
  Key: '键',
  Kind: '类型',
  Status: '状态',
  Power: '功率',
  Location: '位置',
  Operators: '运营方',
  Vendor: '厂商',
  Family: '系列',
  Released: '发布',
  Announced: '公布',
  Publisher: '发布者',
  Published: '发表',
  'Dataset rows': '数据集行数',
  Country: '国家',
  Owner: '所有者',
  'Name contains': '名称包含',
  'Other names': '其他名称',
  Any: '不限',
  List: '列表',
  Show: '显示',
  'Next page': '下一页',
  'First page': '第一页',
  'Nothing matches these filters.': '没有符合这些筛选条件的条目。',
  'entity key, e.g.': '实体键，例如',
  'Rows {from}–{to} of {total}': '第 {from}–{to} 行，共 {total} 行',
  Filters: '筛选',
  Pages: '分页',
});

const PAGE_SIZE = 50;

const entityLinks = (entities: unknown): Child => {
  const list = (entities ?? []) as Row[];
  return list.flatMap((entity, i) => [i ? ', ' : null, h('a', { href: href('entity', { key: entity.key }) }, nameOf(entity))]);
};
const entityNames = (entities: unknown) => ((entities ?? []) as Row[]).map((entity) => nameOf(entity)).join('; ');
const entityOf = (row: Row, field: string) => (row[field] ?? null) as Row | null;
const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
const enumText = (value: unknown) => (typeof value === 'string' ? enumLabel(value) : null);

/** Power as stated, its bound in words: "more than 2,000 MW". */
function power(row: Row): string | null {
  if (typeof row.powerMW !== 'number') return null;
  const qualifier = row.powerMWQualifier;
  const bound = typeof qualifier === 'string' && qualifier !== 'EXACT' ? `${enumLabel(qualifier)}${lang() === 'zh' ? '' : ' '}` : '';
  return `${bound}${formatAmount(row.powerMW, 'MEGAWATT')}`;
}

const COLUMNS: Record<(typeof BROWSE)[Browsable]['columns'], Column[]> = {
  dataCenter: [
    { title: 'Kind', value: (r) => enumText(r.kind) },
    { title: 'Status', value: (r) => enumText(r.status) },
    { title: 'Power', value: power, number: true },
    { title: 'Location', value: (r) => entityNames(r.locations), show: (r) => entityLinks(r.locations) },
    { title: 'Operators', value: (r) => entityNames(r.operators), show: (r) => entityLinks(r.operators) },
  ],
  chip: [
    { title: 'Vendor', value: (r) => entityNames([entityOf(r, 'vendor')].filter(Boolean)), show: (r) => entityLinks([entityOf(r, 'vendor')].filter(Boolean)) },
    { title: 'Family', value: (r) => entityNames([entityOf(r, 'family')].filter(Boolean)), show: (r) => entityLinks([entityOf(r, 'family')].filter(Boolean)) },
    { title: 'Released', value: (r) => text(r.releasedOn) },
  ],
  policy: [
    { title: 'Kind', value: (r) => enumText(r.kind) },
    { title: 'Status', value: (r) => enumText(r.status) },
    { title: 'Announced', value: (r) => text(r.announcedOn) },
  ],
  source: [
    { title: 'Kind', value: (r) => enumText(r.kind) },
    { title: 'Publisher', value: (r) => text(r.publisher) },
    { title: 'Published', value: (r) => text(r.publishedOn) },
    { title: 'Dataset rows', value: (r) => (typeof r.rowCount === 'number' ? formatNumber(r.rowCount) : null), number: true },
  ],
  company: [
    { title: 'Kind', value: (r) => enumText(r.kind) },
    {
      title: 'Country',
      value: (r) => entityNames([entityOf(r, 'country')].filter(Boolean)),
      show: (r) => entityLinks([entityOf(r, 'country')].filter(Boolean)),
    },
  ],
  entity: [
    {
      title: 'Other names',
      value: (r) =>
        [lang() === 'zh' ? r.name : r.nameZh, ...((r.aliases as string[] | undefined) ?? [])].filter((name) => name && name !== nameOf(r)).join(' · '),
    },
  ],
};

/** A source opens on its own page; every other entity on the entity page. */
const rowLink = (row: Row) => (row.label === 'Source' ? href('source', { key: row.key }) : href('entity', { key: row.key }));

const isBrowsable = (value: string | null): value is Browsable => BROWSABLE.some((type) => type === value);

export function browseView(root: HTMLElement, params: URLSearchParams): undefined {
  const requested = params.get('type');
  const type: Browsable = isBrowsable(requested) ? requested : 'DataCenter';
  const spec = BROWSE[type];
  // An empty filter in the URL is no filter: the form shows "Any" for it, and the API is not asked to match ''.
  const filters = Object.fromEntries(spec.filters.map((filter) => [filter.name, params.get(filter.name)?.trim() ?? '']));
  const after = params.get('after') || null;
  const pageNumber = Math.max(1, Number(params.get('page')) || 1);
  document.title = `${enumLabel(type)} · ${t('Browse')} · Compute Atlas`;

  const body = h('div', { class: 'browse-body' });
  const controls = h('div', { class: 'browse-controls' });
  root.replaceChildren(h('section', { class: 'browse', 'data-type': type }, h('h1', {}, `${t('Browse')}: ${enumLabel(type)}`), controls, body));

  const go = (values: Record<string, string>) => navigate(href('browse', { type, ...values }));
  const drawControls = (answer: BrowseAnswer | null) => {
    const typeSelect = h(
      'select',
      { name: 'type', onchange: () => navigate(href('browse', { type: typeSelect.value })) },
      BROWSABLE.map((value) => h('option', { value, selected: value === type }, enumLabel(value))),
    );
    const fields = spec.filters.map((filter) => filterField(filter, filters[filter.name] ?? '', answer));
    controls.replaceChildren(
      h(
        'form',
        {
          class: 'controls',
          'aria-label': t('Filters'),
          onsubmit: (event: Event) => {
            event.preventDefault();
            const form = new FormData(event.target as HTMLFormElement);
            go(Object.fromEntries(spec.filters.map((filter) => [filter.name, String(form.get(filter.name) ?? '').trim()])));
          },
        },
        h('label', {}, `${t('List')} `, typeSelect),
        fields,
        h('button', { type: 'submit' }, t('Show')),
      ),
    );
  };
  drawControls(null);

  void load(
    body,
    () => spec.fetch({ ...spec.variables(filters, type), first: PAGE_SIZE, after }),
    (answer) => {
      drawControls(answer);
      const columns = COLUMNS[spec.columns];
      const rows = answer.list.edges.map((edge) => edge.node);
      const first = (pageNumber - 1) * PAGE_SIZE + 1;
      const table: Table = {
        name: `browse-${type}${Object.entries(filters)
          .filter(([, value]) => value)
          .map(([name, value]) => `-${name}-${value}`)
          .join('')}`,
        columns: ['key', 'name', ...columns.map((column) => column.title)],
        rows: rows.map((row) => ({ key: row.key, name: nameOf(row), ...Object.fromEntries(columns.map((column) => [column.title, column.value(row)])) })),
      };
      const count = rows.length
        ? t('Rows {from}–{to} of {total}')
            .replace('{from}', formatNumber(first))
            .replace('{to}', formatNumber(first + rows.length - 1))
            .replace('{total}', formatNumber(answer.list.totalCount))
        : t('Nothing matches these filters.');
      body.replaceChildren(
        h(
          'div',
          { class: 'browse-summary' },
          h('p', { class: 'status', role: 'status', 'data-total': answer.list.totalCount }, count),
          downloadMenu({ name: table.name, graphVersion: answer.graphVersion, tables: [table], json: answer }),
        ),
        rows.length ? resultsTable(type, rows, columns) : '',
        h(
          'nav',
          { class: 'pager', 'aria-label': t('Pages') },
          after ? h('a', { href: href('browse', { type, ...filters }) }, t('First page')) : null,
          answer.list.pageInfo.hasNextPage && answer.list.pageInfo.endCursor
            ? h('a', { rel: 'next', href: href('browse', { type, ...filters, after: answer.list.pageInfo.endCursor, page: pageNumber + 1 }) }, t('Next page'))
            : null,
        ),
      );
    },
  );
}

function resultsTable(type: Browsable, rows: Row[], columns: Column[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'browse-table' },
      h('caption', { class: 'visually-hidden' }, `${t('Browse')}: ${enumLabel(type)}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('Name')),
          columns.map((column) => h('th', { scope: 'col' }, t(column.title))),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { 'data-key': row.key },
            h('th', { scope: 'row' }, h('a', { href: rowLink(row) }, nameOf(row))),
            columns.map((column) => h('td', { class: column.number ? 'number' : null }, column.show ? column.show(row) : String(column.value(row) ?? ''))),
          ),
        ),
      ),
    ),
  );
}

/** A select whose first choice, "Any", sends no filter. */
function anyOf(title: string, name: string, options: Child[]): HTMLElement {
  return h('label', {}, title, h('select', { name }, h('option', { value: '' }, t('Any')), options));
}

function filterField(filter: FilterSpec, value: string, answer: BrowseAnswer | null): HTMLElement {
  const title = `${t(filter.title)} `;
  if (filter.kind === 'enum') {
    return anyOf(
      title,
      filter.name,
      filter.values.map((option) => h('option', { value: option, selected: option === value }, enumLabel(option))),
    );
  }
  if (filter.kind === 'country') {
    const countries = (answer?.countries?.edges ?? []).map((edge) => edge.node);
    // A key from a shared URL stays chosen while the list loads, or when it is a region rather than a country.
    const known = countries.some((country) => country.key === value);
    return anyOf(title, filter.name, [
      value && !known ? h('option', { value, selected: true }, value) : null,
      [...countries]
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b), lang() === 'zh' ? 'zh-CN' : 'en'))
        .map((country) => h('option', { value: country.key, selected: country.key === value }, nameOf(country))),
    ]);
  }
  const placeholder = filter.kind === 'key' ? `${t('entity key, e.g.')} ${filter.example}` : '';
  return h('label', {}, title, h('input', { type: 'search', name: filter.name, value, placeholder, size: 16 }));
}
