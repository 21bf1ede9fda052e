import { h, type Child } from '../lib/dom.js';
import { enumLabel, formatFigure } from '../lib/format.js';
import { addMessages, t } from '../lib/i18n.js';
import type { Cell, Table } from '../lib/download.js';
import { ENTITY_REF } from '../lib/fragments.js';
import type { SourcePageQuery, SupportKind } from '../lib/generated.js';
import { entityLink, propertiesText, sentencesBlock } from '../widgets/evidence.js';

// One statement of a source as the source page lists it: what it is about (a link's ends, a figure,
// a quote, an entity), the row of the file it comes from, and the sentence or record behind it.

addMessages({
  Links: '关系',
  Figures: '数据',
  Quotes: '引述',
  Entities: '实体',
  Row: '行',
});

/** What the page asks of each statement; the paging queries ask the same. */
export const SOURCE_STATEMENT = `kind key about period locator properties basis derived note
  evidenceSentences evidenceSentencesEn evidenceSentencesZh: evidenceSentences(script: SIMPLIFIED)
  subject { ${ENTITY_REF} } object { ${ENTITY_REF} }
  figure { value valueMax valueLow valueHigh unit qualifier metric period date item { ${ENTITY_REF} } }`;

type Source = NonNullable<SourcePageQuery['source']>;
export type Statement = Source['links']['edges'][number]['node'];

export const KIND_TITLES: Record<SupportKind, string> = { LINK: 'Links', FIGURE: 'Figures', QUOTE: 'Quotes', ENTITY: 'Entities' };

/** The statement's subject, in words: a link's ends and type, a figure's subject, metric and value, a quote, an entity. */
function statementTitle(statement: Statement): Child[] {
  const subject = statement.subject ? entityLink(statement.subject) : h('span', {}, '—');
  const object = statement.object ? entityLink(statement.object) : null;
  if (statement.kind === 'LINK') return [subject, h('span', { class: 'rel-type' }, ` —${enumLabel(statement.about)}→ `), object];
  if (statement.kind === 'FIGURE' && statement.figure) {
    const figure = statement.figure;
    return [
      subject,
      h('span', { class: 'rel-type' }, ` · ${enumLabel(figure.metric)}`),
      figure.item ? [' · ', entityLink(figure.item)] : null,
      ': ',
      h('strong', { class: 'figure-value' }, formatFigure(figure)),
    ];
  }
  return [h('span', { class: 'badge' }, enumLabel(statement.about)), ' ', subject];
}

/** The values a link or an entity statement gives, apart from what its title already says. */
function valuesLine(statement: Statement): string {
  if (statement.kind === 'FIGURE' || statement.kind === 'QUOTE') return '';
  const { name: _name, nameZh: _nameZh, ...rest } = (statement.properties ?? {}) as Record<string, unknown>;
  return propertiesText(rest);
}

export function statementItem(statement: Statement): HTMLElement {
  const values = valuesLine(statement);
  const period = statement.period ?? statement.figure?.date ?? null;
  return h(
    'li',
    { class: 'statement-item', 'data-kind': statement.kind, 'data-key': statement.key },
    h(
      'p',
      { class: 'statement-title' },
      statementTitle(statement),
      period ? h('span', { class: 'period-tag' }, ` · ${period}`) : null,
      statement.derived ? [' ', h('span', { class: 'badge derived' }, t('derived'))] : null,
    ),
    statement.locator ? h('p', { class: 'locator' }, h('span', { class: 'locator-label' }, `${t('Row')}: `), h('code', {}, statement.locator)) : null,
    values ? h('p', { class: 'properties' }, values) : null,
    sentencesBlock(statement),
    statement.note ? h('p', { class: 'note' }, h('strong', {}, `${t('Note')}: `), statement.note) : null,
  );
}

const STATEMENT_COLUMNS = ['kind', 'subject', 'subjectName', 'about', 'object', 'objectName', 'period', 'value', 'unit', 'values', 'locator', 'evidence'];

/** A statement as a CSV row: keys and names of its ends, its values, its row and its sentences. */
export function statementRow(statement: Statement): Record<string, Cell> {
  return {
    kind: statement.kind,
    subject: statement.subject?.key,
    subjectName: statement.subject?.name,
    about: statement.about,
    object: statement.object?.key,
    objectName: statement.object?.name,
    period: statement.period ?? statement.figure?.date,
    value: statement.figure?.value,
    unit: statement.figure?.unit,
    values: statement.kind === 'FIGURE' ? '' : JSON.stringify(statement.properties ?? {}),
    locator: statement.locator,
    evidence: statement.evidenceSentences.join('\n'),
  };
}

export function statementsTable(name: string, statements: Statement[]): Table {
  return { name, columns: STATEMENT_COLUMNS, rows: statements.map(statementRow) };
}
