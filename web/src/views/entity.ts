import { ApiError, gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel } from '../lib/format.js';
import { CONFLICT, ENTITY_REF, EVIDENCE, FIGURE, SOURCE, SUBGRAPH } from '../lib/fragments.js';
import { addMessages, lang, nameOf, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import { designationsSection, designationsTable } from '../widgets/designations.js';
import { entityLink, originalToggle, sourceList } from '../widgets/evidence.js';
import { conflictsSection } from './entity-conflicts.js';
import { chipRows, dataCenterRows, factsSection, type Row, rowsTable } from './entity-facts.js';
import { figuresSection, figuresTable } from './entity-figures.js';
import { linksSection, linksTable } from './entity-links.js';
import type { ConflictsQuery, EntityQuery } from '../lib/generated.js';
import { normalizeText } from '../../../src/text/normalize.js';

type Entity = NonNullable<EntityQuery['entity']>;
type QuoteItem = EntityQuery['quotes']['edges'][number]['node'];

addMessages({
  Identifiers: '标识符',
  Kind: '类型',
  Status: '状态',
  Country: '国家',
  'ISO code': 'ISO 代码',
  Announced: '宣布日期',
  'In effect from': '生效日期',
  Role: '职务',
  Said: '发言日期',
  Venue: '场合',
  Speaker: '发言人',
  Members: '成员',
  Key: '键',
});

// kind and status are aliased per label because their enum types differ (GraphQL refuses the overlap);
// __typename tells the labels apart for the compiler. Every label's figures come through the interface.
const ENTITY_FIGURE = `${FIGURE} valueLow valueHigh date item { ${ENTITY_REF} } market { ${ENTITY_REF} } relativeTo { ${ENTITY_REF} } estimatedBy { ${ENTITY_REF} }`;
const ENTITY = `query Entity($key: String!) {
  graphVersion
  entity(key: $key) {
    __typename ${ENTITY_REF} aliases description sources { ${SOURCE} }
    identifiers { scheme value }
    financials { ${ENTITY_FIGURE} }
    ... on Company { companyKind: kind country { ${ENTITY_REF} }
      designations { since until current locator policy { ${ENTITY_REF} } ${EVIDENCE} } }
    ... on CompanyGroup { members { ${ENTITY_REF} } }
    ... on Policy { policyKind: kind policyStatus: status announcedOn effectiveOn }
    ... on Chip { market chipType foundry processNm tdpWatts memoryBytes memoryBandwidthBytesPerSecond bf16FlopsPerSecond
      fp8FlopsPerSecond int8OpsPerSecond releasedOn releasePriceUsd vendor { ${ENTITY_REF} } family { ${ENTITY_REF} }
      variantOf { ${ENTITY_REF} } variants { ${ENTITY_REF} } }
    ... on ChipFamily { vendor { ${ENTITY_REF} } }
    ... on Country { isoCode }
    ... on Region { regionKind: kind }
    ... on Organization { organizationKind: kind }
    ... on DataCenter { dataCenterKind: kind dataCenterStatus: status powerMW powerMWQualifier chipCount chipCountQualifier
      address latitude longitude firstOperationalOn locations { ${ENTITY_REF} } operators { ${ENTITY_REF} }
      operatorGroups { ${ENTITY_REF} } users { ${ENTITY_REF} } investors { ${ENTITY_REF} } phaseOf { ${ENTITY_REF} }
      phases { ${ENTITY_REF} } buildsUpon { ${ENTITY_REF} } projects { ${ENTITY_REF} } }
    ... on Person { role roleZh }
    ... on Quote { text textZh: text(script: SIMPLIFIED) textEn saidOn venue speaker { ${ENTITY_REF} } speakerDescription }
  }
  neighborhood(key: $key, depth: 1) { ${SUBGRAPH} }
  quotes(about: $key, first: 20) {
    edges { node { key text textZh: text(script: SIMPLIFIED) textEn saidOn venue speaker { ${ENTITY_REF} } speakerDescription sources { ${SOURCE} } } }
  }
}`;

// Asked beside the entity query (not inside it) so each stays within the API's per-request limits.
const CONFLICTS = `query Conflicts($key: String!) {
  conflicts(subject: $key, first: 20) { totalCount edges { node { ${CONFLICT} } } }
}`;

/** The label's own fields in words: kinds and statuses as words, places and people as links. */
function propertyRows(entity: Entity): Row[] {
  const rows: (Row | null)[] = [];
  switch (entity.__typename) {
    case 'Company':
      rows.push([t('Kind'), enumLabel(entity.companyKind), entity.companyKind]);
      if (entity.country) rows.push([t('Country'), entityLink(entity.country), entity.country.key]);
      break;
    case 'CompanyGroup':
      if (entity.members.length)
        rows.push([t('Members'), entity.members.flatMap((m, i) => [i ? ', ' : '', entityLink(m)]), entity.members.map((m) => m.key).join(' ')]);
      break;
    case 'Policy':
      rows.push([t('Kind'), enumLabel(entity.policyKind), entity.policyKind], [t('Status'), enumLabel(entity.policyStatus), entity.policyStatus]);
      if (entity.announcedOn) rows.push([t('Announced'), entity.announcedOn, entity.announcedOn]);
      if (entity.effectiveOn) rows.push([t('In effect from'), entity.effectiveOn, entity.effectiveOn]);
      break;
    case 'ChipFamily':
      if (entity.vendor) rows.push([t('Designer'), entityLink(entity.vendor), entity.vendor.key]);
      break;
    case 'Country':
      rows.push([t('ISO code'), entity.isoCode, entity.isoCode]);
      break;
    case 'Region':
      rows.push([t('Kind'), enumLabel(entity.regionKind), entity.regionKind]);
      break;
    case 'Organization':
      rows.push([t('Kind'), enumLabel(entity.organizationKind), entity.organizationKind]);
      break;
    case 'Person': {
      const role = lang() === 'zh' ? (entity.roleZh ?? entity.role) : entity.role;
      if (role) rows.push([t('Role'), role, role]);
      break;
    }
    case 'Quote':
      if (entity.speaker) rows.push([t('Speaker'), entityLink(entity.speaker), entity.speaker.key]);
      else if (entity.speakerDescription) rows.push([t('Speaker'), entity.speakerDescription, entity.speakerDescription]);
      if (entity.saidOn) rows.push([t('Said'), entity.saidOn, entity.saidOn]);
      if (entity.venue) rows.push([t('Venue'), entity.venue, entity.venue]);
      break;
  }
  for (const identifier of entity.identifiers) rows.push([enumLabel(identifier.scheme), identifier.value, identifier.value]);
  return rows.filter((row): row is Row => row !== null);
}

/** Other spellings, the conversion's noise removed and the names already shown left out. */
function aliasesOf(entity: Entity): string[] {
  const shown = new Set([entity.name, entity.nameZh]);
  return [...new Set(entity.aliases.map(normalizeText))].filter((alias) => !shown.has(alias));
}

/** A statement in the reader's language: English with the original a click away, or simplified Chinese. */
function quoteText(quote: { text: string; textZh: string; textEn: string | null }): HTMLElement[] {
  if (lang() === 'zh') return [h('blockquote', { lang: 'zh' }, quote.textZh)];
  if (!quote.textEn) return [h('blockquote', {}, quote.text)];
  return [h('p', { class: 'translation', lang: 'en' }, quote.textEn), ...originalToggle(h('blockquote', { lang: 'zh-Hant' }, quote.text))];
}

function quoteCard(quote: QuoteItem): HTMLElement {
  return h(
    'figure',
    { class: 'quote', 'data-key': quote.key },
    quoteText(quote),
    h(
      'figcaption',
      {},
      quote.speaker ? entityLink(quote.speaker) : (quote.speakerDescription ?? ''),
      [quote.venue, quote.saidOn].filter(Boolean).length ? `, ${[quote.venue, quote.saidOn].filter(Boolean).join(', ')}` : '',
    ),
    quote.sources.length ? sourceList(quote.sources) : null,
  );
}

/**
 * An unknown key fails every field of the page's queries that takes it (the lookup with NOT_FOUND,
 * neighborhood, quotes and conflicts with BAD_USER_INPUT, whichever the service reports first): all
 * say the one thing, that no entity has the key, with the closest keys the service found.
 */
function asUnknownKey(error: unknown, key: string): unknown {
  const namesTheKey =
    error instanceof ApiError && ['NOT_FOUND', 'BAD_USER_INPUT'].includes(error.code) && ['key', 'about', 'subject'].includes(error.argument ?? '');
  if (!namesTheKey) return error;
  return new ApiError(`${t('No entity has the key')} “${key}”.`, 'NOT_FOUND', 'key', error.suggestions);
}

/** Everything the graph says about one entity, each statement with its sentence and source. */
export function entityView(root: HTMLElement, params: URLSearchParams): undefined {
  const key = params.get('key') ?? '';
  void load(
    root,
    async () => {
      const [entityAnswer, conflictsAnswer] = await Promise.allSettled([gql<EntityQuery>(ENTITY, { key }), gql<ConflictsQuery>(CONFLICTS, { key })]);
      if (entityAnswer.status === 'rejected') throw asUnknownKey(entityAnswer.reason, key);
      if (conflictsAnswer.status === 'rejected') throw asUnknownKey(conflictsAnswer.reason, key);
      const data = entityAnswer.value;
      if (!data.entity) throw new ApiError(`${t('No entity has the key')} “${key}”.`, 'NOT_FOUND');
      return { ...data, entity: data.entity, conflicts: conflictsAnswer.value.conflicts };
    },
    (data) => {
      const { entity, neighborhood, quotes, conflicts } = data;
      // A source has a page of its own, with what it supports.
      if (entity.__typename === 'Source') return navigate(href('source', { key: entity.key }), { replace: true });
      document.title = `${nameOf(entity)} · Compute Atlas`;
      const relationships = neighborhood?.relationships ?? [];
      const properties = propertyRows(entity);
      const specs = entity.__typename === 'Chip' ? chipRows(entity) : [];
      const site = entity.__typename === 'DataCenter' ? dataCenterRows(entity) : [];
      const designations = entity.__typename === 'Company' ? entity.designations : [];
      const aliases = aliasesOf(entity);
      const otherName = nameOf(entity) === entity.name ? entity.nameZh : entity.name;
      const download = downloadMenu({
        name: `entity-${entity.key}`,
        graphVersion: data.graphVersion,
        json: data,
        tables: [
          rowsTable('properties', [
            [t('Key'), entity.key, entity.key],
            ...(aliases.length ? [[t('Aliases'), '', aliases.join(' | ')] as Row] : []),
            ...properties,
            ...specs,
            ...site,
          ]),
          linksTable(entity.key, relationships),
          figuresTable(entity.financials),
          ...(designations.length ? [designationsTable(designations)] : []),
        ],
      });
      root.replaceChildren(
        h(
          'article',
          { class: 'entity-page', 'data-key': entity.key, 'data-label': entity.label },
          h(
            'header',
            {},
            h('span', { class: `label-pill label-${entity.label}` }, enumLabel(entity.label)),
            h('h1', {}, nameOf(entity)),
            otherName ? h('p', { class: 'other-name', lang: otherName === entity.nameZh ? 'zh' : 'en' }, otherName) : null,
            h(
              'nav',
              { class: 'entity-actions' },
              h('a', { href: href('neighbourhood', { key: entity.key, depth: 1 }) }, t('Neighbourhood')),
              entity.label === 'Chip' ? h('a', { href: href('exposure', { chip: entity.key, kinds: 'EXPORT_CONTROL' }) }, t('Exposure')) : null,
              h('a', { href: href('paths', { from: entity.key }) }, t('Paths')),
              download,
            ),
          ),
          entity.description ? h('p', { class: 'description' }, entity.description) : null,
          entity.__typename === 'Quote' ? h('div', { class: 'quote-text' }, quoteText(entity)) : null,
          h(
            'section',
            { class: 'entity-properties' },
            h('h2', {}, t('Properties')),
            h(
              'dl',
              {},
              aliases.length ? [h('dt', {}, t('Aliases')), h('dd', { class: 'aliases' }, aliases.join(' · '))] : null,
              properties.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
              h('dt', {}, t('Key')),
              h('dd', {}, h('code', {}, entity.key)),
            ),
          ),
          factsSection(t('Specifications'), 'chip-specs', specs),
          factsSection(t('Data center'), 'data-center-facts', site),
          designationsSection(designations),
          conflictsSection(
            conflicts.edges.map((edge) => edge.node),
            conflicts.totalCount,
          ),
          figuresSection(entity.financials),
          linksSection(entity.key, relationships),
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
