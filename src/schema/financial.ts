import type { FactRecord } from '../graph/records.js';
import type { FigureCheck } from '../ingest/shapes.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { FinancialMetricEnum, QualifierEnum, UnitEnum } from './enums.js';
import { addProvenanceFields } from './provenance.js';

type Metric = (typeof FinancialMetricEnum)['$inferType'];

export const FinancialFactRef = builder.objectRef<FactRecord>('FinancialFact');

/** A figure's checks, stored as one JSON string (Neo4j keeps no list of maps). */
export function factChecks(f: Pick<FactRecord, 'checks'>): FigureCheck[] {
  return f.checks ? (JSON.parse(f.checks) as FigureCheck[]) : [];
}

const FigureCheckRef = builder.objectRef<FigureCheck>('FigureCheck').implement({
  description:
    "A figure recomputed from the source's own figures where that disagrees with the figure it states. The stated value stays the figure's value; the check is shown beside it.",
  fields: (t) => ({
    computed: t.exposeFloat('computed', { description: "The value the arithmetic gives, in the figure's unit." }),
    expression: t.exposeString('expression', { description: "The arithmetic over the source's own figures, e.g. `3105 / 5132 * 100`." }),
    note: t.exposeString('note', { description: 'What disagrees and which figures were used.' }),
  }),
});

FinancialFactRef.implement({
  description: 'One figure as a source states it: a value with its unit and period, never converted or summed. Estimates say who estimated them.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key of the figure (subject|metric|period|...), the same across imports of the same statement.' }),
    subject: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity the figure is about: a company, group, chip, country, data center, policy...',
      resolve: (f, _a, ctx, info) => ctx.graph.entity(f.subject, undefined, entityNeed(info)),
    }),
    metric: t.field({ type: FinancialMetricEnum, description: 'What the figure measures.', resolve: (f) => f.metric as Metric }),
    period: t.string({
      nullable: true,
      description: 'A year (2024), a quarter (2024Q4) or a span (2025-2027); null when the source states none.',
      resolve: (f) => f.period ?? null,
    }),
    date: t.string({
      nullable: true,
      description: 'The day (or month) the figure holds at, ISO date possibly partial, where the source dates it more finely than `period`.',
      resolve: (f) => f.date ?? null,
    }),
    item: t.field({
      type: EntityRef,
      nullable: true,
      description:
        "What the figure counts, where the subject holds many kinds: a chip or class (an owner's H20s). Null for a company-wide figure. Figures with an item are never added into financialTotals' company totals.",
      resolve: (f, _a, ctx, info) => (f.item ? ctx.graph.entity(f.item, undefined, entityNeed(info)) : null),
    }),
    value: t.exposeFloat('value', {
      description: 'The figure in `unit`; the lower bound when qualifier is RANGE; for an estimate with an interval (valueLow..valueHigh), the median.',
    }),
    valueMax: t.float({ nullable: true, description: 'The upper bound when qualifier is RANGE; null otherwise.', resolve: (f) => f.valueMax ?? null }),
    valueLow: t.float({
      nullable: true,
      description:
        "An estimate's lower bound as its estimator gives it: the 5th percentile (Epoch AI), `value` being the median. Null when no interval is given.",
      resolve: (f) => f.valueLow ?? null,
    }),
    valueHigh: t.float({
      nullable: true,
      description: "An estimate's upper bound: the 95th percentile (Epoch AI). Null when no interval is given.",
      resolve: (f) => f.valueHigh ?? null,
    }),
    qualifier: t.field({
      type: QualifierEnum,
      description: 'How the source states the value: EXACT, APPROX, a bound (MORE_THAN...) or a RANGE up to valueMax.',
      resolve: (f) => f.qualifier as (typeof QualifierEnum)['$inferType'],
    }),
    unit: t.field({
      type: UnitEnum,
      description: 'The unit of value, in the currency the source states (never converted).',
      resolve: (f) => f.unit as (typeof UnitEnum)['$inferType'],
    }),
    stated: t.exposeString('stated', { description: 'The figure exactly as written in the evidence (777億美元).' }),
    estimate: t.exposeBoolean('estimate', {
      description: 'True when the source gives the figure as an estimate (see estimatedBy), false when it states it as fact.',
    }),
    estimatedBy: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who made the estimate, when the source says; null for a stated figure or an unattributed estimate.',
      resolve: (f, _a, ctx, info) => (f.estimatedBy ? ctx.graph.entity(f.estimatedBy, undefined, entityNeed(info)) : null),
    }),
    market: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The market a figure is limited to (Nvidia revenue in the US).',
      resolve: (f, _a, ctx, info) => (f.market ? ctx.graph.entity(f.market, undefined, entityNeed(info)) : null),
    }),
    relativeTo: t.field({
      type: EntityRef,
      nullable: true,
      description: 'For multiples: what the subject is compared with.',
      resolve: (f, _a, ctx, info) => (f.relativeTo ? ctx.graph.entity(f.relativeTo, undefined, entityNeed(info)) : null),
    }),
    checks: t.field({
      type: [FigureCheckRef],
      description:
        "Where the source's own figures compute something else than the stated value: each computation, so a client sees both (a stated 69 % and a computed 60.5 %). Empty when the figure is consistent or unchecked.",
      resolve: (f) => factChecks(f),
    }),
    computed: t.boolean({
      description: 'False: stated by a source. True: computed by this service (only in aggregate results).',
      resolve: () => false,
    }),
  }),
});
// A figure is one source's statement already: its support is itself.
addProvenanceFields(
  FinancialFactRef,
  (f) => f,
  (f) => {
    const { key: _key, subject: _subject, evidence, sources, note, locator, confidence, ...properties } = f;
    const { digest: _d, valuesDigest: _v, seq, recordedIn, changedIn: _c, checks, ...rest } = properties as typeof properties & Record<string, unknown>;
    const stated = checks === undefined ? rest : { ...rest, checks: factChecks({ checks: checks as string }) };
    return [
      {
        source: sources[0]!,
        sources,
        evidence: evidence ?? [],
        derived: false,
        note,
        locator,
        confidence,
        properties: stated,
        seq: (seq as number | undefined) ?? 0,
        recordedIn: (recordedIn as string | undefined) ?? '',
        preferred: true,
      },
    ];
  },
);

/**
 * `financials(metric, period)` on the Entity interface, and so on every entity type: a figure is
 * reachable from its subject whatever that is (a company, a chip, a country, a data center...).
 */
builder.interfaceField(EntityRef, 'financials', (t) =>
  t.field({
    type: [FinancialFactRef],
    args: {
      metric: t.arg({ type: FinancialMetricEnum, description: 'Only figures of this metric; every metric when omitted.' }),
      period: t.arg.string({ description: 'Only figures of exactly this period (2024, 2024Q4, 2025-2027); every period when omitted.' }),
    },
    description: 'Figures the sources state for this entity, optionally for one metric and period; empty when they state none.',
    resolve: (e, args, ctx) => ctx.graph.facts(e.key, args),
  }),
);
