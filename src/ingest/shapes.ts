import { z } from 'zod';
import {
  CHIP_MARKETS,
  CHIP_USES,
  COMPANY_KINDS,
  DATA_CENTER_KINDS,
  DATA_CENTER_STATUSES,
  FINANCIAL_METRICS,
  ORGANIZATION_KINDS,
  POLICY_KINDS,
  POLICY_STATUSES,
  QUALIFIERS,
  REGION_KINDS,
  SOURCE_KINDS,
  STATED_RELATIONSHIP_TYPES,
  UNITS,
} from '../core/model.js';
import { normalizeText } from '../text/normalize.js';

// The shapes of seed and import files. Every item names its sources; evidence is the verbatim
// sentence (or, for a derived link, the sentences) that states it.

/**
 * Size caps on everything stored: far above what a real source needs (the seed's longest
 * sentence has about 200 characters, its longest translation about 400), low enough that no
 * single write can bloat the graph or every answer that reads it.
 */
export const TEXT_LIMITS = {
  key: 100,
  name: 300,
  sentence: 2_000,
  text: 10_000,
  listItems: 50,
} as const;

const shortText = z.string().trim().min(1).max(TEXT_LIMITS.name, `must be at most ${TEXT_LIMITS.name} characters`);
const longText = z.string().trim().min(1).max(TEXT_LIMITS.text, `must be at most ${TEXT_LIMITS.text} characters`);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(TEXT_LIMITS.listItems, `must have at most ${TEXT_LIMITS.listItems} items`);

