import { gql } from '../lib/api.js';
import { controlsForm, h, svg } from '../lib/dom.js';
import { evidenceBlock } from '../widgets/evidence.js';
import { ENTITY_REF, FIGURE } from '../lib/fragments.js';
import { nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { TotalsQuery } from '../lib/generated.js';
import { FINANCIAL_METRICS, UNITS } from '../../../src/core/model.js';

type Total = TotalsQuery['financialTotals'][number];

const TOTALS = `query Totals($metric: FinancialMetric!, $period: String!, $unit: Unit) {
  financialTotals(metric: $metric, period: $period, groupBy: COUNTRY, unit: $unit) {
    groupKey group { ${ENTITY_REF} } total unit approximate method facts { ${FIGURE} }
  }
}`;

const GROUP_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#ca8a04', '#7c3aed', '#0891b2'];
const format = (value: number) => String(Math.round(value * 100) / 100);

interface Bar {
  id: string;
  label: string;
  value: number;
  colour: string;
  kind: 'company' | 'total';
  detail: () => HTMLElement;
}

/** A horizontal bar chart in SVG; hovering or focusing a bar shows the sentence behind it. */
function barChart(title: string, bars: Bar[], unit: string, tooltip: HTMLElement): HTMLElement {
  const rowHeight = 26;
  const labelWidth = 150;
  const width = 640;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${bars.length * rowHeight + 10}`, role: 'img', 'aria-label': title, class: 'bars' });
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 5;
    const length = ((width - labelWidth - 70) * bar.value) / max;
    const group = svg('g', { class: `bar bar-${bar.kind}`, 'data-id': bar.id, 'data-value': bar.value, tabindex: 0 });
    const label = svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'bar-label' });
    label.textContent = bar.label;
    const rect = svg('rect', { x: labelWidth, y, width: Math.max(length, 1), height: rowHeight - 6, fill: bar.colour, rx: 2 });
    const value = svg('text', { x: labelWidth + length + 6, y: y + 16, class: 'bar-value' });
    value.textContent = format(bar.value);
    group.append(label, rect, value);
    const show = () => {
      tooltip.replaceChildren(h('strong', {}, `${bar.label}: ${format(bar.value)} ${unit}`), bar.detail());
      tooltip.hidden = false;
    };
    group.addEventListener('mouseenter', show);
    group.addEventListener('focus', show);
    chart.append(group);
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), chart);
}

/** Totals by country of one metric and period (the article's US vs China), and each company's figure. */
export function figuresView(root: HTMLElement, params: URLSearchParams): undefined {
  const metric = params.get('metric') ?? 'CAPEX';
  const period = params.get('period') ?? '2024';
  const unit = params.get('unit') ?? '';
  const controls = controlsForm(
    (form) => navigate(href('figures', { metric: String(form.get('metric')), period: String(form.get('period')), unit: String(form.get('unit') ?? '') })),
    h(
      'label',
      {},
      `${t('Metric')} `,
      h(
        'select',
        { name: 'metric' },
        FINANCIAL_METRICS.map((m) => h('option', { value: m, selected: m === metric }, m)),
      ),
    ),
    h('label', {}, `${t('Period')} `, h('input', { name: 'period', value: period, size: 9, required: true })),
    h(
      'label',
      {},
      'Unit ',
      h(
        'select',
        { name: 'unit' },
        h('option', { value: '' }, '—'),
        UNITS.map((u) => h('option', { value: u, selected: u === unit }, u)),
      ),
    ),
    h('button', { type: 'submit' }, t('Show')),
  );
  const status = h('div', {});
  root.replaceChildren(h('h1', {}, `${t('Figures')}: ${metric} ${period}`), controls, status);
  document.title = `${metric} ${period} · Compute Atlas`;
  void load(
    status,
    () => gql<TotalsQuery>(TOTALS, { metric, period, unit: unit || null }),
    ({ financialTotals: totals }) => {
      if (!totals.length) return status.replaceChildren(h('p', { class: 'status' }, t('No results.')));
      const tooltip = h('div', { class: 'tooltip', role: 'status', hidden: true });
      const colourOf = new Map(totals.map((total, i) => [total.groupKey, GROUP_COLOURS[i % GROUP_COLOURS.length]!]));
      const groupName = (total: Total) => (total.group ? nameOf(total.group) : total.groupKey);
      const totalBars: Bar[] = totals.map((total) => ({
        id: total.groupKey,
        label: groupName(total),
        value: total.total,
        colour: colourOf.get(total.groupKey)!,
        kind: 'total',
        detail: () => h('p', { class: 'method' }, `${t('total')} (computed): ${total.method}`),
      }));
      const companyBars: Bar[] = totals
        .flatMap((total) => total.facts.map((fact) => ({ total, fact })))
        .sort((a, b) => b.fact.value - a.fact.value)
        .map(({ total, fact }) => ({
          id: fact.subject?.key ?? fact.key,
          label: fact.subject ? nameOf(fact.subject) : fact.key,
          value: fact.value,
          colour: colourOf.get(total.groupKey)!,
          kind: 'company',
          detail: () => h('div', {}, h('p', {}, `“${fact.stated}”`), evidenceBlock(fact)),
        }));
      const unitName = totals[0]!.unit;
      status.replaceChildren(
        h(
          'ul',
          { class: 'legend' },
          totals.map((total) =>
            h('li', {}, h('span', { class: 'swatch', 'data-colour': colourOf.get(total.groupKey)! }), `${groupName(total)} (${total.facts.length})`),
          ),
        ),
        h(
          'div',
          { class: 'charts' },
          barChart(`${t('By country')} (${unitName})`, totalBars, unitName, tooltip),
          barChart(`${t('By company')} (${unitName})`, companyBars, unitName, tooltip),
          tooltip,
        ),
      );
      for (const swatch of status.querySelectorAll<HTMLElement>('.swatch[data-colour]')) swatch.style.backgroundColor = swatch.dataset.colour!;
    },
  );
}
