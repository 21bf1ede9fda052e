import { h } from '../lib/dom.js';
import { addMessages, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';
import { holdingsChart, holdingsData } from '../widgets/chart-holdings.js';
import { powerChart, powerData } from '../widgets/chart-power.js';
import { load } from '../widgets/status.js';

// Charts of what the public datasets hold over time: `?view=charts&chart=holdings|power`.

addMessages({
  Charts: '图表',
  'Chips owned by owner': '各所有方持有的芯片',
  'Cluster power by country': '各国集群功率',
});

const CHARTS = [
  ['holdings', 'Chips owned by owner'],
  ['power', 'Cluster power by country'],
] as const;

export function chartsView(root: HTMLElement, params: URLSearchParams): undefined {
  const chart = params.get('chart') === 'power' ? 'power' : 'holdings';
  const body = h('div', { class: 'charts-view' });
  root.replaceChildren(
    h('h1', {}, t('Charts')),
    h(
      'nav',
      { class: 'chart-tabs', 'aria-label': t('Charts') },
      CHARTS.map(([name, title]) => h('a', { href: href('charts', { chart: name }), 'aria-current': name === chart ? 'page' : false }, t(title))),
    ),
    body,
  );
  document.title = `${t('Charts')} · Compute Atlas`;
  if (chart === 'power') void load(body, powerData, (data) => powerChart(body, data));
  else
    void load(
      body,
      () => holdingsData(params),
      (data) => holdingsChart(body, params, data),
    );
  return undefined;
}
