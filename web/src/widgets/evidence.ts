import { h, type Child } from '../lib/dom.js';
import { enumLabel, formatNumber, isEnumValue } from '../lib/format.js';
import { addMessages, lang, nameOf, t } from '../lib/i18n.js';
import { isRecord } from '../lib/json.js';
import { href } from '../lib/state.js';
import type { LinkBasis } from '../lib/generated.js';
import type { EntityRef, Evidenced, Relation, SourceRef, Support } from '../lib/types.js';
import { canonicalJson } from '../../../src/core/canonical-json.js';
import { normalizeText } from '../../../src/text/normalize.js';

addMessages({
  Original: '原文',
  units: '数量',
  period: '时期',
  share: '份额',
  market: '市场',
  role: '角色',
  since: '起始',
  until: '截止',
  value: '数值',
  unit: '单位',
  qualifier: '限定',
  estimate: '估计',
  stated: '原文陈述',
  metric: '指标',
  section: '条款',
  yes: '是',
  uses: '用途',
  asOf: '截至',
  available: '可用',
  partial: '部分',
  purpose: '目的',
  confidence: '可信度',
  status: '状态',
  kind: '类型',
  date: '日期',
  no: '否',
});

export function entityLink(entity: EntityRef): HTMLAnchorElement {
  return h('a', { href: href('entity', { key: entity.key }), class: `entity label-${entity.label}`, 'data-key': entity.key }, nameOf(entity));
}

export function sourceList(sources: SourceRef[], { citations = true } = {}): HTMLElement {
  return h(
    'ul',
    { class: 'sources' },
    sources.map((source) =>
      h(
        'li',
        { 'data-source': source.key },
        h('a', { href: href('source', { key: source.key }), class: 'source-link' }, h('cite', {}, source.title)),
        source.titleEn ? ` (${source.titleEn})` : '',
        [source.publisher, source.publishedOn].filter(Boolean).length ? ` — ${[source.publisher, source.publishedOn].filter(Boolean).join(', ')}` : '',
        source.url ? [' ', h('a', { href: source.url, rel: 'noreferrer noopener', target: '_blank' }, '↗')] : null,
        citations && source.citation ? h('blockquote', { class: 'citation' }, normalizeText(source.citation)) : null,
      ),
    ),
  );
}

/** Each sentence in every form the API gives: as stored, in simplified characters, in the curators' English. */
interface Sentences {
  evidence?: string | null;
  evidenceSentences: string[];
  evidenceSentencesEn?: (string | null)[];
  evidenceSentencesZh?: string[];
}

/**
 * The sentences in the reader's language: in English the curators' translation of each, the
 * original one click away; in 中文 the original in simplified characters.
 */
export function sentencesBlock(item: Sentences): Child[] {
  const stored = item.evidenceSentences.length ? item.evidenceSentences : item.evidence ? [item.evidence] : [];
  if (lang() === 'zh') return stored.map((sentence, i) => h('blockquote', { lang: 'zh' }, item.evidenceSentencesZh?.[i] ?? sentence));
  return stored.map((sentence, i) => {
    const english = item.evidenceSentencesEn?.[i];
    const original = h('blockquote', { lang: /\p{Script=Han}/u.test(sentence) ? 'zh-Hant' : 'en' }, sentence);
    if (!english) return original;
    return h('div', { class: 'sentence' }, h('p', { class: 'translation', lang: 'en' }, english), originalToggle(original));
  });
}

/** A button that shows or hides the original sentence under its translation. */
export function originalToggle(original: HTMLElement): HTMLElement[] {
  original.hidden = true;
  const button = h('button', { type: 'button', class: 'show-original', 'aria-expanded': 'false' }, t('Original'));
  button.addEventListener('click', () => {
    original.hidden = !original.hidden;
    button.setAttribute('aria-expanded', String(!original.hidden));
  });
  return [button, original];
}

/**
 * The sentences an item rests on, whether it is stated or derived, its note and its sources. When
 * several sources state it, each one's statement (its values, sentences and sources) side by side.
 */
export function evidenceBlock(item: Evidenced & Sentences & { support?: Support[] }): HTMLElement {
  const badge = basisBadge(item.basis) ?? h('span', { class: 'badge stated' }, t('stated'));
  if (item.support && item.support.length > 1) {
    return h('div', { class: 'evidence' }, badge, supportColumns(item.support));
  }
  return h(
    'div',
    { class: 'evidence' },
    badge,
    sentencesBlock(item),
    item.note ? h('p', { class: 'note' }, h('strong', {}, `${t('Note')}: `), item.note) : null,
    item.sources.length ? sourceList(item.sources) : null,
  );
}

/**
 * The badge of a link that no source states: an inference, or the curators' own knowledge. Null for
 * a stated one, so that lists mark only what needs a caveat.
 */
