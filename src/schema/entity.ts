import { CITATION_STYLES, cite, type CitableSource } from '../graph/citation.js';
import type { EntityRecord } from '../graph/records.js';
import { normalizeText } from '../text/normalize.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityLabelEnum, IdentifierSchemeEnum, SourceKindEnum } from './enums.js';

export const CitationStyleEnum = builder.enumType('CitationStyle', {
  description: 'The format of a reference to a source.',
  values: Object.fromEntries(
    CITATION_STYLES.map((style) => [
      style,
      {
        description: {
          TEXT: 'A plain-text reference for a paper (authors, title, publisher, date, url).',
          BIBTEX: 'A BibTeX @article or @misc entry, ready for a .bib file.',
          CSL_JSON: 'A CSL-JSON item (for Zotero, pandoc), serialized as a string: parse it.',
        }[style],
      },
    ]),
  ) as Record<(typeof CITATION_STYLES)[number], { description: string }>,
});

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');
export const SourceRef = builder.objectRef<EntityRecord>('Source');

interface IdentifierRecord {
  scheme: (typeof IdentifierSchemeEnum)['$inferType'];
  value: string;
  source: string;
}

/** An entity's identifiers, stored as canonical JSON strings (a node property holds no maps); one that does not parse is skipped. */
function identifiersOf(e: EntityRecord): IdentifierRecord[] {
  const stored = Array.isArray(e.identifiers) ? e.identifiers : [];
  return stored.flatMap((text) => {
    try {
      const id = JSON.parse(String(text)) as Partial<IdentifierRecord>;
      return typeof id.scheme === 'string' && typeof id.value === 'string' && typeof id.source === 'string' ? [id as IdentifierRecord] : [];
    } catch {
      return [];
    }
  });
}

const IdentifierRef = builder.objectRef<IdentifierRecord>('Identifier').implement({
  description: 'An external identifier of an entity (SEC CIK, stock ticker, Wikidata item), with the source that states it.',
  fields: (t) => ({
    scheme: t.field({ type: IdentifierSchemeEnum, description: 'Which register the identifier belongs to.', resolve: (i) => i.scheme }),
    value: t.exposeString('value', { description: 'As the scheme writes it: 1045810, NVDA, Q182477.' }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source that states the identifier.',
      resolve: (i, _a, ctx, info) => ctx.graph.entity(i.source, 'Source', entityNeed(info)),
    }),
  }),
});

EntityRef.implement({
  description: 'Anything in the knowledge graph with a stable key and bilingual names. Every entity cites the sources that mention it.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.string({
      description: 'Stable kebab-case key (`bytedance`, `h20`); what arguments named key/from/to/chip take.',
      resolve: (e) => e.key,
    }),
    label: t.field({ type: EntityLabelEnum, description: 'The kind of entity; the same as __typename.', resolve: (e) => e.label }),
    name: t.string({ description: 'English name.', resolve: (e) => e.name }),
    nameZh: t.string({ nullable: true, description: 'Simplified Chinese name.', resolve: (e) => e.nameZh ?? null }),
    aliases: t.stringList({
      description: 'Every other spelling seen: traditional Chinese, short names, tickers.',
      // Some stored aliases keep the pinyin the source's conversion left (字節(jié)跳動): search still
      // matches them as stored, readers get them clean, once.
      resolve: (e) => [...new Set((e.aliases ?? []).map(normalizeText))],
    }),
    description: t.string({
      nullable: true,
      description: 'A sentence or two in English saying what the entity is; null when none is written.',
      resolve: (e) => e.description ?? null,
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'The sources that name or describe this entity (a source: the sources that cite it); empty when none does.',
      resolve: (e, _args, ctx, info) => ctx.graph.existing(e.sources, 'Source', entityNeed(info)),
    }),
    identifiers: t.field({
      type: [IdentifierRef],
      description: 'External identifiers (SEC CIK, ticker, Wikidata) the sources state, each with its source; empty when none does.',
      resolve: (e) => identifiersOf(e).sort((a, b) => a.scheme.localeCompare(b.scheme) || a.value.localeCompare(b.value) || a.source.localeCompare(b.source)),
    }),
  }),
});

/** A stored property of an entity that is a string, or null when it is absent or not a string. */
export function stringProperty(e: EntityRecord, name: string): string | null {
  const value = e[name];
  return typeof value === 'string' ? value : null;
}

