import { h } from '../lib/dom.js';
import type { Table } from '../lib/download.js';
import { enumLabel } from '../lib/format.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';
import type { Relation } from '../lib/types.js';
import { basisBadge, entityLink, evidenceBlock, propertiesText, supportsDisagree } from '../widgets/evidence.js';

// The entity's links grouped by type, each opening onto its sentences and sources.

addMessages({ to: '指向', from: '来自' });

export function linksSection(key: string, relationships: Relation[]): HTMLElement | null {
  if (!relationships.length) return null;
  const types = [...new Set(relationships.map((r) => r.type))].sort((a, b) => enumLabel(a).localeCompare(enumLabel(b)));
  return h(
    'section',
    { class: 'links', 'aria-labelledby': 'links-title' },
    h(
      'h2',
      { id: 'links-title' },
      t('Links'),
      ' ',
      h('a', { class: 'small', href: href('neighbourhood', { key, depth: 1 }) }, `→ ${t('Open the neighbourhood')}`),
    ),
    types.map((type) =>
      h(
        'div',
        { class: 'link-group', 'data-type': type },
        h('h3', {}, enumLabel(type)),
        h(
          'ul',
          {},
          relationships
            .filter((r) => r.type === type)
            .map((relation) => {
              const outgoing = relation.from.key === key;
              const other = outgoing ? relation.to : relation.from;
              const properties = propertiesText(relation.properties);
              // The link to the other end stays outside the summary: a link inside a button-like summary is nested interactive.
              return h(
                'li',
                { 'data-other': other.key, class: 'link-item' },
                h('span', { class: 'direction', 'aria-label': outgoing ? t('to') : t('from') }, outgoing ? '→' : '←'),
                entityLink(other),
                h(
                  'details',
                  {},
                  h(
                    'summary',
                    {},
                    properties ? h('span', { class: 'properties' }, `${properties} `) : null,
                    basisBadge(relation.basis),
                    relation.support.length > 1
                      ? h('span', { class: supportsDisagree(relation.support) ? 'badge conflict' : 'badge' }, `${relation.support.length} ${t('sources')}`)
                      : null,
                    h('span', { class: 'evidence-word' }, t('Evidence')),
                  ),
                  evidenceBlock(relation),
                ),
              );
            }),
        ),
      ),
    ),
  );
}

/** The links as the download offers them: both ends by key and name, the values, the sentence in both languages. */
export function linksTable(key: string, relationships: Relation[]): Table {
  return {
    name: 'links',
    columns: ['type', 'direction', 'otherKey', 'otherName', 'properties', 'basis', 'evidence', 'evidenceEn', 'sources'],
    rows: relationships.map((relation) => {
      const outgoing = relation.from.key === key;
      const other = outgoing ? relation.to : relation.from;
      return {
        type: relation.type,
        direction: outgoing ? 'out' : 'in',
        otherKey: other.key,
        otherName: nameOf(other),
        properties: JSON.stringify(relation.properties),
        basis: relation.basis,
        evidence: relation.evidenceSentences.join('\n'),
        evidenceEn: relation.evidenceSentencesEn.filter(Boolean).join('\n'),
        sources: relation.sources.map((source) => source.key).join(' '),
      };
    }),
  };
}