export function basisBadge(basis: LinkBasis): HTMLElement | null {
  if (basis === 'DERIVED') return h('span', { class: 'badge derived' }, t('derived'));
  if (basis === 'CURATOR') return h('span', { class: 'badge derived curator' }, t('curator knowledge'));
  return null;
}

/** One column: a value (a link's or figure's values, or a property's) and every statement that gives it. */
export interface StatementColumn {
  value: unknown;
  preferred: boolean;
  supports: Support[];
}

/** One source's statement: whose it is, the sentences it wrote, stated or derived, its note. */
function statement(support: Support): HTMLElement {
  return h(
    'div',
    { class: 'statement', 'data-source': support.sources[0]?.key ?? '' },
    // The sentence below is what this source says here; its citation would repeat it.
    sourceList(support.sources, { citations: false }),
    h('span', { class: support.derived ? 'badge derived' : 'badge stated' }, support.derived ? t('derived') : t('stated')),
    sentencesBlock(support),
    support.note ? h('p', { class: 'note' }, h('strong', {}, `${t('Note')}: `), support.note) : null,
  );
}

/**
 * Statements side by side, one column per value with its sources and sentences, the preferred
 * value marked and first; the columns stack on a narrow screen. Used wherever sources are compared:
 * a link stated by several sources and the entity page's disagreements.
 */
export function sideBySide(columns: StatementColumn[], caption?: string): HTMLElement {
  const objects = columns.map((column) => (isRecord(column.value) ? column.value : null));
  // What tells the columns apart (units: 230000 vs 250000) leads; what they share or only one gives follows, muted.
  const telling = new Set(
    [...new Set(objects.flatMap((value) => (value ? Object.keys(value) : [])))].filter((name) => {
      const given = objects.filter((value) => value?.[name] !== undefined && value?.[name] !== null).map((value) => canonicalJson(value![name]));
      return given.length > 1 && new Set(given).size > 1;
    }),
  );
  const valueContent = (value: unknown): Child[] => {
    if (!isRecord(value)) return [h('strong', {}, valueText(value) || '—')];
    const pick = (lead: boolean) => Object.fromEntries(Object.entries(value).filter(([name]) => telling.has(name) === lead));
    const lead = propertiesText(pick(true));
    const rest = propertiesText(pick(false));
    return [lead ? h('strong', {}, lead) : null, rest ? h('span', { class: 'value-rest' }, lead ? ` · ${rest}` : rest) : null, !lead && !rest ? '—' : null];
  };
  return h(
    'div',
    { class: 'side-by-side' },
    caption ? h('p', { class: 'side-caption' }, caption) : null,
    h(
      'ul',
      { class: 'columns', 'data-count': columns.length },
      columns.map((column) =>
        h(
          'li',
          { class: column.preferred ? 'column preferred' : 'column', 'data-preferred': String(column.preferred) },
          h(
            'p',
            { class: 'value' },
            valueContent(column.value),
            column.preferred ? h('span', { class: 'badge preferred', title: t('The value the rest of the explorer shows') }, t('preferred')) : null,
          ),
          column.supports.map(statement),
        ),
      ),
    ),
  );
}

/** A link's supports, one column per source statement. */
export function supportColumns(supports: Support[]): HTMLElement {
  return sideBySide(
    supports.map((support) => ({ value: support.properties, preferred: support.preferred, supports: [support] })),
    `${t('Statements by source')} (${supports.length})${supportsDisagree(supports) ? ` · ${t('sources disagree')}` : ''}`,
  );
}

/** True when the sources of a link give different values (not merely different sentences). */
export function supportsDisagree(supports: Support[]): boolean {
  return new Set(supports.map((support) => canonicalJson(support.properties))).size > 1;
}

/** A conflicting value as text: a link's or figure's values (units: 230000 · period: 2024) or a property's value. */
export function valueText(value: unknown): string {
  if (isRecord(value)) return propertiesText(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Values as text (units: 230,000 · period: 2024), names and numbers in the reader's language; empty when they are not an object. */
export function propertiesText(properties: unknown): string {
  if (!isRecord(properties)) return '';
  const shown = (value: unknown): string => {
    if (Array.isArray(value)) return value.map(shown).join(', ');
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (typeof value === 'string' && isEnumValue(value)) return enumLabel(value);
    return String(value);
  };
  return Object.entries(properties)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `${t(name)}: ${shown(value)}`)
    .join(' · ');
}

export function relationTitle(relation: Relation): Child[] {
  return [entityLink(relation.from), h('span', { class: 'rel-type', 'data-type': relation.type }, ` —${enumLabel(relation.type)}→ `), entityLink(relation.to)];
}

/** One relationship as the evidence panel shows it. */
export function relationDetails(relation: Relation): HTMLElement {
  const properties = propertiesText(relation.properties);
  return h(
    'article',
    { class: 'relation-details', 'data-type': relation.type },
    h('h3', {}, relationTitle(relation)),
    properties ? h('p', { class: 'properties' }, properties) : null,
    evidenceBlock(relation),
  );
}
