import type { Context } from '../context.js';
import { AmbiguousRetractionError, findRelation, retractRelation, type Retraction } from '../ingest/retract.js';
import { importItems, ValidationFailed } from '../ingest/index.js';
import type { ItemKind } from '../ingest/shapes.js';
import { factKey, type Dataset } from '../ingest/validate.js';
import { STATED_RELATIONSHIP_TYPES, type RelationshipType, type StatedRelationshipType } from '../core/model.js';
import { builder } from './builder.js';
import { EntityRef, SourceRef } from './entity.js';
import { EntityLabelEnum, FinancialMetricEnum, QualifierEnum, RelationTypeEnum, SourceKindEnum, UnitEnum } from './enums.js';
import { FinancialFactRef } from './financial.js';
import { QuoteRef } from './refs.js';
import { RelationRef } from './relation.js';

// --- typed errors ----------------------------------------------------------------------------

export interface FieldProblem {
  field: string | null;
  message: string;
}

/** The input breaks a rule: every problem names its field. Nothing was written. */
export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`The input is invalid; nothing was written: ${problems.map((p) => p.message).join('; ')}`);
  }
}

export class NotFoundError extends Error {}

const MutationErrorRef = builder.interfaceRef<Error>('MutationError').implement({
  description: 'A failure the client can act on; the mutation changed nothing.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong, in a sentence to show the curator.' }) }),
});

const FieldProblemRef = builder.objectRef<FieldProblem>('FieldProblem').implement({
  description: 'One rule the input breaks, and which input field breaks it.',
  fields: (t) => ({
    field: t.exposeString('field', { nullable: true, description: 'Dotted path of the input field (sources, properties.period).' }),
    message: t.exposeString('message', { description: 'The rule and the bad value, starting with the field (sources: no Source has the key "x").' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks one or more rules of the graph model (unknown key, missing evidence...); nothing was written.',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    problems: t.field({ type: [FieldProblemRef], description: 'Every problem found, each naming its field.', resolve: (e) => e.problems }),
  }),
});
builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'What the mutation should change does not exist (no such link, or none stated by that source); nothing was written.',
  interfaces: [MutationErrorRef],
  fields: () => ({}),
});

// --- inputs ----------------------------------------------------------------------------------

const provenance = {
  evidence: 'The verbatim sentence(s) of the sources that state this.',
  sources: 'Keys of existing Source entities; at least one.',
};

