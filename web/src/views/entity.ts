import { ApiError, gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { basisBadge, entityLink, evidenceBlock, propertiesText, sideBySide, sourceList, supportsDisagree } from '../widgets/evidence.js';
import { CONFLICT, ENTITY_REF, FIGURE, SOURCE, SUBGRAPH } from '../lib/fragments.js';
import { nameOf, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { ConflictsQuery, EntityQuery } from '../lib/generated.js';
import type { Conflict, EntityRef, Figure, Relation } from '../lib/types.js';

type QuoteItem = EntityQuery['quotes']['edges'][number]['node'];

// Label-specific fields become the "Properties" list; figures come from the labels that have them.
// kind and status are aliased per label because their enum types differ (GraphQL refuses the overlap).
const ENTITY = `query Entity($key: String!) {
  entity(key: $key) {
    ${ENTITY_REF} aliases description sources { ${SOURCE} }
    ... on Company { companyKind: kind country { ${ENTITY_REF} } financials { ${FIGURE} } }
    ... on CompanyGroup { financials { ${FIGURE} } }
    ... on Policy { policyKind: kind policyStatus: status announcedOn effectiveOn financials { ${FIGURE} } }
    ... on Chip { market vendor { ${ENTITY_REF} } }
    ... on ChipFamily { vendor { ${ENTITY_REF} } }
    ... on Country { isoCode }
    ... on Region { regionKind: kind }
    ... on Organization { organizationKind: kind }
    ... on DataCenter { dataCenterKind: kind dataCenterStatus: status powerMW chipCount }
    ... on Person { role roleZh }
    ... on Quote { text textEn saidOn venue speaker { ${ENTITY_REF} } speakerDescription }
    ... on Source { title titleEn publisher publishedOn url citation: citedAs sourceKind: kind }
  }
  neighborhood(key: $key, depth: 1) { ${SUBGRAPH} }
  quotes(about: $key, first: 20) {
    edges { node { key text textEn saidOn venue speaker { ${ENTITY_REF} } speakerDescription sources { ${SOURCE} } } }
  }
}`;

// Asked beside the entity query (not inside it) so each stays within the API's per-request limits.
const CONFLICTS = `query Conflicts($key: String!) {
  conflicts(subject: $key, first: 20) { totalCount edges { node { ${CONFLICT} } } }
}`;

const SKIP = new Set(['key', 'label', 'name', 'nameZh', 'aliases', 'description', 'sources', 'financials', 'text', 'textEn', 'speaker']);

function propertyValue(value: unknown): HTMLElement | string {
  if (value && typeof value === 'object' && 'key' in value) return entityLink(value as EntityRef);
  return String(value);
}

function figureValue(figure: Figure): string {
  const range = figure.valueMax !== null ? `${figure.value}–${figure.valueMax}` : String(figure.value);
  return `${range} ${figure.unit}`;
}

function figuresSection(figures: Figure[]): HTMLElement | null {
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
                { 'data-metric': figure.metric },
                h(
                  'details',
                  {},
                  h(
                    'summary',
                    {},
                    h('strong', {}, figure.metric),
                    ` ${figureValue(figure)} `,
                    h('span', { class: 'stated-as' }, `“${figure.stated}”`),
                    figure.qualifier !== 'EXACT' ? h('span', { class: 'badge' }, figure.qualifier) : null,
                    figure.estimate ? h('span', { class: 'badge' }, 'estimate') : null,
                    basisBadge(figure.basis),
                  ),
                  evidenceBlock(figure),
                ),
              ),
            ),
        ),
      ),
    ),
  );
}

const KIND: Record<Conflict['kind'], string> = { LINK: 'link', FIGURE: 'figure', ENTITY: 'property' };

/** What a disagreement is about: the link (ends, type, period), the figure or the property. */
function conflictTitle(conflict: Conflict): HTMLElement {
  const subject = conflict.subject ? entityLink(conflict.subject) : '';
  const object = conflict.object ? entityLink(conflict.object) : null;
  return h(
    'h3',
    {},
    h('span', { class: 'badge' }, t(KIND[conflict.kind])),
    ' ',
    conflict.kind === 'LINK'
      ? [subject, h('span', { class: 'rel-type' }, ` —${conflict.about}→ `), object]
      : [subject, h('span', { class: 'rel-type' }, ` · ${conflict.about}`), object ? [' · ', object] : null],
    conflict.period ? h('span', { class: 'period-tag' }, ` · ${conflict.period}`) : null,
  );
}

/** Every place where sources disagree about this entity, each value in its own column. */
function conflictsSection(conflicts: Conflict[], total: number): HTMLElement | null {
  if (!conflicts.length) return null;
  return h(
    'section',
    { class: 'conflicts', 'aria-labelledby': 'conflicts-title' },
    h('h2', { id: 'conflicts-title' }, t('Disagreements'), h('span', { class: 'badge conflict' }, String(total))),
    h('p', { class: 'hint' }, t('Sources give different values here; each value is shown with the sources and sentences behind it.')),
    conflicts.map((conflict) =>
      h(
        'article',
        { class: 'conflict', 'data-id': conflict.id, 'data-kind': conflict.kind },
        conflictTitle(conflict),
        sideBySide(conflict.values.map((value) => ({ value: value.value, preferred: value.preferred, supports: value.support }))),
      ),
    ),
    total > conflicts.length ? h('p', { class: 'hint' }, `${conflicts.length} / ${total}`) : null,
    h('p', { class: 'rule' }, h('strong', {}, `${t('How the preferred value is chosen')}: `), t(conflicts[0]!.rule)),
  );
}

