import { h, svg } from '../lib/dom.js';
import { enumLabel, formatAmount } from '../lib/format.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import type { MapDataCentersQuery } from '../lib/generated.js';
import { href, navigate } from '../lib/state.js';
import { project } from './map-basemap.js';

export type MapDataCenter = MapDataCentersQuery['dataCenters']['edges'][number]['node'];

addMessages({
  'Status (marker colour)': '状态（标记颜色）',
  'Power (marker area)': '功率（标记面积）',
  'power not stated': '未说明功率',
  'Power (marker area): as stated, else the latest capacity figure to date': '功率（标记面积）：按所述，否则取截至今日的最新容量数据',
  Operators: '运营方',
  Users: '使用方',
});

/** Okabe–Ito colours, told apart with any colour vision; the legend repeats them in words. */
export const STATUS_COLOURS: Record<string, string> = {
  OPERATING: '#009E73',
  UNDER_CONSTRUCTION: '#E69F00',
  PLANNED: '#0072B2',
  PAUSED: '#CC79A7',
  DECOMMISSIONED: '#000000',
  WITHDRAWN: '#D55E00',
};

/**
 * A data center's power in MW: `powerMW` where the source states it, else its latest capacity figure
 * dated up to today (a site's timeline runs into planned years), else an undated one.
 */
export function statedPower(dc: Pick<MapDataCenter, 'powerMW' | 'capacity'>, today = new Date().toISOString().slice(0, 10)): number | null {
  if (dc.powerMW !== null) return dc.powerMW;
  const inMW = dc.capacity.filter((figure) => figure.unit === 'MEGAWATT');
  const dated = inMW.filter((figure) => figure.date !== null && figure.date <= today).sort((a, b) => a.date!.localeCompare(b.date!));
  return dated.at(-1)?.value ?? inMW.find((figure) => figure.date === null)?.value ?? null;
}

/** Radius on screen: the area grows with the power (a square-root scale); unstated power draws the smallest, hollow. */
export function markerRadius(powerMW: number | null | undefined): number {
  return powerMW ? Math.min(4 + Math.sqrt(powerMW) * 0.45, 24) : 4;
}

export const ownersOf = (dc: MapDataCenter) => [...new Map([...dc.operators, ...dc.users].map((owner) => [owner.key, owner])).values()];

/** What a marker says on hover, focus and to a screen reader. */
export function markerTitle(dc: MapDataCenter): string {
  const parts = [nameOf(dc), enumLabel(dc.status), statedPower(dc) ? formatAmount(statedPower(dc)!, 'MEGAWATT') : t('power not stated')];
  const owners = ownersOf(dc).map(nameOf);
  if (owners.length) parts.push(owners.join(', '));
  return parts.join(' · ');
}

/** One link per data center, drawn at its place; biggest first so small markers stay on top and clickable. */
export function drawMarkers(layer: SVGGElement, dataCenters: MapDataCenter[]): (scale: number) => void {
  const circles: { circle: SVGCircleElement; radius: number }[] = [];
  const sorted = [...dataCenters].sort((a, b) => (statedPower(b) ?? 0) - (statedPower(a) ?? 0));
  for (const dc of sorted) {
    const at = project(dc.longitude!, dc.latitude!);
    if (!at) continue;
    const target = href('entity', { key: dc.key });
    const link = svg('a', { href: target, class: 'marker', 'data-key': dc.key, 'aria-label': markerTitle(dc) });
    link.addEventListener('click', (event) => {
      if ((event as MouseEvent).metaKey || (event as MouseEvent).ctrlKey) return;
      event.preventDefault();
      navigate(target);
    });
    const power = statedPower(dc);
    const radius = markerRadius(power);
    const circle = svg('circle', {
      cx: at[0],
      cy: at[1],
      r: radius,
      fill: power ? STATUS_COLOURS[dc.status]! : '#fff',
      stroke: STATUS_COLOURS[dc.status]!,
      class: power ? 'filled' : 'hollow',
      'data-power': power ?? '',
    });
    const title = svg('title');
    title.textContent = markerTitle(dc);
    circle.append(title);
    link.append(circle);
    layer.append(link);
    circles.push({ circle, radius });
  }
  return (scale) => {
    for (const { circle, radius } of circles) {
      circle.setAttribute('r', String(radius / scale));
      circle.setAttribute('stroke-width', String(2 / scale));
    }
  };
}

/** The key to colours and sizes, in words. */
export function mapLegend(statuses: string[]): HTMLElement {
  const sizes = [100, 1000];
  return h(
    'div',
    { class: 'map-legend' },
    h(
      'ul',
      { class: 'legend', 'aria-label': t('Status (marker colour)') },
      h('li', { class: 'legend-title' }, t('Status (marker colour)')),
      statuses.map((status) => h('li', {}, h('span', { class: 'swatch', 'data-colour': STATUS_COLOURS[status] ?? '#475569' }), enumLabel(status))),
    ),
    h(
      'ul',
      { class: 'legend', 'aria-label': t('Power (marker area)') },
      h('li', { class: 'legend-title' }, t('Power (marker area): as stated, else the latest capacity figure to date')),
      sizes.map((mw) => h('li', {}, h('span', { class: 'size-swatch', 'data-radius': markerRadius(mw) }), formatAmount(mw, 'MEGAWATT'))),
      h('li', {}, h('span', { class: 'size-swatch hollow', 'data-radius': markerRadius(null) }), t('power not stated')),
    ),
  );
}

/** Colours and sizes set from JS (the page's policy refuses style attributes in markup). */
export function paintLegend(root: HTMLElement): void {
  for (const swatch of root.querySelectorAll<HTMLElement>('.swatch[data-colour]')) swatch.style.backgroundColor = swatch.dataset.colour!;
  for (const swatch of root.querySelectorAll<HTMLElement>('.size-swatch[data-radius]')) {
    const size = `${Number(swatch.dataset.radius) * 2}px`;
    swatch.style.width = size;
    swatch.style.height = size;
  }
}
