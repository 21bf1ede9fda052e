import type { Context } from '../context.js';
import { AmbiguousRetractionError, findRelation, retractRelation, type Retraction } from '../ingest/retract.js';
import { importItems, ValidationFailed } from '../ingest/index.js';
import type { ItemKind } from '../ingest/shapes.js';
import { factKey, type Dataset } from '../ingest/validate.js';
import { STATED_RELATIONSHIP_TYPES, type StatedRelationshipType } from '../core/model.js';
import { builder } from './builder.js';
import { EntityRef, SourceRef } from './entity.js';
import { EntityLabelEnum, FinancialMetricEnum, QualifierEnum, SourceKindEnum, UnitEnum } from './enums.js';
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
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldProblemRef = builder.objectRef<FieldProblem>('FieldProblem').implement({
  fields: (t) => ({
    field: t.exposeString('field', { nullable: true, description: 'Dotted path of the input field (sources, properties.period).' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [MutationErrorRef],
  fields: (t) => ({ problems: t.field({ type: [FieldProblemRef], resolve: (e) => e.problems }) }),
});
builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [MutationErrorRef], fields: () => ({}) });

// --- inputs ----------------------------------------------------------------------------------

const provenance = {
  evidence: 'The verbatim sentence(s) of the sources that state this.',
  sources: 'Keys of existing Source entities; at least one.',
};

const EntityInput = builder.inputType('EntityInput', {
  description: 'An entity to create or update by key. Label-specific fields (kind, market, status...) go in properties.',
  fields: (t) => ({
    label: t.field({ type: EntityLabelEnum, required: true, description: 'Any label but Source and Quote, which have their own mutations.' }),
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    nameZh: t.string(),
    aliases: t.stringList(),
    description: t.string(),
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
  fields: (t) => ({
    type: t.string({ required: true, description: `One of ${STATED_RELATIONSHIP_TYPES.join(', ')}.` }),
    from: t.string({ required: true }),
    to: t.string({ required: true }),
    properties: t.field({ type: 'JSON', description: 'units, period, uses, role... (a period makes a separate link per period).' }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
    derived: t.boolean({ description: 'True when the sources imply rather than state the link; give every supporting sentence.' }),
    note: t.string(),
  }),
});

const FigureCheckInput = builder.inputType('FigureCheckInput', {
  fields: (t) => ({
    computed: t.float({ required: true }),
    expression: t.string({ required: true, description: "The arithmetic over the source's own figures." }),
    note: t.string({ required: true }),
  }),
});

const FinancialFactInput = builder.inputType('FinancialFactInput', {
  fields: (t) => ({
    subject: t.string({ required: true }),
    metric: t.field({ type: FinancialMetricEnum, required: true }),
    period: t.string({ description: 'A year, quarter or span; null when the source states none.' }),
    value: t.float({ required: true }),
    valueMax: t.float(),
    qualifier: t.field({ type: QualifierEnum }),
    unit: t.field({ type: UnitEnum, required: true }),
    stated: t.string({ required: true, description: 'The figure exactly as written in the evidence.' }),
    estimate: t.boolean(),
    estimatedBy: t.string(),
    market: t.string(),
    relativeTo: t.string(),
    checks: t.field({
      type: [FigureCheckInput],
      description: "What the source's own figures compute where that disagrees with the stated value (at most 5).",
    }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
    note: t.string(),
  }),
});

const QuoteInput = builder.inputType('QuoteInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    text: t.string({ required: true }),
    textEn: t.string(),
    speaker: t.string({ description: 'Key of a Person; or give speakerDescription for an anonymous speaker.' }),
    speakerDescription: t.string(),
    saidOn: t.string(),
    venue: t.string(),
    about: t.stringList({ required: true }),
    evidence: t.stringList({ required: true, description: provenance.evidence }),
    sources: t.stringList({ required: true, description: provenance.sources }),
  }),
});

const SourceInput = builder.inputType('SourceInput', {
  description: 'A source with a url of its own, or one cited by existing sources (give their keys and the citing sentence).',
  fields: (t) => ({
    key: t.string({ required: true }),
    title: t.string({ required: true }),
    titleEn: t.string(),
    authors: t.stringList({ description: 'Personal or corporate authors, in byline order.' }),
    publisher: t.string(),
    publishedOn: t.string(),
    url: t.string(),
    language: t.string(),
    retrievedOn: t.string({ description: 'When the url was read: ISO date, possibly partial.' }),
    kind: t.field({ type: SourceKindEnum, required: true }),
    evidence: t.stringList(),
    sources: t.stringList(),
    note: t.string(),
  }),
});

const RelationIdInput = builder.inputType('RelationIdInput', {
  fields: (t) => ({
    type: t.string({ required: true }),
    from: t.string({ required: true }),
    to: t.string({ required: true }),
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

function relationType(type: string): StatedRelationshipType {
  if (!(STATED_RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
    throw new ValidationError([{ field: 'type', message: `type: unknown relationship type "${type}"; known: ${STATED_RELATIONSHIP_TYPES.join(', ')}` }]);
  }
  return type as StatedRelationshipType;
}

function objectInput(value: unknown, field: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError([{ field, message: `${field}: must be an object` }]);
  return value as Record<string, unknown>;
}

const writeField = { authScopes: { write: true }, errors: { types: [ValidationError] } };

builder.mutationType({ description: 'Curation. Every mutation needs an API key with the write scope and runs in one write transaction.' });

builder.mutationFields((t) => ({
  upsertEntity: t.field({
    ...writeField,
    type: EntityRef,
    description: 'Creates or updates an entity by key, with the evidence and sources that name it.',
    args: { input: t.arg({ type: EntityInput, required: true }) },
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
    ...writeField,
    type: RelationRef,
    description: 'Creates or updates the link of this type between two entities (one per period when a period is given).',
    args: { input: t.arg({ type: RelationshipInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const type = relationType(input.type);
      const properties = objectInput(input.properties, 'properties');
      await upsert(ctx, 'upsertRelationship', 'relationships', { ...withoutNulls(input), type, properties }, `${input.from}-${type}->${input.to}`);
      const period = typeof properties.period === 'string' ? properties.period : null;
      return (await findRelation(ctx.db, { type, from: input.from, to: input.to, period }))!;
    },
  }),
  upsertFinancialFact: t.field({
    ...writeField,
    type: FinancialFactRef,
    description: 'Records a figure as a source states it; the same subject, metric, period, market, qualifier and first source update it.',
    args: { input: t.arg({ type: FinancialFactInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const dataset = await upsert(ctx, 'upsertFinancialFact', 'facts', { ...withoutNulls(input), period: input.period ?? null }, input.subject);
      const [fact] = await ctx.graph.factsByKey([factKey(dataset.facts[0]!)]);
      return fact!;
    },
  }),
  upsertQuote: t.field({
    ...writeField,
    type: QuoteRef,
    args: { input: t.arg({ type: QuoteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await upsert(ctx, 'upsertQuote', 'quotes', withoutNulls(input), input.key);
      return (await ctx.graph.entity(input.key, 'Quote'))!;
    },
  }),
  upsertSource: t.field({
    ...writeField,
    type: SourceRef,
    args: { input: t.arg({ type: SourceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await upsert(ctx, 'upsertSource', 'sources', withoutNulls(input), input.key);
      return (await ctx.graph.entity(input.key, 'Source'))!;
    },
  }),
  removeRelationship: t.field({
    authScopes: { write: true },
    errors: { types: [ValidationError, NotFoundError] },
    type: RelationRef,
    description:
      "Retracts one source's claim of a link (or every source's, with allSources); returns the link as it was. The claims stay in the history, marked retracted; the link disappears when no claim supports it any more.",
    args: { input: t.arg({ type: RelationIdInput, required: true }) },
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
