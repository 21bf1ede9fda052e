import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import type { HomeQuery } from '../lib/generated.js';
import { addMessages, lang, nameOf, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';
import { load } from '../widgets/status.js';

// Where a reader starts without a search word: what the graph holds (each count opening its list),
// its sources, the questions it answers, and the views that draw it.

addMessages({
  'Who buys which AI chips, which policies threaten them, and how much the US and Chinese tech firms invest — every link citing the sentence it comes from. Search above (press /), browse a list, or start from one of these questions:':
    '谁在购买哪些 AI 芯片、哪些政策威胁着它们、中美科技公司投入多少——每条关系都引用其出处的原句。可在上方搜索（按 /）、浏览列表，或从以下问题开始：',
  'Which firms depend on the H20 under export-control risk?': '哪些公司依赖受出口管制风险影响的 H20？',
  'ByteDance and its links': '字节跳动及其关系',
  '2024 capex: the US vs China': '2024 年资本开支：美国与中国',
  'From ByteDance to Nvidia Hopper': '从字节跳动到英伟达 Hopper',
  'Nvidia H20': '英伟达 H20',
  'Example questions': '示例问题',
  'What is in the graph': '图谱中有什么',
  '{count} relationships between them': '其间共 {count} 条关系',
  'Graph version {version}, updated {date}': '图谱版本 {version}，更新于 {date}',
  'Sources by kind': '各类来源',
  Datasets: '数据集',
  '{rows} rows': '{rows} 行',
  'More views': '更多视图',
  'Map of data centers': '数据中心地图',
  'Charts over time': '随时间变化的图表',
  'Where sources disagree': '来源说法不一之处',
  'All lists': '全部列表',
  'Counts by type': '各类型数量',
});

const HOME = `query Home {
  graphVersion
  overview { entities { label count } sources { kind count } relationships graphVersion updatedAt }
  datasets: sources(kind: DATASET, first: 50) { totalCount edges { node { key name nameZh title publisher rowCount license } } }
}`;

const examples = (): [string, string][] => [
  ['Which firms depend on the H20 under export-control risk?', href('exposure', { chip: 'h20', kinds: 'EXPORT_CONTROL' })],
  ['ByteDance and its links', href('neighbourhood', { key: 'bytedance', depth: 1 })],
  ['2024 capex: the US vs China', href('figures', { metric: 'CAPEX', period: '2024' })],
  ['From ByteDance to Nvidia Hopper', href('paths', { from: 'bytedance', to: 'hopper', maxHops: 4 })],
  ['Nvidia H20', href('entity', { key: 'h20' })],
];

const views = (): [string, string][] => [
  ['Map of data centers', href('map')],
  ['Charts over time', href('charts')],
  ['Where sources disagree', href('disagreements')],
  ['All lists', href('browse')],
];

function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'long' }).format(date);
}

export function homeView(root: HTMLElement, _params: URLSearchParams): undefined {
  const contents = h('div', { class: 'home-contents' });
  root.replaceChildren(
    h(
      'section',
      { class: 'home' },
      h('h1', {}, 'Compute Atlas'),
      h(
        'p',
        { class: 'lead' },
        t(
          'Who buys which AI chips, which policies threaten them, and how much the US and Chinese tech firms invest — every link citing the sentence it comes from. Search above (press /), browse a list, or start from one of these questions:',
        ),
      ),
      h('h2', {}, t('Example questions')),
      h(
        'ul',
        { class: 'examples' },
        examples().map(([title, url]) => h('li', {}, h('a', { href: url }, t(title)))),
      ),
      contents,
      h('h2', {}, t('More views')),
      h(
        'ul',
        { class: 'home-views' },
        views().map(([title, url]) => h('li', {}, h('a', { href: url }, t(title)))),
      ),
    ),
  );
  void load(
    contents,
    () => gql<HomeQuery>(HOME),
    (data) => {
      const { overview } = data;
      const present = overview.entities.filter((entry) => entry.count > 0);
      contents.replaceChildren(
        h(
          'div',
          { class: 'home-heading' },
          h('h2', {}, t('What is in the graph')),
          downloadMenu({
            name: 'overview',
            graphVersion: data.graphVersion ?? null,
            tables: [
              { name: 'entities', columns: ['label', 'count'], rows: overview.entities.map((entry) => ({ label: entry.label, count: entry.count })) },
              { name: 'sources', columns: ['kind', 'count'], rows: overview.sources.map((entry) => ({ kind: entry.kind, count: entry.count })) },
            ],
            json: data,
          }),
        ),
        h(
          'ul',
          { class: 'counts', 'aria-label': t('Counts by type') },
          present.map((entry) =>
            h(
              'li',
              { 'data-label': entry.label },
              h(
                'a',
                { href: href('browse', { type: entry.label }) },
                h('span', { class: 'count', 'data-count': entry.count }, formatNumber(entry.count)),
                h('span', { class: 'count-label' }, enumLabel(entry.label)),
              ),
            ),
          ),
        ),
        h(
          'p',
          { class: 'graph-facts' },
          t('{count} relationships between them').replace('{count}', formatNumber(overview.relationships)),
          ' · ',
          h(
            'span',
            { class: 'graph-version', 'data-version': overview.graphVersion ?? '' },
            t('Graph version {version}, updated {date}')
              .replace('{version}', overview.graphVersion ?? '—')
              .replace('{date}', formatDate(overview.updatedAt)),
          ),
        ),
        h('h2', {}, t('Sources by kind')),
        h(
          'ul',
          { class: 'source-kinds' },
          overview.sources.map((entry) =>
            h(
              'li',
              { 'data-kind': entry.kind },
              h(
                'a',
                { href: href('browse', { type: 'Source', kind: entry.kind }) },
                `${enumLabel(entry.kind)}${lang() === 'zh' ? '：' : ': '}${formatNumber(entry.count)}`,
              ),
            ),
          ),
        ),
        ...(data.datasets.edges.length
          ? [
              h('h2', {}, t('Datasets')),
              h(
                'ul',
                { class: 'datasets' },
                data.datasets.edges.map(({ node }) =>
                  h(
                    'li',
                    { 'data-key': node.key },
                    h('a', { href: href('source', { key: node.key }) }, nameOf(node)),
                    node.publisher ? ` · ${node.publisher}` : null,
                    typeof node.rowCount === 'number' ? ` · ${t('{rows} rows').replace('{rows}', formatNumber(node.rowCount))}` : null,
                  ),
                ),
              ),
            ]
          : []),
      );
    },
  );
}
