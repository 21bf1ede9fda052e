import { gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { addEnumMessages, enumLabel, formatAmount, formatNumber } from '../lib/format.js';
import type { MapDataCentersQuery } from '../lib/generated.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import { basemap } from '../widgets/map-basemap.js';
import { drawMarkers, mapLegend, type MapDataCenter, ownersOf, paintLegend, STATUS_COLOURS, statedPower } from '../widgets/map-markers.js';

// Data centers and GPU clusters on a world map, filtered as the API filters them (dataCenters'
// country, owner, chip, status and kind), with a table of the same markers below it.

addMessages({
  Map: '地图',
  'Data centers on the map': '数据中心地图',
  Country: '国家',
  Owner: '所有方',
  Status: '状态',
  Kind: '类型',
  All: '全部',
  Name: '名称',
  Power: '功率',
  Latitude: '纬度',
  Longitude: '经度',
  Owners: '所有方',
  Countries: '国家/地区',
  'Markers on the map': '地图上的标记',
  'data centers match the filter': '个数据中心符合筛选条件',
  'have coordinates and are drawn': '个有坐标，已画出',
  'No data center with coordinates matches the filter.': '没有符合筛选条件且有坐标的数据中心。',
  'Clear filters': '清除筛选',
  '; ': '；',
  '.': '。',
});
addEnumMessages({
  OPERATING: '运营中',
  UNDER_CONSTRUCTION: '在建',
  PLANNED: '规划中',
  PAUSED: '暂停',
  DECOMMISSIONED: '已退役',
  WITHDRAWN: '已撤回',
  CLUSTER: '集群',
  SITE: '园区',
  PORTFOLIO: '项目组合',
});

const MAP_DATA_CENTERS = `query MapDataCenters($after: String, $country: String, $owner: String, $chip: String, $status: DataCenterStatus, $kind: DataCenterKind) {
  graphVersion
  dataCenters(first: 100, after: $after, country: $country, owner: $owner, chip: $chip, status: $status, kind: $kind) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      key name nameZh kind status latitude longitude powerMW powerMWQualifier firstOperationalOn
      operators { key name nameZh } users { key name nameZh } locations { key label name nameZh }
      chips { units chip { key name nameZh } family { key name nameZh } }
      capacity: financials(metric: DATA_CENTER_CAPACITY) { value unit date }
    } }
  }
}`;

const FILTERS = ['country', 'owner', 'chip', 'status', 'kind'] as const;
const STATUSES = Object.keys(STATUS_COLOURS);
const KINDS = ['CLUSTER', 'SITE', 'PORTFOLIO'];

interface MapAnswer {
  graphVersion: string | null;
  totalCount: number;
  dataCenters: MapDataCenter[];
}

/** Every page of the filtered data centers (100 at a time), as one answer. */
async function fetchAll(filter: Record<string, string | null>): Promise<MapAnswer> {
  const dataCenters: MapDataCenter[] = [];
  let after: string | null = null;
  for (;;) {
    const page: MapDataCentersQuery = await gql<MapDataCentersQuery>(MAP_DATA_CENTERS, { ...filter, after });
    dataCenters.push(...page.dataCenters.edges.map((edge) => edge.node));
    if (!page.dataCenters.pageInfo.hasNextPage) return { graphVersion: page.graphVersion, totalCount: page.dataCenters.totalCount, dataCenters };
    after = page.dataCenters.pageInfo.endCursor;
  }
}

type Named = { key: string; name: string; nameZh: string | null };

/** Options of a filter: what the answer holds, plus the one chosen (which may hold nothing). */
function options(items: Named[], chosen: string | null): Named[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  if (chosen && !byKey.has(chosen)) byKey.set(chosen, { key: chosen, name: chosen, nameZh: null });
  return [...byKey.values()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
}

function select(name: string, label: string, choices: { value: string; text: string }[], chosen: string | null): HTMLElement {
  return h(
    'label',
    {},
    `${label} `,
    h(
      'select',
      { name },
      h('option', { value: '' }, t('All')),
      choices.map((choice) => h('option', { value: choice.value, selected: choice.value === chosen }, choice.text)),
    ),
  );
}

const countriesOf = (dc: MapDataCenter) => dc.locations.filter((place) => place.label === 'Country' || place.label === 'Region');

function markerTable(dataCenters: MapDataCenter[]): HTMLElement {
  return h(
    'table',
    { class: 'data-table map-table' },
    h('caption', {}, t('Markers on the map')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('Name'), t('Kind'), t('Status'), t('Power'), t('Latitude'), t('Longitude'), t('Owners'), t('Countries')].map((text) =>
          h('th', { scope: 'col' }, text),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      dataCenters.map((dc) =>
        h(
          'tr',
          { 'data-key': dc.key },
          h('td', {}, h('a', { href: href('entity', { key: dc.key }) }, nameOf(dc))),
          h('td', {}, enumLabel(dc.kind)),
          h('td', {}, enumLabel(dc.status)),
          h('td', { class: 'number' }, statedPower(dc) ? formatAmount(statedPower(dc)!, 'MEGAWATT') : '—'),
          h('td', { class: 'number' }, formatNumber(dc.latitude!, 4)),
          h('td', { class: 'number' }, formatNumber(dc.longitude!, 4)),
          h('td', {}, ownersOf(dc).map(nameOf).join(', ')),
          h('td', {}, countriesOf(dc).map(nameOf).join(', ')),
        ),
      ),
    ),
  );
}

/** The map view: `?view=map&country=us&owner=microsoft&chip=h100&status=OPERATING&kind=SITE`. */
export function mapView(root: HTMLElement, params: URLSearchParams): undefined {
  const filter = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || null])) as Record<(typeof FILTERS)[number], string | null>;
  const status = h('div', { class: 'map-view' });
  root.replaceChildren(h('h1', {}, t('Data centers on the map')), status);
  document.title = `${t('Map')} · Compute Atlas`;
  void load(
    status,
    () => fetchAll(filter),
    (answer) => {
      const placed = answer.dataCenters.filter((dc) => dc.latitude !== null && dc.longitude !== null);
      const controls = controlsForm(
        (form) => navigate(href('map', Object.fromEntries(FILTERS.map((name) => [name, String(form.get(name) ?? '')])))),
        select(
          'country',
          t('Country'),
          options(answer.dataCenters.flatMap(countriesOf), filter.country).map((c) => ({ value: c.key, text: nameOf(c) })),
          filter.country,
        ),
        select(
          'owner',
          t('Owner'),
          options(answer.dataCenters.flatMap(ownersOf), filter.owner).map((o) => ({ value: o.key, text: nameOf(o) })),
          filter.owner,
        ),
        select(
          'chip',
          t('Chip'),
          options(
            answer.dataCenters.flatMap((dc) => dc.chips.flatMap((use) => [use.chip, use.family].filter((item): item is Named => item !== null))),
            filter.chip,
          ).map((c) => ({ value: c.key, text: nameOf(c) })),
          filter.chip,
        ),
        select(
          'status',
          t('Status'),
          STATUSES.map((s) => ({ value: s, text: enumLabel(s) })),
          filter.status,
        ),
        select(
          'kind',
          t('Kind'),
          KINDS.map((k) => ({ value: k, text: enumLabel(k) })),
          filter.kind,
        ),
        h('button', { type: 'submit' }, t('Show')),
        FILTERS.some((name) => filter[name]) ? h('a', { href: href('map') }, t('Clear filters')) : null,
      );
      const map = basemap(t('Data centers on the map'), (scale) => resize(scale));
      const resize = drawMarkers(map.markers, placed);
      resize(1);
      const markerRows = placed.map((dc) => ({
        key: dc.key,
        name: dc.name,
        nameZh: dc.nameZh,
        kind: dc.kind,
        status: dc.status,
        latitude: dc.latitude,
        longitude: dc.longitude,
        powerMW: statedPower(dc),
        owners: ownersOf(dc)
          .map((owner) => owner.key)
          .join(';'),
        countries: countriesOf(dc)
          .map((place) => place.key)
          .join(';'),
      }));
      status.replaceChildren(
        controls,
        h(
          'div',
          { class: 'map-count' },
          h(
            'p',
            { role: 'status' },
            h('span', { 'data-count': answer.totalCount }, `${formatNumber(answer.totalCount)} ${t('data centers match the filter')}`),
            t('; '),
            h('span', { 'data-placed': placed.length }, `${formatNumber(placed.length)} ${t('have coordinates and are drawn')}`),
            t('.'),
          ),
          downloadMenu({
            name: ['map', ...FILTERS.map((name) => filter[name])].filter(Boolean).join('-'),
            graphVersion: answer.graphVersion,
            tables: [
              {
                name: 'markers',
                columns: ['key', 'name', 'nameZh', 'kind', 'status', 'latitude', 'longitude', 'powerMW', 'owners', 'countries'],
                rows: markerRows,
              },
            ],
            json: { filter, markers: placed },
          }),
        ),
        map.element,
        mapLegend(STATUSES),
        placed.length
          ? h('div', { class: 'table-scroll' }, markerTable(placed))
          : h('p', { class: 'status empty' }, t('No data center with coordinates matches the filter.')),
      );
      paintLegend(status);
    },
  );
}
