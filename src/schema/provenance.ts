import type { ObjectRef } from '@pothos/core';
import type { Context } from '../context.js';
import { PREFERENCE_RULE } from '../graph/claims.js';
import type { SupportRecord } from '../graph/lookups.js';
import type { EntityRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { SourceRef } from './entity.js';

export interface Provenance {
  /** A link's key: its claims are found by it. */
  key?: string;
  evidence?: string[];
  sources?: string[];
  derived?: boolean;
  note?: string;
}

export type SupportShape = SupportRecord & { preferred: boolean };

export const SupportRef = builder.objectRef<SupportShape>('Support');
SupportRef.implement({
  description: `One source's statement of a link or a figure: its evidence, whether it is derived, and the values it gives. Where sources disagree, every field outside support shows the preferred one. ${PREFERENCE_RULE}`,
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The first source the statement names.',
      resolve: async (s, _args, ctx) => (await ctx.graph.entity(s.source, 'Source'))!,
    }),
    sources: t.field({ type: [SourceRef], resolve: (s, _args, ctx) => ctx.graph.existing(s.sources.length ? s.sources : [s.source], 'Source') }),
    evidence: t.string({ description: 'The sentence(s) the source states it in, verbatim, one per line.', resolve: (s) => s.evidence.join('\n') }),
    evidenceSentences: t.stringList({ resolve: (s) => s.evidence }),
    derived: t.boolean({ description: 'True when the source implies rather than states it.', resolve: (s) => s.derived }),
    note: t.string({ nullable: true, resolve: (s) => s.note ?? null }),
    properties: t.field({ type: 'JSON', description: 'The values this source gives (units, period, value, unit...).', resolve: (s) => s.properties }),
    preferred: t.boolean({ description: `True for the statement the other fields show. ${PREFERENCE_RULE}`, resolve: (s) => s.preferred }),
    recordedIn: t.id({ nullable: true, description: 'The change set that first recorded it.', resolve: (s) => s.recordedIn || null }),
  }),
});

/**
 * The claims behind a link, the preferred one first and marked. Links the loader draws from a
 * quote or a figure (SAID, ABOUT, REPORTED) have no claims of their own: their item's provenance
 * is their one support.
 */
export async function linkSupport(link: Provenance, ctx: Context): Promise<SupportShape[]> {
  const claims = link.key ? await ctx.graph.support(link.key) : [];
  if (claims.length) return claims.map((claim, index) => ({ ...claim, preferred: index === 0 }));
  const [source, ...others] = link.sources ?? [];
  if (!source) return [];
  return [
    {
      source,
      sources: [source, ...others],
      evidence: link.evidence ?? [],
      derived: link.derived ?? false,
      note: link.note,
      properties: {},
      seq: 0,
      recordedIn: '',
      preferred: true,
    },
  ];
}

/** The evidence fields every relationship and figure exposes, so a client can cite each link. */
export function addProvenanceFields<Shape>(
  ref: ObjectRef<AtlasSchemaTypes, Shape>,
  get: (parent: Shape) => Provenance,
  support: (parent: Shape, ctx: Context) => Promise<SupportShape[]> | SupportShape[] = (parent, ctx) => linkSupport(get(parent), ctx),
) {
  builder.objectFields(ref, (t) => ({
    support: t.field({
      type: [SupportRef],
      description: 'Every source that states this, each with its own evidence and values; the preferred first.',
      resolve: (parent, _args, ctx) => support(parent, ctx),
    }),
    evidence: t.string({
      nullable: true,
      description: 'The source sentence that states this, verbatim in its original language (several, one per line, when derived).',
      resolve: (parent) => get(parent).evidence?.join('\n') ?? null,
    }),
    evidenceSentences: t.stringList({ resolve: (parent) => get(parent).evidence ?? [] }),
    sources: t.field({
      type: [SourceRef],
      resolve: (parent, _args, ctx): Promise<EntityRecord[]> => ctx.graph.existing(get(parent).sources, 'Source'),
    }),
    derived: t.boolean({
      description: 'True when the sources imply rather than state this; evidenceSentences are the sentences it rests on.',
      resolve: (parent) => get(parent).derived ?? false,
    }),
    note: t.string({ nullable: true, description: 'Why a derived link was drawn, or a caveat about the figure.', resolve: (parent) => get(parent).note ?? null }),
  }));
}
