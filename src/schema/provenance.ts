import type { ObjectRef } from '@pothos/core';
import type { Context } from '../context.js';
import { PREFERENCE_RULE, type LinkBasis } from '../graph/claims.js';
import type { SupportRecord } from '../graph/lookups.js';
import { CONFIDENCE_LEVELS, type Confidence } from '../core/model.js';
import type { EntityRecord } from '../graph/records.js';
import { normalizeText } from '../text/normalize.js';
import { renderScript, type Script } from '../text/script.js';
import { translateEvidence } from '../text/translations.js';
import { entityNeed } from '../read/selection.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { SourceRef } from './entity.js';
import { ConfidenceEnum } from './enums.js';

export interface Provenance {
  /** A link's key: its claims are found by it. */
  key?: string;
  evidence?: string[];
  sources?: string[];
  derived?: boolean;
  /** Absent on links projected before it existed and on links drawn from quotes and figures: `derived` decides. */
  basis?: LinkBasis;
  note?: string;
  /** Where in a dataset file the statement is: `line 412: xAI Colossus Memphis Phase 1`. */
  locator?: string;
  /** The publisher's confidence, one of model.ts's CONFIDENCE_LEVELS. */
  confidence?: string;
}

/** A stored confidence, or null when absent or not one of the levels. */
export const confidenceOf = (value: unknown): Confidence | null =>
  typeof value === 'string' && (CONFIDENCE_LEVELS as readonly string[]).includes(value) ? (value as Confidence) : null;
const LOCATOR_DESCRIPTION =
  'Where in the source the statement is, for a dataset the row of its file (`line 412: xAI Colossus Memphis Phase 1`), findable in the file; null for sources cited by sentence.';
const CONFIDENCE_DESCRIPTION = "The publisher's own confidence in the statement (Epoch AI's certainty); null when it states none.";

export type SupportShape = SupportRecord & { preferred: boolean };

export const ScriptEnum = builder.enumType('Script', {
  description: 'The script to render Chinese text in. Sources are stored in traditional script; SIMPLIFIED converts with OpenCC (Taiwan to mainland usage).',
  values: {
    SIMPLIFIED: { value: 'SIMPLIFIED' as const, description: 'Simplified characters, mainland usage.' },
    TRADITIONAL: { value: 'TRADITIONAL' as const, description: 'Traditional characters, as the sources are stored.' },
  },
});

export const LinkBasisEnum = builder.enumType('LinkBasis', {
  description: 'What a link rests on. Only STATED links answer "what a source states" (includeDerived: false).',
  values: {
    STATED: { description: 'A source states it; evidence is its sentence.' },
    DERIVED: { description: 'The curators inferred it from source sentences (every sentence it rests on is in evidence); an inference, not a statement.' },
    CURATOR: {
      description: "Only the curators' general knowledge states it (a source of kind CURATOR_KNOWLEDGE): no published source's sentence is behind it.",
    },
  } as const,
});

/** Readable text: the conversion noise removed (see src/text/normalize.ts), in the script asked for. */
export function displayText(verbatim: string, script?: Script | null): string {
  return renderScript(normalizeText(verbatim), script);
}

/** The curators' translations of the sentences, one per line; null unless every sentence has one. */
export function evidenceEn(sentences: string[] | undefined): string | null {
  if (!sentences?.length) return null;
  const english = sentences.map(translateEvidence);
  return english.every((line) => line !== null) ? english.join('\n') : null;
}

export const SCRIPT_ARG_DESCRIPTION = 'Render in this script; omitted, as stored (traditional for the seed sources).';
const EVIDENCE_DESCRIPTION =
  'The source sentence that states this, in its original language, cleaned for reading: the pinyin and garbled runs a machine conversion left in the source are removed (several sentences, one per line, when derived). evidenceVerbatim has the exact bytes.';
const EVIDENCE_EN_DESCRIPTION =
  "The curators' English translation of the evidence (seed/translations), one sentence per line; null unless every sentence has one. Not part of the source.";