/** A stored property of an entity that is a number, or null when it is absent or not a number. */
export function numberProperty(e: EntityRecord, name: string): number | null {
  const value = e[name];
  return typeof value === 'number' ? value : null;
}

// Source is made an entity type (a node with an id) in refs.ts, with every other one.
builder.objectFields(SourceRef, (t) => ({
  title: t.string({ description: 'Title in the original language.', resolve: (e) => stringProperty(e, 'title') ?? e.name }),
  titleEn: t.string({
    nullable: true,
    description: 'English translation of the title; null when the title is English.',
    resolve: (e) => stringProperty(e, 'titleEn'),
  }),
  publisher: t.string({
    nullable: true,
    description: 'Who published it (a magazine, a research firm, an agency); null when unknown.',
    resolve: (e) => stringProperty(e, 'publisher'),
  }),
  publishedOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-03).', resolve: (e) => stringProperty(e, 'publishedOn') }),
  url: t.string({
    nullable: true,
    description: 'Where to read it; null for a report known only through the source that cites it (see citedAs).',
    resolve: (e) => stringProperty(e, 'url'),
  }),
  language: t.string({
    nullable: true,
    description: 'Its language as a BCP 47 tag (en, zh-Hant, zh-Hans); null when unknown.',
    resolve: (e) => stringProperty(e, 'language'),
  }),
  kind: t.field({ type: SourceKindEnum, description: 'What kind of document it is.', resolve: (e) => e.kind as (typeof SourceKindEnum)['$inferType'] }),
  authors: t.stringList({
    description: 'Authors in byline order, personal or corporate, as the source names them; empty when it names none.',
    resolve: (e) => stringList(e, 'authors'),
  }),
  retrievedOn: t.string({
    nullable: true,
    description: 'When the url or text was read, ISO date possibly partial: the "retrieved" date of a citation.',
    resolve: (e) => stringProperty(e, 'retrievedOn'),
  }),
  license: t.string({
    nullable: true,
    description: "A dataset's terms of use as its publisher states them (CC BY 4.0): cite it accordingly.",
    resolve: (e) => stringProperty(e, 'license'),
  }),
  sha256: t.string({
    nullable: true,
    description: 'For a dataset: the SHA-256 (hex) of the exact file read, so a reader can check it is the same file.',
    resolve: (e) => stringProperty(e, 'sha256'),
  }),
  rowCount: t.int({ nullable: true, description: 'For a dataset: how many rows the file read has.', resolve: (e) => numberProperty(e, 'rowCount') }),
  citedAs: t.string({
    nullable: true,
    description:
      'For a cited report: the sentence of the citing source that refers to it (named `citation` before it became the reference below). Null for a primary source.',
    resolve: (e) => (e.evidence?.length ? e.evidence.join('\n') : null),
  }),
  citation: t.string({
    nullable: true,
    args: { style: t.arg({ type: CitationStyleEnum, defaultValue: 'TEXT', required: true, description: 'The format of the reference; TEXT by default.' }) },
    description:
      'A reference to this source in the given style, from its stored fields only (no date gives "n.d."). A report known through the article that cites it is cited "as reported in" that article.',
    resolve: async (e, { style }, ctx) => cite(await citable(e, (keys) => ctx.graph.existing(keys, 'Source')), style),
  }),
}));

/**
 * A source as citation.ts takes it, with the sources that cite it (and those that cite them, a few
 * levels at most; a cycle is cut).
 */
async function citable(e: EntityRecord, load: (keys: string[]) => Promise<EntityRecord[]>, seen = new Set<string>()): Promise<CitableSource> {
  seen.add(e.key);
  const citing = seen.size > 3 ? [] : (e.sources ?? []).filter((key) => !seen.has(key));
  const citedBy = citing.length ? await Promise.all((await load(citing)).map((s) => citable(s, load, new Set(seen)))) : [];
  return {
    key: e.key,
    kind: String(e.kind),
    title: stringProperty(e, 'title') ?? e.name,
    titleEn: stringProperty(e, 'titleEn'),
    authors: stringList(e, 'authors'),
    publisher: stringProperty(e, 'publisher'),
    publishedOn: stringProperty(e, 'publishedOn'),
    url: stringProperty(e, 'url'),
    language: stringProperty(e, 'language'),
    retrievedOn: stringProperty(e, 'retrievedOn'),
    license: stringProperty(e, 'license'),
    citedBy,
  };
}

function stringList(e: EntityRecord, name: string): string[] {
  const value = e[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
