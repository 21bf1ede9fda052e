import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { ENTITY_REF } from '../lib/fragments.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import type { EntityLabel, SearchPageQuery } from '../lib/generated.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import { BROWSABLE } from './browse-types.js';
import { homeView } from './home.js';

// Every match of a search, ranked as the index ranks it, one page at a time, of one type if asked;
// when the words as written find nothing, the hits that forgive a typo, offered as "did you mean".

addMessages({
  'All types': '全部类型',
  'Did you mean {name}?': '您是不是要找 {name}？',
  'Nothing is named “{text}”; these names are close to it.': '没有名为“{text}”的条目；以下名称与之相近。',
  '{total} matches': '共 {total} 个结果',
  'Matches {from}–{to} of {total}': '第 {from}–{to} 个结果，共 {total} 个',
  'Next page': '下一页',
  'First page': '第一页',
  Pages: '分页',
  Type: '类型',
  Show: '显示',
});

const PAGE_SIZE = 25;

const SEARCH_PAGE = `query SearchPage($text: String!, $labels: [EntityLabel!], $first: Int, $after: String) {
  graphVersion
  search(text: $text, labels: $labels, first: $first, after: $after) {
    fuzzy totalCount pageInfo { hasNextPage endCursor }
    edges { score node { ${ENTITY_REF} aliases } }
  }
}`;

const isLabel = (value: string | null): value is EntityLabel => BROWSABLE.some((label) => label === value);

/** Without a query, the home page; with one, every match. */
export function searchView(root: HTMLElement, params: URLSearchParams): undefined {
  const text = params.get('q')?.trim();
  if (!text) return homeView(root, params);
  const requested = params.get('type');
  const type = isLabel(requested) ? requested : null;
  const after = params.get('after') || null;
  const pageNumber = Math.max(1, Number(params.get('page')) || 1);
  document.title = `${t('Search')}: ${text} · Compute Atlas`;

  const typeSelect = h(
    'select',
    { name: 'type', onchange: () => navigate(href('search', { q: text, type: typeSelect.value })) },
    h('option', { value: '' }, t('All types')),
    BROWSABLE.map((label) => h('option', { value: label, selected: label === type }, enumLabel(label))),
  );
  const results = h('div', { class: 'results' });
  root.replaceChildren(
    h('h1', {}, `${t('Search')}: ${text}`),
    h(
      'form',
      {
        class: 'controls',
        onsubmit: (event: Event) => {
          event.preventDefault();
          navigate(href('search', { q: text, type: typeSelect.value }));
        },
      },
      h('label', {}, `${t('Type')} `, typeSelect),
      h('button', { type: 'submit' }, t('Show')),
    ),
    results,
  );
  void load(
    results,
    () => gql<SearchPageQuery>(SEARCH_PAGE, { text, labels: type ? [type] : null, first: PAGE_SIZE, after }),
    (data) => {
      const { search } = data;
      const hits = search.edges.map((edge) => edge.node);
      if (!hits.length) return results.replaceChildren(h('p', { class: 'status' }, t('No results.')));
      const first = (pageNumber - 1) * PAGE_SIZE + 1;
      const table = {
        name: `search-${text}${type ? `-${type}` : ''}`,
        columns: ['key', 'name', 'label', 'score', 'aliases'],
        rows: search.edges.map(({ node, score }) => ({ key: node.key, name: nameOf(node), label: node.label, score, aliases: node.aliases.join('; ') })),
      };
      const best = hits[0]!;
      results.replaceChildren(
        search.fuzzy
          ? h(
              'div',
              { class: 'did-you-mean', role: 'note' },
              h('p', {}, t('Nothing is named “{text}”; these names are close to it.').replace('{text}', text)),
              h('p', {}, ...didYouMean(best)),
            )
          : '',
        h(
          'div',
          { class: 'browse-summary' },
          h(
            'p',
            { class: 'status', role: 'status', 'data-total': search.totalCount },
            t('Matches {from}–{to} of {total}')
              .replace('{from}', formatNumber(first))
              .replace('{to}', formatNumber(first + hits.length - 1))
              .replace('{total}', formatNumber(search.totalCount)),
          ),
          downloadMenu({ name: table.name, graphVersion: data.graphVersion ?? null, tables: [table], json: data }),
        ),
        h(
          'ol',
          { class: 'hits', start: first },
          hits.map((hit) =>
            h(
              'li',
              { 'data-key': hit.key },
              h(
                'a',
                { href: href(hit.label === 'Source' ? 'source' : 'entity', { key: hit.key }) },
                h('span', { class: `dot label-${hit.label}` }),
                nameOf(hit),
              ),
              h('span', { class: 'hit-label' }, enumLabel(hit.label)),
              hit.aliases.length ? h('span', { class: 'aliases' }, hit.aliases.join(' · ')) : null,
            ),
          ),
        ),
        h(
          'nav',
          { class: 'pager', 'aria-label': t('Pages') },
          after ? h('a', { href: href('search', { q: text, type: type ?? undefined }) }, t('First page')) : null,
          search.pageInfo.hasNextPage && search.pageInfo.endCursor
            ? h(
                'a',
                { rel: 'next', href: href('search', { q: text, type: type ?? undefined, after: search.pageInfo.endCursor, page: pageNumber + 1 }) },
                t('Next page'),
              )
            : null,
        ),
      );
    },
  );
}

/** "Did you mean ByteDance?" with the name as a link, in the reader's word order. */
function didYouMean(hit: { key: string; name: string; nameZh: string | null }) {
  const [before, after] = t('Did you mean {name}?').split('{name}');
  return [before, h('a', { href: href('entity', { key: hit.key }) }, nameOf(hit)), after];
}