function linksSection(key: string, relationships: Relation[]): HTMLElement | null {
  if (!relationships.length) return null;
  const types = [...new Set(relationships.map((r) => r.type))].sort();
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
        h('h3', {}, type),
        h(
          'ul',
          {},
          relationships
            .filter((r) => r.type === type)
            .map((relation) => {
              const outgoing = relation.from.key === key;
              const other = outgoing ? relation.to : relation.from;
              const properties = propertiesText(relation.properties);
              return h(
                'li',
                { 'data-other': other.key },
                h(
                  'details',
                  {},
                  h(
                    'summary',
                    {},
                    outgoing ? '→ ' : '← ',
                    entityLink(other),
                    properties ? h('span', { class: 'properties' }, ` ${properties}`) : null,
                    basisBadge(relation.basis),
                    relation.support.length > 1
                      ? h('span', { class: supportsDisagree(relation.support) ? 'badge conflict' : 'badge' }, `${relation.support.length} ${t('sources')}`)
                      : null,
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

function quoteCard(quote: QuoteItem): HTMLElement {
  return h(
    'figure',
    { class: 'quote', 'data-key': quote.key },
    h('blockquote', {}, quote.text),
    quote.textEn ? h('p', { class: 'translation' }, quote.textEn) : null,
    h(
      'figcaption',
      {},
      quote.speaker ? entityLink(quote.speaker) : (quote.speakerDescription ?? ''),
      [quote.venue, quote.saidOn].filter(Boolean).length ? `, ${[quote.venue, quote.saidOn].filter(Boolean).join(', ')}` : '',
    ),
    quote.sources.length ? sourceList(quote.sources) : null,
  );
}

/** Everything the graph says about one entity, each statement with its sentence and source. */
export function entityView(root: HTMLElement, params: URLSearchParams): undefined {
  const key = params.get('key') ?? '';
  void load(
    root,
    async () => {
      const [data, { conflicts }] = await Promise.all([gql<EntityQuery>(ENTITY, { key }), gql<ConflictsQuery>(CONFLICTS, { key })]);
      if (!data.entity) throw new ApiError(`${t('No entity has the key')} “${key}”.`, 'NOT_FOUND');
      return { ...data, entity: data.entity, conflicts };
    },
    ({ entity, neighborhood, quotes, conflicts }) => {
      const properties = Object.entries(entity).filter(([name, value]) => !SKIP.has(name) && value !== null && value !== undefined);
      document.title = `${nameOf(entity)} · Compute Atlas`;
      root.replaceChildren(
        h(
          'article',
          { class: 'entity-page', 'data-key': entity.key },
          h(
            'header',
            {},
            h('span', { class: `label-pill label-${entity.label}` }, entity.label),
            h('h1', {}, nameOf(entity)),
            h('p', { class: 'other-name' }, nameOf(entity) === entity.name ? (entity.nameZh ?? '') : entity.name),
            h(
              'nav',
              { class: 'entity-actions' },
              h('a', { href: href('neighbourhood', { key: entity.key, depth: 1 }) }, t('Neighbourhood')),
              entity.label === 'Chip' ? h('a', { href: href('exposure', { chip: entity.key, kinds: 'EXPORT_CONTROL' }) }, t('Exposure')) : null,
              h('a', { href: href('paths', { from: entity.key }) }, t('Paths')),
            ),
          ),
          entity.description ? h('p', { class: 'description' }, entity.description) : null,
          'text' in entity ? h('blockquote', { class: 'quote-text' }, entity.text) : null,
          'textEn' in entity && entity.textEn !== null ? h('p', { class: 'translation' }, entity.textEn) : null,
          h(
            'section',
            { class: 'entity-properties' },
            h('h2', {}, t('Properties')),
            h(
              'dl',
              {},
              entity.aliases.length ? [h('dt', {}, t('Aliases')), h('dd', {}, entity.aliases.join(' · '))] : null,
              properties.map(([name, value]) => [
                h(
                  'dt',
                  {},
                  name.replace(/^(?:company|policy|region|organization|dataCenter|source)(Kind|Status)$/, (_, field: string) => field.toLowerCase()),
                ),
                h('dd', {}, propertyValue(value)),
              ]),
              h('dt', {}, 'key'),
              h('dd', {}, h('code', {}, entity.key)),
            ),
          ),
          conflictsSection(
            conflicts.edges.map((edge) => edge.node),
            conflicts.totalCount,
          ),
          figuresSection('financials' in entity ? entity.financials : []),
          linksSection(entity.key, neighborhood?.relationships ?? []),
          quotes.edges.length
            ? h(
                'section',
                { class: 'quotes' },
                h('h2', {}, t('Quotes')),
                quotes.edges.map((edge) => quoteCard(edge.node)),
              )
            : null,
          entity.sources.length ? h('section', { class: 'entity-sources' }, h('h2', {}, t('Sources')), sourceList(entity.sources)) : null,
        ),
      );
    },
  );
}
