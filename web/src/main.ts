import { h } from './lib/dom.js';
import { setLang, t } from './lib/i18n.js';
import { searchBox } from './widgets/search-box.js';
import { VIEWS, href, navigate, onNavigate, type View } from './lib/state.js';
import { browseView } from './views/browse.js';
import { chartsView } from './views/charts.js';
import { disagreementsView } from './views/disagreements.js';
import { entityView } from './views/entity.js';
import { homeView } from './views/home.js';
import { mapView } from './views/map.js';
import { sourceView } from './views/source.js';
import { exposureView } from './views/exposure.js';
import { figuresView } from './views/figures.js';
import { neighbourhoodView } from './views/neighbourhood.js';
import { needsKey } from './views/needs-key.js';
import { pathsView } from './views/paths.js';
import { searchView } from './views/search.js';

/** Draws a view into root; returns what to undo before the next view is drawn, if anything. */
type Render = (root: HTMLElement, params: URLSearchParams) => (() => void) | undefined;

const RENDER: Record<View, Render> = {
  home: homeView,
  search: searchView,
  browse: browseView,
  entity: needsKey(entityView),
  source: sourceView,
  map: mapView,
  charts: chartsView,
  disagreements: disagreementsView,
  neighbourhood: needsKey(neighbourhoodView),
  exposure: exposureView,
  paths: pathsView,
  figures: figuresView,
};

const NAV: [View, string, Record<string, string>][] = [
  ['exposure', 'Exposure', { chip: 'h20', kinds: 'EXPORT_CONTROL' }],
  ['neighbourhood', 'Neighbourhood', { key: 'bytedance', depth: '1' }],
  ['paths', 'Paths', { from: 'bytedance', to: 'hopper', maxHops: '4' }],
  ['figures', 'Figures', { metric: 'CAPEX', period: '2024' }],
  ['disagreements', 'Disagreements', {}],
  ['map', 'Map', {}],
  ['charts', 'Charts', { chart: 'holdings' }],
];

const header = h('header', { class: 'top' });
const main = h('main', { id: 'main', tabindex: -1 });
document.body.replaceChildren(header, main);
let cleanup: (() => void) | undefined;

function drawHeader(view: View, params: URLSearchParams, lang: 'en' | 'zh'): void {
  const other = new URLSearchParams(params);
  if (lang === 'zh') other.delete('lang');
  else other.set('lang', 'zh');
  header.replaceChildren(
    h('a', { class: 'brand', href: href('search') }, 'Compute Atlas'),
    searchBox({
      label: t('Search'),
      value: view === 'search' ? (params.get('q') ?? '') : '',
      onPick: (hit) => navigate(href('entity', { key: hit.key })),
      onSubmit: (text) => navigate(href('search', { q: text })),
    }),
    h(
      'nav',
      { class: 'views' },
      NAV.map(([target, title, values]) => h('a', { href: href(target, values), 'aria-current': target === view ? 'page' : false }, t(title))),
      h('a', { href: '/graphql' }, t('GraphQL API')),
    ),
    h('a', { class: 'lang', href: `${location.pathname}?${other}` }, lang === 'zh' ? 'English' : '中文'),
  );
}

function render(): void {
  cleanup?.();
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'zh' ? 'zh' : 'en';
  setLang(lang);
  const requested = params.get('view');
  const view: View = VIEWS.find((name) => name === requested) ?? (params.has('key') ? 'entity' : 'home');
  document.title = 'Compute Atlas';
  document.body.dataset.view = view;
  drawHeader(view, params, lang);
  cleanup = RENDER[view](main, params);
}

// Links within the explorer change the view without reloading the page; the URL keeps the state.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
  main.focus({ preventScroll: false });
});

document.addEventListener('keydown', (event) => {
  const typing = (event.target as Element).closest?.('input, select, textarea');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    header.querySelector<HTMLInputElement>('input[type=search]')?.focus();
  }
});

onNavigate(render);
render();
