import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { formatAmount, formatNumber } from '../lib/format.js';
import type { ClusterPowerQuery } from '../lib/generated.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { chartLegend, dataTable, dayOf, lineChart, type ChartSeries } from './chart-frame.js';
import { statedPower } from './map-markers.js';

// Cluster power by country over time: every operating GPU cluster adds its power to its country's
// running total from the day it first operated, computed here from the dataCenters answer.

addMessages({
  'Power of operating GPU clusters by country': '各国运营中 GPU 集群的功率',
  'Cumulative power (MW)': '累计功率（兆瓦）',
  'First operational': '首次投入运行',
  'Other countries': '其他国家',
  Cluster: '集群',
  'Added (MW)': '新增（兆瓦）',
  'Total (MW)': '累计（兆瓦）',
  'No operating cluster has both a stated power and a first-operational date.': '没有同时注明功率和首次运行日期的运营中集群。',
  'What is counted:': '统计口径：',
  'operating GPU clusters with a stated power and a first-operational date; each adds its power to its country from that date on. Power is the stated power, else the latest capacity figure to date. Planned, under-construction, paused and decommissioned clusters are left out, and so are sites (their clusters would count twice); a cluster in several countries counts in each.':
    '运营中且注明功率与首次运行日期的 GPU 集群；每个集群自该日期起计入所在国家。功率取所述功率，否则取截至今日的最新容量数据。规划中、在建、暂停和已退役的集群不计入，园区也不计入（其集群会被重复计算）；位于多个国家的集群在每个国家各计一次。',
  'clusters counted of': '个集群计入，共',
  'operating clusters': '个运营中集群',
  'without power or date': '个缺少功率或日期',
  'without a country': '个未注明国家',
});

const CLUSTER_POWER = `query ClusterPower($after: String) {
  graphVersion
  dataCenters(first: 100, after: $after, kind: CLUSTER, status: OPERATING) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      key name nameZh firstOperationalOn powerMW
      locations { key label name nameZh }
      capacity: financials(metric: DATA_CENTER_CAPACITY) { value unit date }
    } }
  }
}`;

/** Countries drawn one by one; the rest are summed as "other countries". */
const DRAWN_COUNTRIES = 7;

type Cluster = ClusterPowerQuery['dataCenters']['edges'][number]['node'];

export async function powerData() {
  const clusters: Cluster[] = [];
  let graphVersion: string | null = null;
  let after: string | null = null;
  for (;;) {
    const page: ClusterPowerQuery = await gql<ClusterPowerQuery>(CLUSTER_POWER, { after });
    graphVersion = page.graphVersion;
    clusters.push(...page.dataCenters.edges.map((edge) => edge.node));
    if (!page.dataCenters.pageInfo.hasNextPage) return { graphVersion, clusters };
    after = page.dataCenters.pageInfo.endCursor;
  }
}

export function powerChart(root: HTMLElement, data: Awaited<ReturnType<typeof powerData>>): void {
  const withPowerAndDate = data.clusters.filter((cluster) => cluster.firstOperationalOn && (statedPower(cluster) ?? 0) > 0);
  const counted = withPowerAndDate.filter((cluster) => cluster.locations.some((place) => place.label === 'Country'));
  const countries = new Map<string, { key: string; name: string; nameZh: string | null; total: number; clusters: Cluster[] }>();
  for (const cluster of counted) {
    for (const place of cluster.locations.filter((location) => location.label === 'Country')) {
      const entry = countries.get(place.key) ?? { ...place, total: 0, clusters: [] };
      entry.total += statedPower(cluster)!;
      entry.clusters.push(cluster);
      countries.set(place.key, entry);
    }
  }
  const ranked = [...countries.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const groups = [
    ...ranked.slice(0, DRAWN_COUNTRIES).map((country) => ({ key: country.key, name: nameOf(country), clusters: country.clusters })),
    ...(ranked.length > DRAWN_COUNTRIES
      ? [{ key: 'other', name: t('Other countries'), clusters: ranked.slice(DRAWN_COUNTRIES).flatMap((c) => c.clusters) }]
      : []),
  ];
  const rows: Record<string, string | number>[] = [];
  const series: ChartSeries[] = groups.map((group) => {
    let total = 0;
    const byDay = new Map<string, number>();
    const sorted = [...group.clusters].sort((a, b) => a.firstOperationalOn!.localeCompare(b.firstOperationalOn!) || a.key.localeCompare(b.key));
    for (const cluster of sorted) {
      total += statedPower(cluster)!;
      byDay.set(cluster.firstOperationalOn!, total);
      rows.push({
        country: group.key,
        countryName: group.name,
        date: cluster.firstOperationalOn!,
        cluster: cluster.key,
        clusterName: nameOf(cluster),
        addedMW: statedPower(cluster)!,
        totalMW: total,
      });
    }
    return { key: group.key, name: group.name, step: true, points: [...byDay].map(([when, y]) => ({ x: dayOf(when), when, y })) };
  });

  const title = t('Power of operating GPU clusters by country');
  const withoutCountry = withPowerAndDate.length - counted.length;
  const caption = h(
    'p',
    { class: 'chart-note', 'data-counted': counted.length },
    h('strong', {}, t('What is counted:')),
    ' ',
    t(
      'operating GPU clusters with a stated power and a first-operational date; each adds its power to its country from that date on. Power is the stated power, else the latest capacity figure to date. Planned, under-construction, paused and decommissioned clusters are left out, and so are sites (their clusters would count twice); a cluster in several countries counts in each.',
    ),
    ` ${formatNumber(counted.length)} ${t('clusters counted of')} ${formatNumber(data.clusters.length)} ${t('operating clusters')} (${formatNumber(data.clusters.length - withPowerAndDate.length)} ${t('without power or date')}, ${formatNumber(withoutCountry)} ${t('without a country')}).`,
  );
  if (!rows.length) {
    root.replaceChildren(h('p', { class: 'status empty' }, t('No operating cluster has both a stated power and a first-operational date.')), caption);
    return;
  }
  root.replaceChildren(
    h(
      'figure',
      { class: 'chart line-figure', 'data-chart': 'power' },
      h('figcaption', {}, title),
      downloadMenu({
        name: 'charts-power',
        graphVersion: data.graphVersion,
        tables: [{ name: 'points', columns: ['country', 'countryName', 'date', 'cluster', 'clusterName', 'addedMW', 'totalMW'], rows }],
        json: { chart: 'power', points: rows },
      }),
      lineChart({ title, xLabel: t('First operational'), yLabel: t('Cumulative power (MW)'), series, format: (value) => formatNumber(value, 0) }),
      chartLegend(series),
      caption,
      dataTable(
        title,
        [t('Country'), t('First operational'), t('Cluster'), t('Added (MW)'), t('Total (MW)')],
        rows.map((row) => [row.countryName!, row.date!, row.clusterName!, formatAmount(Number(row.addedMW), 'MEGAWATT'), Number(row.totalMW)]),
      ),
    ),
  );
}
