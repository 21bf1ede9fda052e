import { gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { downloadMenu, type Table } from '../lib/download.js';
import { enumLabel, formatAmount, formatFigure, formatNumber } from '../lib/format.js';
import { ENTITY_REF, FIGURE } from '../lib/fragments.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { evidenceBlock } from '../widgets/evidence.js';
import { load, showError } from '../widgets/status.js';
import type { TotalsQuery } from '../lib/generated.js';
import { FINANCIAL_METRICS, UNITS } from '../../../src/core/model.js';
import { type Bar, barChart } from './figures-chart.js';
import { type CompanyFigure, type GroupFigure, groupFigures, type MetricScan, scanMetric } from './figures-scan.js';

type Total = TotalsQuery['financialTotals'][number];

addMessages({
  Unit: '单位',
  'any unit': '任意单位',
  'computed: the sum of the figures below': '计算值：下列数据之和',
  'figure left out': '条数据未计入',
  'figures left out': '条数据未计入',
  'Left out of the totals': '未计入合计的数据',
  'Bounds, ranges, other units and second figures are not added up.': '上下限、区间、其他单位及重复数据不计入合计。',
  'What the sources state for groups of companies': '来源给出的公司组数据',
  Ratio: '比值',
  'Periods with figures': '有数据的时期',
});

const TOTALS = `query Totals($metric: FinancialMetric!, $period: String!, $unit: Unit, $base: String!) {
  graphVersion
  financialTotals(metric: $metric, period: $period, groupBy: COUNTRY, unit: $unit) {
    groupKey group { ${ENTITY_REF} } total unit approximate method ratio: ratioTo(groupKey: $base) facts { ${FIGURE} }
  }
}`;

const GROUP_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#ca8a04', '#7c3aed', '#0891b2'];

function periodSelect(period: string, periods: string[]): HTMLSelectElement {
  const options = [...new Set([period, ...periods])].sort((a, b) => b.localeCompare(a));
  return h(
    'select',
    { name: 'period', onchange: (event) => (event.target as HTMLSelectElement).form?.requestSubmit() },
    options.map((p) => h('option', { value: p, selected: p === period }, p)),
  );
}

function leftOutSection(leftOut: CompanyFigure[]): HTMLElement | null {
  if (!leftOut.length) return null;
  return h(
    'section',
    { class: 'left-out', 'aria-labelledby': 'left-out-title' },
    h('h2', { id: 'left-out-title' }, t('Left out of the totals')),
    h(
      'p',
      { class: 'left-out-summary' },
      `${formatNumber(leftOut.length)} ${leftOut.length === 1 ? t('figure left out') : t('figures left out')}: `,
      leftOut.map((figure) => `${nameOf(figure.subject)} ${formatFigure(figure)}`).join('; '),
    ),
    h('p', { class: 'hint' }, t('Bounds, ranges, other units and second figures are not added up.')),
    h(
      'ul',
      {},
      leftOut.map((figure) =>
        h(
          'li',
          { 'data-key': figure.key, 'data-qualifier': figure.qualifier },
          h('a', { href: href('entity', { key: figure.subject.key }) }, nameOf(figure.subject)),
          `: ${formatFigure(figure)} `,
          h('span', { class: 'stated-as' }, `“${figure.stated}”`),
        ),
      ),
    ),
  );
}

function groupSection(figures: GroupFigure[]): HTMLElement | null {
  if (!figures.length) return null;
  return h(
    'section',
    { class: 'group-figures', 'aria-labelledby': 'group-figures-title' },
    h('h2', { id: 'group-figures-title' }, t('What the sources state for groups of companies')),
    h(
      'ul',
      {},
      figures.map((figure) =>
        h(
          'li',
          { 'data-group': figure.subject?.key ?? '', class: 'link-item' },
          figure.subject ? h('a', { href: href('entity', { key: figure.subject.key }) }, nameOf(figure.subject)) : null,
          h('details', {}, h('summary', {}, `${formatFigure(figure)} `, h('span', { class: 'stated-as' }, `“${figure.stated}”`)), evidenceBlock(figure)),
        ),
      ),
    ),
  );
}

function tables(totals: Total[], leftOut: CompanyFigure[], groups: GroupFigure[], base: string): Table[] {
  return [
    {
      name: 'totals',
      columns: ['groupKey', 'group', 'total', 'unit', 'shown', `ratioTo_${base}`, 'approximate', 'method'],
      rows: totals.map((total) => ({
        groupKey: total.groupKey,
        group: total.group ? nameOf(total.group) : total.groupKey,
        total: total.total,
        unit: total.unit,
        shown: formatAmount(total.total, total.unit),
        [`ratioTo_${base}`]: total.ratio,
        approximate: total.approximate,
        method: total.method,
      })),
    },
    {
      name: 'figures',
      columns: [
        'groupKey',
        'subject',
        'subjectName',
        'value',
        'valueMax',
        'unit',
        'qualifier',
        'estimate',
        'counted',
        'stated',
        'evidence',
        'evidenceEn',
        'sources',
      ],
      rows: [
        ...totals.flatMap((total) => total.facts.map((fact) => ({ ...factRow(fact), groupKey: total.groupKey, counted: true }))),
        ...leftOut.map((figure) => ({ ...factRow(figure), counted: false })),
        ...groups.map((figure) => ({ ...factRow(figure), counted: false })),
      ],
    },
  ];
}

function factRow(fact: CompanyFigure | GroupFigure) {
  const sentences = 'evidenceSentences' in fact ? fact : null;
  return {
    subject: fact.subject?.key,
    subjectName: fact.subject ? nameOf(fact.subject) : '',
    value: fact.value,
    valueMax: fact.valueMax,
    unit: fact.unit,
    qualifier: fact.qualifier,
    estimate: fact.estimate,
    stated: fact.stated,
    evidence: sentences?.evidenceSentences.join('\n'),
    evidenceEn: sentences?.evidenceSentencesEn.filter(Boolean).join('\n'),
    sources: sentences?.sources.map((source) => source.key).join(' '),
  };
}

/** Totals by country of one metric and period (the article's US vs China), each company's figure, and what no total adds. */
export function figuresView(root: HTMLElement, params: URLSearchParams): undefined {
  const metric = params.get('metric') ?? 'CAPEX';
  const period = params.get('period') ?? '2024';
  const unit = params.get('unit') ?? '';
  const base = params.get('base') ?? 'china';
  const periods = h('span', { class: 'period-choice' }, periodSelect(period, []));
  const controls = controlsForm(
    (form) =>
      navigate(
        href('figures', {
          metric: String(form.get('metric')),
          period: String(form.get('period')),
          unit: String(form.get('unit') ?? ''),
          base: params.get('base') ?? undefined,
        }),
      ),
    h(
      'label',
      {},
      `${t('Metric')} `,
      h(
        'select',
        { name: 'metric', onchange: (event) => (event.target as HTMLSelectElement).form?.requestSubmit() },
        FINANCIAL_METRICS.map((m) => h('option', { value: m, selected: m === metric }, enumLabel(m))),
      ),
    ),
    h('label', {}, `${t('Period')} `, periods),
    h(
      'label',
      {},
      `${t('Unit')} `,
      h(
        'select',
        { name: 'unit' },
        h('option', { value: '' }, t('any unit')),
        UNITS.map((u) => h('option', { value: u, selected: u === unit }, enumLabel(u))),
      ),
    ),
    h('button', { type: 'submit' }, t('Show')),
  );
  const status = h('div', {});
  const extra = h('div', { class: 'figures-extra' });
  const heading = h('div', { class: 'view-heading' }, h('h1', {}, `${t('Figures')}: ${enumLabel(metric)} ${period}`));
  root.replaceChildren(heading, controls, status, extra);
  document.title = `${enumLabel(metric)} ${period} · Compute Atlas`;
  // The totals draw at once; the periods, the figures left out and the groups' figures follow when the companies are read.
  const answered = gql<TotalsQuery>(TOTALS, { metric, period, unit: unit || null, base });
  const scanned = scanMetric(metric).then(async (scan): Promise<[MetricScan, GroupFigure[]]> => [scan, await groupFigures(scan.groupKeys, metric, period)]);
  // When the totals fail, nobody waits for the scan: its failure must not surface as an unhandled one.
  scanned.catch(() => undefined);
  // A failed totals answer is said once, in the status; its Retry draws the whole view again.
  status.replaceChildren(h('p', { class: 'status loading', role: 'status' }, `${t('Loading')}…`));
  answered.then(
    (answer) => {
      drawTotals(answer);
      void load(
        extra,
        () => scanned,
        ([scan, groups]) => {
          const totals = answer.financialTotals;
          periods.replaceChildren(periodSelect(period, scan.periods));
          const counted = new Set(totals.flatMap((total) => total.facts.map((fact) => fact.key)));
          const leftOut = scan.figures.filter((figure) => figure.period === period && !counted.has(figure.key) && (!unit || figure.unit === unit));
          heading.append(
            downloadMenu({
              name: `figures-${metric}-${period}`,
              graphVersion: answer.graphVersion,
              json: { ...answer, leftOut, groups },
              tables: tables(totals, leftOut, groups, base),
            }),
          );
          extra.replaceChildren(...[leftOutSection(leftOut), groupSection(groups)].filter((section): section is HTMLElement => section !== null));
          extra.dataset.ready = 'true';
        },
      );
    },
    (error) => showError(status, error, () => figuresView(root, params)),
  );

  function drawTotals(answer: TotalsQuery): void {
    const totals = answer.financialTotals;
    if (!totals.length) {
      status.replaceChildren(h('p', { class: 'status' }, t('No results.')));
      return;
    }
    const tooltip = h('div', { class: 'tooltip', role: 'status', hidden: true });
    const colourOf = new Map(totals.map((total, i) => [total.groupKey, GROUP_COLOURS[i % GROUP_COLOURS.length]!]));
    const groupName = (total: Total) => (total.group ? nameOf(total.group) : total.groupKey);
    const baseTotal = totals.find((total) => total.groupKey === base);
    const totalBars: Bar[] = totals.map((total) => ({
      id: total.groupKey,
      label: groupName(total),
      value: total.total,
      colour: colourOf.get(total.groupKey)!,
      kind: 'total',
      valueText: formatAmount(total.total, total.unit),
      detail: () => h('p', { class: 'method' }, `${t('computed: the sum of the figures below')}: ${total.method}`),
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
        valueText: formatFigure(fact),
        detail: () => h('div', {}, h('p', {}, `“${fact.stated}”`), evidenceBlock(fact)),
      }));
    const unitName = enumLabel(totals[0]!.unit);
    status.replaceChildren(
      h(
        'ul',
        { class: 'legend' },
        totals.map((total) =>
          h(
            'li',
            { 'data-group': total.groupKey },
            h('span', { class: 'swatch', 'data-colour': colourOf.get(total.groupKey)! }),
            `${groupName(total)}: ${formatAmount(total.total, total.unit)} (${total.facts.length})`,
            baseTotal && total !== baseTotal && total.ratio !== null
              ? h('span', { class: 'ratio', 'data-ratio': total.ratio }, ` · ${formatNumber(total.ratio)}× ${groupName(baseTotal)}`)
              : null,
          ),
        ),
      ),
      h(
        'div',
        { class: 'charts' },
        barChart(`${t('By country')} (${unitName})`, totalBars, tooltip),
        barChart(`${t('By company')} (${unitName})`, companyBars, tooltip),
        tooltip,
      ),
    );
    for (const swatch of status.querySelectorAll<HTMLElement>('.swatch[data-colour]')) swatch.style.backgroundColor = swatch.dataset.colour!;
  }
}
