import { h } from '../lib/dom.js';
import type { Table } from '../lib/download.js';
import { enumLabel, formatFigure } from '../lib/format.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import type { EntityQuery } from '../lib/generated.js';
import { basisBadge, entityLink, evidenceBlock } from '../widgets/evidence.js';

// The figures the sources state about one entity (company, group, chip, country, data center,
// policy...), by period, each in words with its qualifier and whether it is an estimate.

export type EntityFigure = NonNullable<EntityQuery['entity']>['financials'][number];

addMessages({
  estimate: '估计',
  'estimated by': '估计方',
  'as written': '原文写作',
  'in market': '市场',
  counting: '计数对象',
  'compared with': '相对于',
});

function figureSummary(figure: EntityFigure): HTMLElement {
  return h(
    'summary',
    {},
    h('strong', { class: 'metric' }, enumLabel(figure.metric)),
    figure.item ? [' · ', h('span', { class: 'item' }, nameOf(figure.item))] : null,
    figure.market ? [' · ', h('span', { class: 'market' }, `${t('in market')} ${nameOf(figure.market)}`)] : null,
    ': ',
    h('span', { class: 'figure-value', 'data-value': figure.value }, formatFigure(figure)),
    figure.relativeTo ? h('span', { class: 'relative' }, ` (${t('compared with')} ${nameOf(figure.relativeTo)})`) : null,
    figure.date ? h('span', { class: 'period-tag' }, ` · ${figure.date}`) : null,
    ' ',
    h('span', { class: 'stated-as', title: t('as written') }, `“${figure.stated}”`),
    figure.estimate ? h('span', { class: 'badge estimate' }, t('estimate')) : null,
    basisBadge(figure.basis),
  );
}

/** Figures by period, newest first; each opens onto its sentence and source. */
export function figuresSection(figures: EntityFigure[]): HTMLElement | null {
  if (!figures.length) return null;
  const periods = [...new Set(figures.map((f) => f.period))].sort((a, b) => (b ?? '').localeCompare(a ?? ''));
  return h(
    'section',
    { class: 'figures', 'aria-labelledby': 'figures-title' },
    h('h2', { id: 'figures-title' }, t('Figures by period')),
    periods.map((period) =>
      h(
        'div',
        { class: 'period', 'data-period': period ?? '' },
        h('h3', {}, period ?? t('No period')),
        h(
          'ul',
          { class: 'figure-list' },
          figures
            .filter((f) => f.period === period)
            .map((figure) =>
              h(
                'li',
                { 'data-metric': figure.metric, 'data-estimate': String(figure.estimate) },
                h(
                  'details',
                  {},
                  figureSummary(figure),
                  figure.estimatedBy ? h('p', { class: 'estimated-by' }, `${t('estimated by')}: `, entityLink(figure.estimatedBy)) : null,
                  evidenceBlock(figure),
                ),
              ),
            ),
        ),
      ),
    ),
  );
}

/** The figures as the download offers them: the same rows, values as numbers, the sentence in both languages. */
export function figuresTable(figures: EntityFigure[]): Table {
  return {
    name: 'figures',
    columns: [
      'metric',
      'period',
      'date',
      'item',
      'market',
      'qualifier',
      'value',
      'valueMax',
      'valueLow',
      'valueHigh',
      'unit',
      'estimate',
      'shown',
      'stated',
      'evidence',
      'evidenceEn',
      'sources',
    ],
    rows: figures.map((figure) => ({
      metric: figure.metric,
      period: figure.period,
      date: figure.date,
      item: figure.item?.key,
      market: figure.market?.key,
      qualifier: figure.qualifier,
      value: figure.value,
      valueMax: figure.valueMax,
      valueLow: figure.valueLow,
      valueHigh: figure.valueHigh,
      unit: figure.unit,
      estimate: figure.estimate,
      shown: formatFigure(figure),
      stated: figure.stated,
      evidence: figure.evidenceSentences.join('\n'),
      evidenceEn: figure.evidenceSentencesEn.filter(Boolean).join('\n'),
      sources: figure.sources.map((source) => source.key).join(' '),
    })),
  };
}
