import { h } from '../lib/dom.js';
import { nameOf, t } from '../lib/i18n.js';
import { search } from '../widgets/search-box.js';
import { href } from '../lib/state.js';
import { load } from '../widgets/status.js';

const examples = (): [string, string][] => [
  ['Which firms depend on the H20 under export-control risk?', href('exposure', { chip: 'h20', kinds: 'EXPORT_CONTROL' })],
  ['ByteDance and its links', href('neighbourhood', { key: 'bytedance', depth: 1 })],
  ['2024 capex: the US vs China', href('figures', { metric: 'CAPEX', period: '2024' })],
  ['From ByteDance to Nvidia Hopper', href('paths', { from: 'bytedance', to: 'hopper', maxHops: 4 })],
  ['Nvidia H20', href('entity', { key: 'h20' })],
];

/** Without a query, where to start; with one, every match ranked as the search index ranks it. */
export function searchView(root: HTMLElement, params: URLSearchParams): undefined {
  const text = params.get('q')?.trim();
  if (!text) {
    root.replaceChildren(
      h(
        'section',
        { class: 'home' },
        h('h1', {}, 'Compute Atlas'),
        h(
          'p',
          { class: 'lead' },
          'Who buys which AI chips, which policies threaten them, and how much the US and Chinese tech firms invest — every link citing the sentence it comes from. Search above (press /), or start from one of these:',
        ),
        h(
          'ul',
          { class: 'examples' },
          examples().map(([title, url]) => h('li', {}, h('a', { href: url }, title))),
        ),
      ),
    );
    return;
  }
  const results = h('div', { class: 'results' });
  root.replaceChildren(h('h1', {}, `${t('Search')}: ${text}`), results);
  void load(
    results,
    () => search(text, 50),
    (hits) => {
      if (!hits.length) return results.replaceChildren(h('p', { class: 'status' }, t('No results.')));
      results.replaceChildren(
        h(
          'ol',
          { class: 'hits' },
          hits.map((hit) =>
            h(
              'li',
              { 'data-key': hit.key },
              h('a', { href: href('entity', { key: hit.key }) }, h('span', { class: `dot label-${hit.label}` }), nameOf(hit)),
              h('span', { class: 'hit-label' }, hit.label),
              hit.aliases.length ? h('span', { class: 'aliases' }, hit.aliases.join(' · ')) : null,
            ),
          ),
        ),
      );
    },
  );
}
