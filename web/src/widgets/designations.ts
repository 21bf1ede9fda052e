import { h, svg } from '../lib/dom.js';
import type { Table } from '../lib/download.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import type { EntityQuery } from '../lib/generated.js';
import { entityLink, evidenceBlock } from './evidence.js';

// A company's designations (the government lists that name it) as a timeline, one row per list
// and a bar per listing from `since` to `until` (open-ended while it holds), and as a list with
// each listing's evidence.

type Company = Extract<NonNullable<EntityQuery['entity']>, { __typename: 'Company' }>;
export type Designation = Company['designations'][number];

addMessages({
  Designations: '被列入的名单',
  since: '起',
  until: '至',
  'still listed': '仍在名单上',
  'no longer listed': '已移出名单',
  'Designations over time': '列入名单时间线',
  'date not stated': '未注明日期',
});

const year = (date: string) => Number(date.slice(0, 4)) + (Number(date.slice(5, 7) || '1') - 1) / 12;

function timeline(designations: Designation[], today: number): SVGSVGElement {
  const dated = designations.filter((d) => d.since);
  const lists = [...new Map(designations.map((d) => [d.policy.key, d.policy])).values()];
  const from = Math.floor(Math.min(...dated.map((d) => year(d.since!)), today - 1));
  const to = Math.ceil(today);
  const rowHeight = 34;
  const left = 24;
  const width = 1000;
  const axisY = lists.length * rowHeight + 6;
  const x = (value: number) => left + ((value - from) / Math.max(to - from, 1)) * (width - left * 2);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${axisY + 26}`,
    role: 'img',
    'aria-label': `${t('Designations over time')}: ${lists.map((list) => nameOf(list)).join('; ')}`,
    class: 'designation-timeline',
  });
  for (let tick = from; tick <= to; tick++) {
    const mark = svg('text', { x: x(tick), y: axisY + 20, 'text-anchor': 'middle', class: 'timeline-tick' });
    mark.textContent = String(tick);
    chart.append(svg('line', { x1: x(tick), x2: x(tick), y1: 0, y2: axisY + 4, class: 'timeline-grid' }), mark);
  }
  lists.forEach((list, row) => {
    const y = row * rowHeight + 4;
    const undated = designations.some((d) => d.policy.key === list.key && !d.since);
    const label = svg('text', { x: left, y: y + 12, class: 'timeline-label' });
    label.textContent = undated ? `${nameOf(list)} (${t('date not stated')})` : nameOf(list);
    chart.append(label);
    // Each edition that lists the company is a dot; the bar runs while any listing holds.
    for (const designation of dated.filter((d) => d.policy.key === list.key)) {
      const start = x(year(designation.since!));
      const end = x(designation.until ? year(designation.until) : today);
      chart.append(
        svg('rect', {
          x: start,
          y: y + 17,
          width: Math.max(end - start, 3),
          height: 10,
          rx: 2,
          class: designation.current ? 'timeline-bar current' : 'timeline-bar ended',
          'data-since': designation.since!,
          'data-until': designation.until ?? '',
        }),
        svg('circle', { cx: start, cy: y + 22, r: 6, class: 'timeline-edition' }),
      );
    }
  });
  return chart;
}

export function designationsSection(designations: Designation[]): HTMLElement | null {
  if (!designations.length) return null;
  const now = new Date();
  const today = now.getUTCFullYear() + now.getUTCMonth() / 12;
  const sorted = [...designations].sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
  return h(
    'section',
    { class: 'designations', 'aria-labelledby': 'designations-title' },
    h('h2', { id: 'designations-title' }, t('Designations')),
    h('figure', { class: 'timeline' }, timeline(sorted, today)),
    h(
      'ul',
      { class: 'designation-list' },
      sorted.map((designation) =>
        h(
          'li',
          { 'data-policy': designation.policy.key, 'data-since': designation.since ?? '', 'data-current': String(designation.current), class: 'link-item' },
          entityLink(designation.policy),
          h(
            'details',
            {},
            h(
              'summary',
              {},
              designation.since ? `${t('since')} ${designation.since}` : t('date not stated'),
              designation.until ? ` ${t('until')} ${designation.until}` : '',
              ' ',
              h('span', { class: designation.current ? 'badge current' : 'badge' }, designation.current ? t('still listed') : t('no longer listed')),
            ),
            designation.locator ? h('p', { class: 'locator' }, designation.locator) : null,
            evidenceBlock(designation),
          ),
        ),
      ),
    ),
  );
}

export function designationsTable(designations: Designation[]): Table {
  return {
    name: 'designations',
    columns: ['list', 'listName', 'since', 'until', 'current', 'locator', 'evidence', 'sources'],
    rows: designations.map((d) => ({
      list: d.policy.key,
      listName: d.policy.name,
      since: d.since,
      until: d.until,
      current: d.current,
      locator: d.locator,
      evidence: d.evidenceSentences.join('\n'),
      sources: d.sources.map((source) => source.key).join(' '),
    })),
  };
}
