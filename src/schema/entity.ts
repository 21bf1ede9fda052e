import type { EntityRecord } from '../graph/records.js';
import type { EntityLabel } from '../model.js';
import { builder } from './builder.js';
import { EntityLabelEnum, SourceKindEnum } from './enums.js';

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');
export const SourceRef = builder.objectRef<EntityRecord>('Source');

EntityRef.implement({
  description:
    'Anything in the knowledge graph with a stable key and bilingual names. Every entity cites the sources that mention it.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.string({
      description: 'Stable kebab-case key (`bytedance`, `h20`); what arguments named key/from/to/chip take.',
      resolve: (e) => e.key,
    }),
    label: t.field({ type: EntityLabelEnum, resolve: (e) => e.label }),
    name: t.string({ description: 'English name.', resolve: (e) => e.name }),
    nameZh: t.string({ nullable: true, description: 'Simplified Chinese name.', resolve: (e) => e.nameZh ?? null }),
    aliases: t.stringList({
      description: 'Every other spelling seen: traditional Chinese, short names, tickers.',
      resolve: (e) => e.aliases ?? [],
    }),
    description: t.string({ nullable: true, resolve: (e) => e.description ?? null }),
    sources: t.field({ type: [SourceRef], resolve: (e, _args, ctx) => ctx.graph.existing(e.sources, 'Source') }),
  }),
});

/** Declares an entity type: a Relay node keyed by `key`, loaded through the per-request batcher. */
export function entityType(label: EntityLabel, description: string, ref = builder.objectRef<EntityRecord>(label)) {
  builder.node(ref, {
    description,
    interfaces: [EntityRef],
    id: { resolve: (e) => e.key },
    loadMany: (keys, ctx) => ctx.graph.entities(keys, label),
    isTypeOf: (value) => (value as EntityRecord).label === label,
    fields: () => ({}),
  });
  return ref;
}

/** A property of an entity record that is a string when present. */
export function prop(e: EntityRecord, name: string): string | null {
  const value = e[name];
  return typeof value === 'string' ? value : null;
}

export function numberProp(e: EntityRecord, name: string): number | null {
  const value = e[name];
  return typeof value === 'number' ? value : null;
}

entityType('Source', 'A document that states facts: the article itself, or a report it cites.', SourceRef);
builder.objectFields(SourceRef, (t) => ({
  title: t.string({ description: 'Title in the original language.', resolve: (e) => prop(e, 'title') ?? e.name }),
  titleEn: t.string({ nullable: true, resolve: (e) => prop(e, 'titleEn') }),
  publisher: t.string({ nullable: true, resolve: (e) => prop(e, 'publisher') }),
  publishedOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-03).', resolve: (e) => prop(e, 'publishedOn') }),
  url: t.string({ nullable: true, resolve: (e) => prop(e, 'url') }),
  language: t.string({ nullable: true, resolve: (e) => prop(e, 'language') }),
  kind: t.field({ type: SourceKindEnum, resolve: (e) => e.kind as (typeof SourceKindEnum)['$inferType'] }),
  citation: t.string({
    nullable: true,
    description: 'For a cited report: the sentence of the citing source that refers to it.',
    resolve: (e) => e.evidence?.join('\n') ?? null,
  }),
}));