const EntityInput = builder.inputType('EntityInput', {
  description: 'An entity to create or update by key. Label-specific fields (kind, market, status...) go in properties.',
  fields: (t) => ({
    label: t.field({ type: EntityLabelEnum, required: true, description: 'Any label but Source and Quote, which have their own mutations.' }),
    key: t.string({ required: true, description: 'The stable kebab-case key (bytedance); an existing key updates that entity.' }),
    name: t.string({ required: true, description: 'The English name.' }),
    nameZh: t.string({ description: 'The simplified Chinese name, as mainland sources write it.' }),
    aliases: t.stringList({ description: 'Every other spelling seen (traditional Chinese, tickers, short names); search finds the entity by each.' }),
    description: t.string({ description: 'A sentence or two saying what the entity is.' }),
    properties: t.field({
      type: 'JSON',
      description:
        'Fields of the label: Company {kind}, Chip {vendor, market, uses}, DataCenter {kind, status, powerMW, powerMWQualifier, chipCount, chipCountQualifier}, Policy {kind, status, announcedOn}...',
    }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
  }),
});

const RelationshipInput = builder.inputType('RelationshipInput', {
  description: 'A link to create or update between two existing entities, with the evidence that states it.',
  fields: (t) => ({
    type: t.field({
      type: RelationTypeEnum,
      required: true,
      description: `The relationship type; SAID, ABOUT and REPORTED are derived by the loader and refused here. One of ${STATED_RELATIONSHIP_TYPES.join(', ')}.`,
    }),
    from: t.string({ required: true, description: 'The key of the entity the link starts at (its subject).' }),
    to: t.string({ required: true, description: 'The key of the entity the link points to.' }),
    properties: t.field({ type: 'JSON', description: 'units, period, uses, role... (a period makes a separate link per period).' }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
    derived: t.boolean({ description: 'True when the sources imply rather than state the link; give every supporting sentence.' }),
    note: t.string({ description: "The curator's note: why the link is read this way (shown beside the evidence)." }),
  }),
});

const FigureCheckInput = builder.inputType('FigureCheckInput', {
  description: "A recomputation of a stated figure from the source's own numbers, recorded where the two disagree.",
  fields: (t) => ({
    computed: t.float({ required: true, description: 'The value the arithmetic gives (5.78).' }),
    expression: t.string({ required: true, description: "The arithmetic over the source's own figures." }),
    note: t.string({ required: true, description: 'Which figures of the source the arithmetic uses and what the difference means.' }),
  }),
});

const FinancialFactInput = builder.inputType('FinancialFactInput', {
  description: 'A figure as a source states it, with its unit, period, qualifier and evidence.',
  fields: (t) => ({
    subject: t.string({ required: true, description: 'The key of the entity the figure is about (a company, group, chip, data center...).' }),
    metric: t.field({ type: FinancialMetricEnum, required: true, description: 'What the figure measures.' }),
    period: t.string({ description: 'A year, quarter or span; null when the source states none.' }),
    value: t.float({ required: true, description: 'The number in `unit` (77.7 with USD_BILLION); the lower end of a RANGE.' }),
    valueMax: t.float({ description: 'The upper end of a RANGE; omit otherwise.' }),
    qualifier: t.field({ type: QualifierEnum, description: 'How the figure is stated; EXACT when omitted.' }),
    unit: t.field({ type: UnitEnum, required: true, description: 'The unit, in the currency the source states (never converted).' }),
    stated: t.string({ required: true, description: 'The figure exactly as written in the evidence.' }),
    estimate: t.boolean({ description: 'True when the source gives the figure as an estimate; false when omitted.' }),
    estimatedBy: t.string({ description: 'The key of who made the estimate, when the source says.' }),
    market: t.string({ description: 'The key of the country or region the figure is limited to (REVENUE in the US); omit for the whole.' }),
    relativeTo: t.string({ description: 'For a multiple (TIMES) or a comparison: the key of what the figure is compared with.' }),
    checks: t.field({
      type: [FigureCheckInput],
      description: "What the source's own figures compute where that disagrees with the stated value (at most 5).",
    }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
    note: t.string({ description: "The curator's note on how the figure was read (period inferred, unit glossed...)." }),
  }),
});

const QuoteInput = builder.inputType('QuoteInput', {
  description: 'A statement a person made, with what it is about.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'A stable key for the quote; an existing key updates it.' }),
    text: t.string({ required: true, description: 'The words in their original language, verbatim.' }),
    textEn: t.string({ description: 'An English translation, when the original is not English.' }),
    speaker: t.string({ description: 'Key of a Person; or give speakerDescription for an anonymous speaker.' }),
    speakerDescription: t.string({ description: 'Who spoke, when the source does not name them ("a supply-chain source").' }),
    saidOn: t.string({ description: 'When it was said: ISO date, possibly partial (2025-02).' }),
    venue: t.string({ description: 'Where it was said (an earnings call, a conference, an interview).' }),
    about: t.stringList({ required: true, description: 'Keys of the entities the quote is about; each gets an ABOUT link.' }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
  }),
});

const SourceInput = builder.inputType('SourceInput', {
  description: 'A source with a url of its own, or one cited by existing sources (give their keys and the citing sentence).',
  fields: (t) => ({
    key: t.string({ required: true, description: 'A stable key for the source; an existing key updates it.' }),
    title: t.string({ required: true, description: 'The title in its original language.' }),
    titleEn: t.string({ description: 'An English translation of the title.' }),
    authors: t.stringList({ description: 'Personal or corporate authors, in byline order.' }),
    publisher: t.string({ description: 'Who published it (a magazine, a firm, an agency).' }),
    publishedOn: t.string({ description: 'When it was published: ISO date, possibly partial.' }),
    url: t.string({ description: 'Where it can be read; omit for a source known only through the sources citing it.' }),
    language: t.string({ description: 'Its language as a BCP 47 tag (en, zh-Hant).' }),
    retrievedOn: t.string({ description: 'When the url was read: ISO date, possibly partial.' }),
    kind: t.field({ type: SourceKindEnum, required: true, description: 'What kind of document it is.' }),
    evidence: t.stringList({ description: 'Without a url: the sentences of the citing sources that cite this one.' }),
    sources: t.stringList({ description: 'Without a url: the keys of the existing sources that cite this one.' }),
    note: t.string({ description: "The curator's note on the source." }),
  }),
});

const RelationIdInput = builder.inputType('RelationIdInput', {
  description: 'Names one link to retract: its type, its two ends, and (for per-period links) its period.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true, description: 'The relationship type; the derived types SAID, ABOUT and REPORTED are refused.' }),
    from: t.string({ required: true, description: 'The key of the entity the link starts at.' }),
    to: t.string({ required: true, description: 'The key of the entity the link points to.' }),
    period: t.string({ description: 'For links stated per period (BUYS 2024).' }),
    source: t.string({ description: 'Retract the claim of this source (a key among its sources); required when several sources state the link.' }),
    allSources: t.boolean({ description: 'Retract the claims of every source that states the link.' }),
  }),
});