export const SupportRef = builder.objectRef<SupportShape>('Support');
SupportRef.implement({
  description: `One source's statement of a link or a figure: its evidence, whether it is derived, and the values it gives. Where sources disagree, every field outside support shows the preferred one. ${PREFERENCE_RULE}`,
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The first source the statement names.',
      resolve: async (s, _args, ctx, info) => (await ctx.graph.entity(s.source, 'Source', entityNeed(info)))!,
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'Every source this statement cites (at least one).',
      resolve: (s, _args, ctx, info) => ctx.graph.existing(s.sources.length ? s.sources : [s.source], 'Source', entityNeed(info)),
    }),
    evidence: t.string({
      description: EVIDENCE_DESCRIPTION,
      args: { script: t.arg({ type: ScriptEnum, description: SCRIPT_ARG_DESCRIPTION }) },
      resolve: (s, args) => s.evidence.map((sentence) => displayText(sentence, args.script)).join('\n'),
    }),
    evidenceVerbatim: t.string({
      description: 'The sentence(s) exactly as they occur in the source text, noise included, one per line.',
      resolve: (s) => s.evidence.join('\n'),
    }),
    evidenceSentences: t.stringList({
      description: 'The evidence sentences, cleaned for reading.',
      args: { script: t.arg({ type: ScriptEnum, description: SCRIPT_ARG_DESCRIPTION }) },
      resolve: (s, args) => s.evidence.map((sentence) => displayText(sentence, args.script)),
    }),
    evidenceSentencesVerbatim: t.stringList({ description: 'The evidence sentences exactly as in the source text.', resolve: (s) => s.evidence }),
    evidenceEn: t.string({ nullable: true, description: EVIDENCE_EN_DESCRIPTION, resolve: (s) => evidenceEn(s.evidence) }),
    evidenceSentencesEn: t.field({
      type: ['String'],
      nullable: { list: false, items: true },
      description: "The curators' English translation of each evidence sentence; null for a sentence without one.",
      resolve: (s) => s.evidence.map(translateEvidence),
    }),
    derived: t.boolean({ description: 'True when the source implies rather than states it.', resolve: (s) => s.derived }),
    note: t.string({
      nullable: true,
      description: "The curators' note on this statement (why it is read this way); null when there is none.",
      resolve: (s) => s.note ?? null,
    }),
    properties: t.field({ type: 'JSON', description: 'The values this source gives (units, period, value, unit...).', resolve: (s) => s.properties }),
    preferred: t.boolean({ description: `True for the statement the other fields show. ${PREFERENCE_RULE}`, resolve: (s) => s.preferred }),
    recordedIn: t.id({ nullable: true, description: 'The change set that first recorded it.', resolve: (s) => s.recordedIn || null }),
    locator: t.string({ nullable: true, description: LOCATOR_DESCRIPTION, resolve: (s) => s.locator ?? null }),
    confidence: t.field({ type: ConfidenceEnum, nullable: true, description: CONFIDENCE_DESCRIPTION, resolve: (s) => confidenceOf(s.confidence) }),
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
      locator: link.locator,
      confidence: link.confidence,
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
      description: EVIDENCE_DESCRIPTION,
      args: { script: t.arg({ type: ScriptEnum, description: SCRIPT_ARG_DESCRIPTION }) },
      resolve: (parent, args) =>
        get(parent)
          .evidence?.map((sentence) => displayText(sentence, args.script))
          .join('\n') ?? null,
    }),
    evidenceVerbatim: t.string({
      nullable: true,
      description: 'The source sentence(s) exactly as they occur in the source text, noise included, one per line.',
      resolve: (parent) => get(parent).evidence?.join('\n') ?? null,
    }),
    evidenceSentences: t.stringList({
      description: 'The evidence sentences, cleaned for reading.',
      args: { script: t.arg({ type: ScriptEnum, description: SCRIPT_ARG_DESCRIPTION }) },
      resolve: (parent, args) => (get(parent).evidence ?? []).map((sentence) => displayText(sentence, args.script)),
    }),
    evidenceSentencesVerbatim: t.stringList({
      description: 'The evidence sentences exactly as in the source text.',
      resolve: (parent) => get(parent).evidence ?? [],
    }),
    evidenceEn: t.string({ nullable: true, description: EVIDENCE_EN_DESCRIPTION, resolve: (parent) => evidenceEn(get(parent).evidence) }),
    evidenceSentencesEn: t.field({
      type: ['String'],
      nullable: { list: false, items: true },
      description: "The curators' English translation of each evidence sentence; null for a sentence without one.",
      resolve: (parent) => (get(parent).evidence ?? []).map(translateEvidence),
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'The sources that state this (at least one); `support` lists what each says.',
      resolve: (parent, _args, ctx, info): Promise<EntityRecord[]> => ctx.graph.existing(get(parent).sources, 'Source', entityNeed(info)),
    }),
    derived: t.boolean({
      description: 'True when the sources imply rather than state this; evidenceSentences are the sentences it rests on.',
      resolve: (parent) => get(parent).derived ?? false,
    }),
    basis: t.field({
      type: LinkBasisEnum,
      description: "STATED by a source, DERIVED from source sentences, or resting only on the CURATOR's general knowledge.",
      resolve: (parent) => {
        const { basis, derived } = get(parent);
        return basis ?? (derived ? 'DERIVED' : 'STATED');
      },
    }),
    note: t.string({
      nullable: true,
      description: 'Why a derived link was drawn, or a caveat about the figure.',
      resolve: (parent) => get(parent).note ?? null,
    }),
    locator: t.string({
      nullable: true,
      description: `${LOCATOR_DESCRIPTION} The preferred statement's; each one's is in support.`,
      resolve: (parent) => get(parent).locator ?? null,
    }),
    confidence: t.field({
      type: ConfidenceEnum,
      nullable: true,
      description: `${CONFIDENCE_DESCRIPTION} The preferred statement's; each one's is in support.`,
      resolve: (parent) => confidenceOf(get(parent).confidence),
    }),
  }));
}