export const keySchema = z
  .string()
  .max(TEXT_LIMITS.key, `must be at most ${TEXT_LIMITS.key} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case slug of a-z, 0-9 and single dashes');
const sourcesSchema = list(keySchema).min(1, 'needs at least one source');
const sentence = z.string().trim().min(2, 'must be a non-empty sentence').max(TEXT_LIMITS.sentence, `must be at most ${TEXT_LIMITS.sentence} characters`);
const evidenceSchema = z.union([sentence, list(sentence).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** ISO date, possibly partial: 2025, 2025-03 or 2025-03-31. */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD');
/** A year, a quarter, or a span of either: 2024, 2024Q4, 2025-2027, 2018Q1-2024Q4. */
export const periodSchema = z.string().regex(/^\d{4}(Q[1-4])?(-\d{4}(Q[1-4])?)?$/, 'must be a period like 2024, 2024Q4, 2025-2027 or 2018Q1-2024Q4');

/**
 * How a number property relates to the figure its source states: EXACT, APPROX, or a bound
 * (MORE_THAN for "超過2GW"). A property holds one number, so RANGE (which needs an upper value)
 * is for facts only.
 */
const boundQualifier = z.enum(QUALIFIERS).refine((q) => q !== 'RANGE', 'RANGE needs an upper value: state a range as a fact');

const entityBase = {
  key: keySchema,
  name: shortText,
  nameZh: shortText.nullish(),
  aliases: list(shortText).default([]),
  description: longText.nullish(),
  sources: sourcesSchema,
  evidence: evidenceSchema.optional(),
};

export const entitySchema = z.discriminatedUnion('label', [
  z.object({ ...entityBase, label: z.literal('Company'), kind: z.enum(COMPANY_KINDS) }).strict(),
  z.object({ ...entityBase, label: z.literal('CompanyGroup') }).strict(),
  z.object({ ...entityBase, label: z.literal('Organization'), kind: z.enum(ORGANIZATION_KINDS) }).strict(),
  z.object({ ...entityBase, label: z.literal('Country'), isoCode: z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2') }).strict(),
  z.object({ ...entityBase, label: z.literal('Region'), kind: z.enum(REGION_KINDS) }).strict(),
  z
    .object({
      ...entityBase,
      label: z.literal('Chip'),
      vendor: keySchema.nullish(),
      // A market no source states is not assumed to be every market.
      market: z.enum(CHIP_MARKETS).default('UNSTATED'),
      uses: z.array(z.enum(CHIP_USES)).default([]),
    })
    .strict(),
  z.object({ ...entityBase, label: z.literal('ChipFamily'), vendor: keySchema.nullish() }).strict(),
  z.object({ ...entityBase, label: z.literal('ProductCategory') }).strict(),
  z
    .object({
      ...entityBase,
      label: z.literal('DataCenter'),
      kind: z.enum(DATA_CENTER_KINDS),
      status: z.enum(DATA_CENTER_STATUSES),
      powerMW: z.number().positive().nullish(),
      powerMWQualifier: boundQualifier.nullish(),
      chipCount: z.number().int().positive().nullish(),
      chipCountQualifier: boundQualifier.nullish(),
    })
    .strict()
    .superRefine((d, ctx) => {
      for (const [value, qualifier] of [
        ['powerMW', 'powerMWQualifier'],
        ['chipCount', 'chipCountQualifier'],
      ] as const) {
        if (d[qualifier] != null && d[value] == null) {
          ctx.addIssue({ code: 'custom', path: [qualifier], message: `needs ${value}: a qualifier qualifies a stated number` });
        }
      }
    }),
  z
    .object({
      ...entityBase,
      label: z.literal('Policy'),
      kind: z.enum(POLICY_KINDS),
      status: z.enum(POLICY_STATUSES),
      announcedOn: partialDate.nullish(),
      effectiveOn: partialDate.nullish(),
    })
    .strict(),
  z.object({ ...entityBase, label: z.literal('Person'), role: shortText.nullish(), roleZh: shortText.nullish() }).strict(),
  z.object({ ...entityBase, label: z.literal('AIModel') }).strict(),
]);
export type EntityItem = z.infer<typeof entitySchema>;

export const sourceSchema = z
  .object({
    key: keySchema,
    label: z.literal('Source').default('Source'),
    title: shortText,
    titleEn: shortText.nullish(),
    // Personal or corporate authors in byline order, as the source names them.
    authors: list(shortText).optional(),
    publisher: shortText.nullish(),
    publishedOn: partialDate.nullish(),
    url: z.url().max(TEXT_LIMITS.sentence).nullish(),
    // When the url (or the text file's origin) was read: a citation's "retrieved" date.
    retrievedOn: partialDate.nullish(),
    language: z.string().min(2).max(35).nullish(),
    kind: z.enum(SOURCE_KINDS),
    // A primary source ships its text so evidence can be checked against it; a cited one names the
    // source that cites it and the sentence that does.
    textFile: z.string().min(1).max(TEXT_LIMITS.name).nullish(),
    sources: list(keySchema).optional(),
    evidence: evidenceSchema.optional(),
    note: longText.nullish(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // The curators' general knowledge has no document to point to; it is its own, named source.
    if (s.kind !== 'CURATOR_KNOWLEDGE' && !s.textFile && !s.url && !(s.sources?.length && s.evidence)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: 'a source needs a textFile or url of its own, or the sources and evidence that cite it',
      });
    }
  });
export type SourceItem = z.infer<typeof sourceSchema>;

const propertyText = z.string().max(TEXT_LIMITS.sentence, `must be at most ${TEXT_LIMITS.sentence} characters`);
const propertyValue = z.union([propertyText, z.number(), z.boolean(), list(propertyText), list(z.number())]);

export const relationshipSchema = z
  .object({
    type: z.enum(STATED_RELATIONSHIP_TYPES),
    from: keySchema,
    to: keySchema,
    properties: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/), propertyValue)
      .refine((properties) => Object.keys(properties).length <= TEXT_LIMITS.listItems, `must have at most ${TEXT_LIMITS.listItems} properties`)
      .default({}),
    evidence: evidenceSchema,
    sources: sourcesSchema,
    derived: z.boolean().default(false),
    note: longText.nullish(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.properties.period !== undefined && !periodSchema.safeParse(r.properties.period).success) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'period'], message: 'must be a period like 2024 or 2024Q4' });
    }
    for (const reserved of ['key', 'evidence', 'sources', 'derived', 'note']) {
      if (reserved in r.properties) {
        ctx.addIssue({ code: 'custom', path: ['properties', reserved], message: `"${reserved}" is set by the loader` });
      }
    }
  });
export type RelationshipItem = z.infer<typeof relationshipSchema>;

/**
 * A figure recomputed from the source's own figures: the computed value, the arithmetic that gives
 * it (e.g. "3,105 / 5,132"), and a note on the disagreement.
 */
export const figureCheckSchema = z
  .object({
    computed: z.number().finite(),
    expression: z.string().trim().min(1).max(TEXT_LIMITS.sentence, `must be at most ${TEXT_LIMITS.sentence} characters`),
    note: longText,
  })
  .strict();
export type FigureCheck = z.infer<typeof figureCheckSchema>;

export const factSchema = z
  .object({
    subject: keySchema,
    metric: z.enum(FINANCIAL_METRICS),
    // Null when the source states a figure without a period: better none than an invented one.
    period: periodSchema.nullable(),
    value: z.number().finite(),
    valueMax: z.number().finite().optional(),
    qualifier: z.enum(QUALIFIERS).default('EXACT'),
    unit: z.enum(UNITS),
    stated: shortText,
    estimate: z.boolean().default(false),
    estimatedBy: keySchema.nullish(),
    market: keySchema.nullish(),
    relativeTo: keySchema.nullish(),
    // What the source's own figures compute where that disagrees with the stated value.
    checks: z.array(figureCheckSchema).max(5, 'must have at most 5 checks').optional(),
    evidence: evidenceSchema,
    sources: sourcesSchema,
    note: longText.nullish(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if ((f.qualifier === 'RANGE') !== (f.valueMax !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['valueMax'], message: 'is required exactly when qualifier is RANGE' });
    }
    if (f.valueMax !== undefined && f.valueMax < f.value) {
      ctx.addIssue({ code: 'custom', path: ['valueMax'], message: 'must not be below value' });
    }
    // As evidence is checked against its source: exactly as written, or both in clean form.
    if (!f.evidence.some((sentence) => sentence.includes(f.stated) || normalizeText(sentence).includes(normalizeText(f.stated)))) {
      ctx.addIssue({ code: 'custom', path: ['stated'], message: `"${f.stated}" does not occur in the evidence` });
    }
  });
export type FactItem = z.infer<typeof factSchema>;

export const quoteSchema = z
  .object({
    key: keySchema,
    text: sentence,
    textEn: sentence.nullish(),
    speaker: keySchema.nullish(),
    speakerDescription: shortText.nullish(),
    saidOn: partialDate.nullish(),
    venue: shortText.nullish(),
    about: list(keySchema).min(1, 'must name at least one entity the quote is about'),
    evidence: evidenceSchema.optional(),
    sources: sourcesSchema,
    note: longText.nullish(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.speaker && !q.speakerDescription) {
      ctx.addIssue({ code: 'custom', path: ['speaker'], message: 'a quote needs a speaker key or a speakerDescription' });
    }
  });
export type QuoteItem = z.infer<typeof quoteSchema>;

export const ITEM_SCHEMAS = {
  sources: sourceSchema,
  entities: entitySchema,
  relationships: relationshipSchema,
  facts: factSchema,
  quotes: quoteSchema,
} as const;
export type ItemKind = keyof typeof ITEM_SCHEMAS;
