import { gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import { ENTITY_REF } from '../lib/fragments.js';
import type { HoldingItemsQuery, HoldingsQuery } from '../lib/generated.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href, list, navigate } from '../lib/state.js';
import { chartLegend, dataTable, dayOf, lineChart, type ChartSeries } from './chart-frame.js';

// Chips owned by owner over time: Epoch AI's estimates of each owner's holdings of one chip or class
// at each quarter's end, the median as a line and the 5th–95th percentile interval as a band.

addMessages({
  'Chips owned over time': '各所有方持有的芯片（随时间）',
  'Chips held': '持有芯片数',
  'H100 equivalents': 'H100 等效数',
  Measure: '度量',
  Owners: '所有方',
  Date: '日期',
  Median: '中位数',
  '5th percentile': '第 5 百分位',
  '95th percentile': '第 95 百分位',
  'Shaded: 5th–95th percentile of the estimate': '阴影：估计值的第 5–95 百分位区间',
  'No chip holdings are recorded in this graph.': '此图中没有芯片持有量数据。',
  'No owner chosen.': '未选择所有方。',
  'Estimates by': '估计来源：',
  'as each source dates them (the end of a quarter); an owner is a company or a group of buyers.': '按各来源所注日期（季度末）；所有方为公司或买家群体。',
});

const HOLDING_ITEMS = `query HoldingItems { chipHoldings { owner { key } item { ${ENTITY_REF} } } }`;

const HOLDINGS = `query Holdings($chip: String!, $metric: FinancialMetric!) {
  graphVersion
  chipHoldings(chip: $chip) {
    owner { ${ENTITY_REF} }
    item { ${ENTITY_REF} }
    figures(metric: $metric) { key value valueLow valueHigh unit date period estimate estimatedBy { ${ENTITY_REF} } }
  }
}`;

const METRICS: Record<string, string> = { CHIP_COUNT: 'Chips held', H100_EQUIVALENTS: 'H100 equivalents' };
/** The sentinel for "every owner unticked": an empty list in the URL would read as "all". */
const NO_OWNER = 'none';

type Item = HoldingItemsQuery['chipHoldings'][number]['item'];
type Holding = HoldingsQuery['chipHoldings'][number];
type Figure = Holding['figures'][number];

/** When a figure holds: its date, else the end of its quarter or year. */
function whenOf(figure: Figure): string | null {
  if (figure.date) return figure.date;
  const quarter = figure.period?.match(/^(\d{4})Q([1-4])$/);
  if (quarter) return `${quarter[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(quarter[2]) - 1]}`;
  return figure.period?.match(/^\d{4}$/) ? `${figure.period}-12-31` : null;
}

/** The items anyone holds, those held by the most owners first: the default is the best-covered chip. */
function itemsByCoverage(answer: HoldingItemsQuery): Item[] {
  const owners = new Map<string, { item: Item; count: number }>();
  for (const holding of answer.chipHoldings) {
    const entry = owners.get(holding.item.key) ?? { item: holding.item, count: 0 };
    entry.count += 1;
    owners.set(holding.item.key, entry);
  }
  return [...owners.values()].sort((a, b) => b.count - a.count || a.item.key.localeCompare(b.item.key)).map((entry) => entry.item);
}

export async function holdingsData(params: URLSearchParams) {
  const items = itemsByCoverage(await gql<HoldingItemsQuery>(HOLDING_ITEMS));
  const chip = params.get('chip') || items[0]?.key || null;
  const metric = METRICS[params.get('metric') ?? ''] ? params.get('metric')! : 'CHIP_COUNT';
  const answer = chip ? await gql<HoldingsQuery>(HOLDINGS, { chip, metric }) : null;
  return { items, chip, metric, answer };
}

/** Draws the holdings chart of one chip (`chip`), measure (`metric`) and owners (`owners`, all when absent). */
export function holdingsChart(root: HTMLElement, params: URLSearchParams, data: Awaited<ReturnType<typeof holdingsData>>): void {
  const { items, chip, metric, answer } = data;
  if (!chip || !answer) {
    root.replaceChildren(h('p', { class: 'status empty' }, t('No chip holdings are recorded in this graph.')));
    return;
  }
  const holdings = answer.chipHoldings.filter((holding) => holding.figures.length > 0);
  const chosen = params.has('owners') ? list(params, 'owners') : holdings.map((holding) => holding.owner.key);
  const shown = holdings.filter((holding) => chosen.includes(holding.owner.key));
  const itemName = nameOf(items.find((item) => item.key === chip) ?? answer.chipHoldings[0]?.item ?? { name: chip, nameZh: null });

  const controls = controlsForm(
    (form) => {
      const owners = form.getAll('owner').map(String);
      navigate(
        href('charts', { chart: 'holdings', chip: String(form.get('chip')), metric: String(form.get('metric')), owners: owners.length ? owners : NO_OWNER }),
      );
    },
    h(
      'label',
      {},
      `${t('Chip')} `,
      h(
        'select',
        { name: 'chip' },
        items.map((item) => h('option', { value: item.key, selected: item.key === chip }, nameOf(item))),
      ),
    ),
    h(
      'label',
      {},
      `${t('Measure')} `,
      h(
        'select',
        { name: 'metric' },
        Object.entries(METRICS).map(([value, label]) => h('option', { value, selected: value === metric }, t(label))),
      ),
    ),
    h(
      'fieldset',
      { class: 'owner-choice' },
      h('legend', {}, t('Owners')),
      holdings.map((holding) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'owner', value: holding.owner.key, checked: chosen.includes(holding.owner.key) }),
          nameOf(holding.owner),
        ),
      ),
    ),
    h('button', { type: 'submit' }, t('Show')),
  );

  const series: ChartSeries[] = shown.map((holding) => ({
    key: holding.owner.key,
    name: nameOf(holding.owner),
    points: holding.figures
      .map((figure) => ({ figure, when: whenOf(figure) }))
      .filter((entry): entry is { figure: Figure; when: string } => entry.when !== null)
      .map(({ figure, when }) => ({ x: dayOf(when), when, y: figure.value, low: figure.valueLow, high: figure.valueHigh })),
  }));
  const plotted = series.flatMap((item) => item.points.map((point) => ({ owner: item.key, ownerName: item.name, ...point })));
  const title = `${t(METRICS[metric]!)}: ${itemName}`;
  const estimators = [
    ...new Map(shown.flatMap((holding) => holding.figures.flatMap((f) => (f.estimatedBy ? [[f.estimatedBy.key, f.estimatedBy]] : [])))).values(),
  ];
  const rows = plotted.map((point) => ({
    owner: point.owner,
    ownerName: point.ownerName,
    item: chip,
    metric,
    date: point.when,
    median: point.y,
    p5: point.low ?? null,
    p95: point.high ?? null,
  }));

  root.replaceChildren(
    controls,
    plotted.length
      ? h(
          'figure',
          { class: 'chart line-figure', 'data-chart': 'holdings' },
          h('figcaption', {}, title),
          downloadMenu({
            name: `charts-holdings-${chip}-${metric}`,
            graphVersion: answer.graphVersion,
            tables: [{ name: 'points', columns: ['owner', 'ownerName', 'item', 'metric', 'date', 'median', 'p5', 'p95'], rows }],
            json: { chart: 'holdings', chip, metric, points: rows },
          }),
          lineChart({ title, xLabel: t('Date'), yLabel: t(METRICS[metric]!), series, format: (value) => formatNumber(value, 0) }),
          chartLegend(series, plotted.some((point) => typeof point.low === 'number') ? t('Shaded: 5th–95th percentile of the estimate') : undefined),
          h(
            'p',
            { class: 'chart-note' },
            `${t('Estimates by')} ${estimators.map(nameOf).join(', ') || '—'}; ${t('as each source dates them (the end of a quarter); an owner is a company or a group of buyers.')}`,
          ),
          dataTable(
            title,
            [t('Owners'), t('Date'), t('Median'), t('5th percentile'), t('95th percentile')],
            rows.map((row) => [row.ownerName, row.date, row.median, row.p5, row.p95]),
          ),
        )
      : h('p', { class: 'status empty' }, shown.length ? `${t('No results.')} (${enumLabel(metric)})` : t('No owner chosen.')),
  );
}