// --- resolvers -------------------------------------------------------------------------------

/** GraphQL nulls mean "not given", as absent fields do in files. */
function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
}

/** Validates and writes one item like a one-line import; problems become a typed ValidationError. */
async function upsert(ctx: Context, mutation: string, kind: ItemKind, item: Record<string, unknown>, target: string): Promise<Dataset> {
  try {
    const principal = ctx.auth.status === 'authenticated' ? ctx.auth.principal : 'anonymous';
    const { dataset } = await importItems(ctx.db, kind, [item], mutation, principal);
    ctx.graph.clear();
    if (ctx.auth.status === 'authenticated') ctx.audit({ principal: ctx.auth.principal, mutation, target });
    return dataset;
  } catch (error) {
    if (error instanceof ValidationFailed) {
      throw new ValidationError(error.problems.map((p) => ({ field: p.field ?? null, message: p.message })));
    }
    throw error;
  }
}

function relationType(type: RelationshipType): StatedRelationshipType {
  if (!(STATED_RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
    throw new ValidationError([
      { field: 'type', message: `type: ${type} links are derived by the loader, not stated; state one of ${STATED_RELATIONSHIP_TYPES.join(', ')}` },
    ]);
  }
  return type as StatedRelationshipType;
}

function objectInput(value: unknown, field: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError([{ field, message: `${field}: must be an object` }]);
  return value as Record<string, unknown>;
}

/** The errors plugin's result types, described: the union a mutation answers, its success object and that object's data. */
function mutationErrors(errorTypes: (typeof ValidationError | typeof NotFoundError)[], wrote: string) {
  return {
    types: errorTypes,
    union: {
      description: `The answer of this mutation: its Success with ${wrote}, or an error type (${errorTypes.map((e) => e.name).join(', ')}) saying why nothing was written.`,
    },
    result: { description: `The mutation succeeded: \`data\` is ${wrote}.` },
    dataField: { description: `${wrote[0]!.toUpperCase()}${wrote.slice(1)}.` },
  };
}

const writeField = (wrote: string) => ({ authScopes: { write: true }, errors: mutationErrors([ValidationError], wrote) });

builder.mutationType({ description: 'Curation. Every mutation needs an API key with the write scope and runs in one write transaction.' });

builder.mutationFields((t) => ({
  upsertEntity: t.field({
    ...writeField('the entity as now stored'),
    type: EntityRef,
    description: 'Creates or updates an entity by key, with the evidence and sources that name it.',
    args: { input: t.arg({ type: EntityInput, required: true, description: 'The entity, its evidence and sources.' }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.label === 'Source' || input.label === 'Quote') {
        throw new ValidationError([{ field: 'label', message: `label: use upsert${input.label} for a ${input.label}` }]);
      }
      if (!input.evidence.length) throw new ValidationError([{ field: 'evidence', message: 'evidence: needs at least one sentence' }]);
      const { properties, ...fields } = input;
      await upsert(ctx, 'upsertEntity', 'entities', { ...objectInput(properties, 'properties'), ...withoutNulls(fields) }, input.key);
      return (await ctx.graph.entity(input.key))!;
    },
  }),
  upsertRelationship: t.field({
    ...writeField('the link as now stored'),
    type: RelationRef,
    description: 'Creates or updates the link of this type between two entities (one per period when a period is given).',
    args: { input: t.arg({ type: RelationshipInput, required: true, description: 'The link, its evidence and sources.' }) },
    resolve: async (_root, { input }, ctx) => {
      const type = relationType(input.type);
      const properties = objectInput(input.properties, 'properties');
      await upsert(ctx, 'upsertRelationship', 'relationships', { ...withoutNulls(input), type, properties }, `${input.from}-${type}->${input.to}`);
      const period = typeof properties.period === 'string' ? properties.period : null;
      return (await findRelation(ctx.db, { type, from: input.from, to: input.to, period }))!;
    },
  }),
  upsertFinancialFact: t.field({
    ...writeField('the figure as now stored'),
    type: FinancialFactRef,
    description: 'Records a figure as a source states it; the same subject, metric, period, market, qualifier and first source update it.',
    args: { input: t.arg({ type: FinancialFactInput, required: true, description: 'The figure, its evidence and sources.' }) },
    resolve: async (_root, { input }, ctx) => {
      const dataset = await upsert(ctx, 'upsertFinancialFact', 'facts', { ...withoutNulls(input), period: input.period ?? null }, input.subject);
      const [fact] = await ctx.graph.factsByKey([factKey(dataset.facts[0]!)]);
      return fact!;
    },
  }),
  upsertQuote: t.field({
    ...writeField('the quote as now stored'),
    type: QuoteRef,
    description: 'Creates or updates a quote by key, with its speaker, the entities it is about and its source.',
    args: { input: t.arg({ type: QuoteInput, required: true, description: 'The quote.' }) },
    resolve: async (_root, { input }, ctx) => {
      await upsert(ctx, 'upsertQuote', 'quotes', withoutNulls(input), input.key);
      return (await ctx.graph.entity(input.key, 'Quote'))!;
    },
  }),
  upsertSource: t.field({
    ...writeField('the source as now stored'),
    type: SourceRef,
    description: 'Creates or updates a source by key, so statements can cite it.',
    args: { input: t.arg({ type: SourceInput, required: true, description: 'The source.' }) },
    resolve: async (_root, { input }, ctx) => {
      await upsert(ctx, 'upsertSource', 'sources', withoutNulls(input), input.key);
      return (await ctx.graph.entity(input.key, 'Source'))!;
    },
  }),
  removeRelationship: t.field({
    authScopes: { write: true },
    errors: mutationErrors([ValidationError, NotFoundError], 'the link as it was before the retraction'),
    type: RelationRef,
    description:
      "Retracts one source's claim of a link (or every source's, with allSources); returns the link as it was. The claims stay in the history, marked retracted; the link disappears when no claim supports it any more.",
    args: { input: t.arg({ type: RelationIdInput, required: true, description: 'Which link, and whose claim of it.' }) },
    resolve: async (_root, { input }, ctx) => {
      const id = { type: relationType(input.type), from: input.from, to: input.to, period: input.period };
      const principal = ctx.auth.status === 'authenticated' ? ctx.auth.principal : 'anonymous';
      let retraction: Retraction | null;
      try {
        retraction = await retractRelation(ctx.db, id, { source: input.source, allSources: input.allSources, principal });
      } catch (error) {
        if (error instanceof AmbiguousRetractionError) throw new ValidationError([{ field: 'source', message: `source: ${error.message}` }]);
        throw error;
      }
      if (!retraction) {
        const by = input.source ? ` stated by "${input.source}"` : '';
        throw new NotFoundError(`No ${id.type} link from "${id.from}" to "${id.to}"${id.period ? ` for ${id.period}` : ''}${by}.`);
      }
      ctx.graph.clear();
      ctx.audit({ principal, mutation: 'removeRelationship', target: retraction.relation.properties.key });
      return retraction.relation;
    },
  }),
}));
