import { z } from 'zod';
import {
  CHIP_MARKETS,
  CONFIDENCE_LEVELS,
  ENTITY_LABELS,
  IDENTIFIER_SCHEMES,
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

/** Where in a dataset file a statement is: `row 412: xAI Colossus Memphis Phase 1`, findable in the file. */
const locatorSchema = shortText;
const confidenceSchema = z.enum(CONFIDENCE_LEVELS);
/** An external identifier (SEC CIK, ticker, Wikidata QID); the source that states it is the item's. */
export const identifierSchema = z.object({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().trim().min(1).max(40) }).strict();
export type Identifier = z.infer<typeof identifierSchema>;
const positive = z.number().finite().positive();

/** What any statement may carry beside its sources: the row it comes from and the publisher's confidence. */
const provenanceFields = {
  locator: locatorSchema.nullish(),
  confidence: confidenceSchema.nullish(),
};

const entityBase = {
  key: keySchema,
  name: shortText,
  nameZh: shortText.nullish(),
  aliases: list(shortText).default([]),
  description: longText.nullish(),
  identifiers: list(identifierSchema).optional(),
  sources: sourcesSchema,
  evidence: evidenceSchema.optional(),
  ...provenanceFields,
};

/** Each label's properties, unrefined so that `attributes` items can state any part of them. */
const ENTITY_SHAPES = {
  Company: z.object({ ...entityBase, label: z.literal('Company'), kind: z.enum(COMPANY_KINDS) }).strict(),
  CompanyGroup: z.object({ ...entityBase, label: z.literal('CompanyGroup') }).strict(),
  Organization: z.object({ ...entityBase, label: z.literal('Organization'), kind: z.enum(ORGANIZATION_KINDS) }).strict(),
  Country: z.object({ ...entityBase, label: z.literal('Country'), isoCode: z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2') }).strict(),
  Region: z.object({ ...entityBase, label: z.literal('Region'), kind: z.enum(REGION_KINDS) }).strict(),
  Chip: z
    .object({
      ...entityBase,
      label: z.literal('Chip'),
      vendor: keySchema.nullish(),
      // A market no source states is not assumed to be every market.
      market: z.enum(CHIP_MARKETS).default('UNSTATED'),
      uses: z.array(z.enum(CHIP_USES)).default([]),
      // Specs as the publisher gives them, in SI base units (bytes, FLOP/s, watts).
      releasedOn: partialDate.nullish(),
      releasePriceUsd: positive.nullish(),
      tdpWatts: positive.nullish(),
      memoryBytes: positive.nullish(),
      memoryBandwidthBytesPerSecond: positive.nullish(),
      bf16FlopsPerSecond: positive.nullish(),
      fp8FlopsPerSecond: positive.nullish(),
      int8OpsPerSecond: positive.nullish(),
      processNm: positive.nullish(),
      foundry: shortText.nullish(),
      chipType: shortText.nullish(),
    })
    .strict(),
  ChipFamily: z.object({ ...entityBase, label: z.literal('ChipFamily'), vendor: keySchema.nullish() }).strict(),
  ProductCategory: z.object({ ...entityBase, label: z.literal('ProductCategory') }).strict(),
  DataCenter: z
    .object({
      ...entityBase,
      label: z.literal('DataCenter'),
      kind: z.enum(DATA_CENTER_KINDS),
      status: z.enum(DATA_CENTER_STATUSES),
      powerMW: z.number().positive().nullish(),
      powerMWQualifier: boundQualifier.nullish(),
      chipCount: z.number().int().positive().nullish(),
      chipCountQualifier: boundQualifier.nullish(),
      address: shortText.nullish(),
      latitude: z.number().min(-90).max(90).nullish(),
      longitude: z.number().min(-180).max(180).nullish(),
      firstOperationalOn: partialDate.nullish(),
    })
    .strict(),
  Policy: z
    .object({
      ...entityBase,
      label: z.literal('Policy'),
      kind: z.enum(POLICY_KINDS),
      status: z.enum(POLICY_STATUSES),
      announcedOn: partialDate.nullish(),
      effectiveOn: partialDate.nullish(),
    })
    .strict(),
  Person: z.object({ ...entityBase, label: z.literal('Person'), role: shortText.nullish(), roleZh: shortText.nullish() }).strict(),
  AIModel: z.object({ ...entityBase, label: z.literal('AIModel') }).strict(),
};
type EntityShapeLabel = keyof typeof ENTITY_SHAPES;

const dataCenterBounds = (d: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const [value, qualifier] of [
    ['powerMW', 'powerMWQualifier'],
    ['chipCount', 'chipCountQualifier'],
  ] as const) {
    if (d[qualifier] != null && d[value] == null) {
      ctx.addIssue({ code: 'custom', path: [qualifier], message: `needs ${value}: a qualifier qualifies a stated number` });
    }
  }
};

export const entitySchema = z.discriminatedUnion('label', [
  ENTITY_SHAPES.Company,
  ENTITY_SHAPES.CompanyGroup,
  ENTITY_SHAPES.Organization,
  ENTITY_SHAPES.Country,
  ENTITY_SHAPES.Region,
  ENTITY_SHAPES.Chip,
  ENTITY_SHAPES.ChipFamily,
  ENTITY_SHAPES.ProductCategory,
  ENTITY_SHAPES.DataCenter.superRefine(dataCenterBounds),
  ENTITY_SHAPES.Policy,
  ENTITY_SHAPES.Person,
  ENTITY_SHAPES.AIModel,
]);
export type EntityItem = z.infer<typeof entitySchema>;

const ATTRIBUTE_LABELS = ENTITY_LABELS.filter((label): label is EntityShapeLabel => label in ENTITY_SHAPES);
/** The properties an `attributes` item may state of a label: any of the label's own, none required, no defaults. */
const attributeValues = Object.fromEntries(
  ATTRIBUTE_LABELS.map((label) => {
    const shape = ENTITY_SHAPES[label] as z.ZodObject;
    return [label, shape.omit({ key: true, label: true, sources: true, evidence: true, locator: true, confidence: true }).partial().strict()];
  }),
) as Record<EntityShapeLabel, z.ZodObject>;

/**
 * Some properties of an entity defined elsewhere (in the graph or another item), stated by another
 * source: a dataset's name for a company as an alias, a site's coordinates, a chip's specs, a
 * ticker. Each is that source's own claim beside the others; it never restates what it does not know.
 */
export const attributesSchema = z
  .object({
    key: keySchema,
    label: z.enum(ATTRIBUTE_LABELS as [EntityShapeLabel, ...EntityShapeLabel[]]),
    values: z.record(z.string(), z.unknown()),
    sources: sourcesSchema,
    evidence: evidenceSchema.optional(),
    note: longText.nullish(),
    ...provenanceFields,
  })
  .strict()
  .transform((item, ctx) => {
    const parsed = attributeValues[item.label].safeParse(item.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['values', ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    // Only what the item states: a default (a chip's market UNSTATED) would contradict another source.
    const values = Object.fromEntries(Object.entries(parsed.data).filter(([name, value]) => value !== undefined && item.values[name] !== undefined));
    if (!Object.keys(values).length) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'must state at least one property' });
      return z.NEVER;
    }
    if (item.label === 'DataCenter') dataCenterBounds(values, ctx);
    return { ...item, values };
  });
export type AttributesItem = z.infer<typeof attributesSchema>;

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
    // A dataset's terms of use as its publisher states them ("CC BY 4.0"), and the exact file read.
    license: shortText.nullish(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256')
      .nullish(),
    rowCount: z.number().int().nonnegative().nullish(),
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
    if (s.kind === 'DATASET' && (!s.url || !s.sha256)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a dataset needs the url of its publisher and the sha256 of the file read' });
    }
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
    ...provenanceFields,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.properties.period !== undefined && !periodSchema.safeParse(r.properties.period).success) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'period'], message: 'must be a period like 2024 or 2024Q4' });
    }
    // A designation or any dated link: since when, until when (a removal), as ISO dates.
    for (const bound of ['since', 'until'] as const) {
      if (r.properties[bound] !== undefined && !partialDate.safeParse(r.properties[bound]).success) {
        ctx.addIssue({ code: 'custom', path: ['properties', bound], message: 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD' });
      }
    }
    for (const reserved of ['key', 'evidence', 'sources', 'derived', 'note', 'locator', 'confidence', 'basis']) {
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
    // The day (or month) a figure holds at, where the source dates it more finely than a period.
    date: partialDate.nullish(),
    // What is counted, where the subject holds many kinds (an owner's H20s): a chip or family key.
    item: keySchema.nullish(),
    value: z.number().finite(),
    valueMax: z.number().finite().optional(),
    // An estimate's interval as its estimator gives it (Epoch: 5th and 95th percentiles around the median value).
    valueLow: z.number().finite().optional(),
    valueHigh: z.number().finite().optional(),
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
    ...provenanceFields,
  })
  .strict()
  .superRefine((f, ctx) => {
    if ((f.valueLow === undefined) !== (f.valueHigh === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['valueLow'], message: 'valueLow and valueHigh come together (an interval)' });
    } else if (f.valueLow !== undefined && !(f.valueLow <= f.value && f.value <= f.valueHigh!)) {
      ctx.addIssue({ code: 'custom', path: ['valueLow'], message: 'the interval valueLow..valueHigh must contain value' });
    }
    if (f.valueLow !== undefined && !f.estimate) {
      ctx.addIssue({ code: 'custom', path: ['estimate'], message: "an interval is an estimate's: set estimate and estimatedBy" });
    }
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
  attributes: attributesSchema,
  relationships: relationshipSchema,
  facts: factSchema,
  quotes: quoteSchema,
} as const;
export type ItemKind = keyof typeof ITEM_SCHEMAS;
