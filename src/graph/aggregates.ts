import type { Database, Params } from '../db/database.js';
import { entityProjection, type EntityRecord } from './records.js';

/*
 * Totals by country and by company kind, precomputed per (metric, period) so that financialTotals
 * reads a few hundred rows instead of every company's figures. They are derived data, like direct
 * links: every write that can change a total recomputes the (metric, period) pairs it touched in its
 * own transaction, and a graph whose aggregates are missing, of another format or out of step with
 * its figures (written by plain Cypher, such as bench/generate.ts) has them rebuilt at startup and
 * answers from the live query until then. `FinancialAggregate` is not an `Entity`: search,
 * exports, lookups and traversals never meet it.
 */

/** Bump whenever what an aggregate holds or how it is computed changes: the next startup rebuilds them all. */
export const AGGREGATES_FORMAT = 3;

// The rules of a total, shared by the live query (graph/financials.ts) and the aggregates so that
// both choose and add the same figures. A total has a scope: company-wide figures (no market), or
// the figures limited to one market. A figure of another scope is never a candidate, so Nvidia's
// mainland-China segment can never stand in for its company-wide revenue. Within its scope each
// company counts once, with its most preferred figure for the metric and period (exact, then
// approximate, then other qualifiers; stated before estimated; recorded first; then by key). Only
// exact and approximate figures are amounts: bounds and ranges are never added.
export const FIGURE_ORDER = `CASE f.qualifier WHEN 'EXACT' THEN 0 WHEN 'APPROX' THEN 1 ELSE 2 END, f.estimate, f.seq, f.key`;
export const summable = (figure: string) => `${figure}.qualifier IN ['EXACT', 'APPROX']`;
export const approximate = (figure: string) => `${figure}.estimate OR ${figure}.qualifier = 'APPROX'`;
/**
 * The scope of a figure: its market key, or '' for a company-wide figure. A figure that counts one
 * item (an owner's H20s: FinancialFact.item) is a breakdown, never a company total: its scope is
 * `item:<key>`, which no total asks for, so it is listed as left out like a market segment.
 */
export const scopeOf = (figure: string) => `CASE WHEN ${figure}.item IS NULL THEN coalesce(${figure}.market, '') ELSE 'item:' + ${figure}.item END`;
/** Whether a summed figure is an estimate (an estimator's median, Epoch's hardware estimates). */
export const estimated = (figure: string) => `coalesce(${figure}.estimate, false)`;
/** Binds `country` to the headquarters of company `c`, or null. */
export const HEADQUARTERS = `OPTIONAL CALL (c) { MATCH (c)-[:HEADQUARTERED_IN]->(country:Country) RETURN country LIMIT 1 }`;

type Run = <T extends Record<string, unknown>>(cypher: string, params?: Params) => Promise<T[]>;

export interface MetricPeriod {
  metric: string;
  period: string;
}

/** The sum of one unit's figures in one group and scope, as stored. */
export interface StoredTotal {
  groupKey: string;
  group: EntityRecord | null;
  /** Absent only for figures written without one, which validation never lets through. */
  unit: string | null;
  total: number;
  memberCount: number;
  approximate: boolean;
  /** True when any summed figure is an estimate. */
  estimated: boolean;
}

/**
 * Whether the aggregates can be trusted: built in this format, and no figure created or deleted
 * since except by writes that kept them up to date (those add what they create to
 * `aggregatedFacts`). The figure count comes from Neo4j's count store, so checking costs nothing.
 */
const AGGREGATES_CURRENT = `OPTIONAL MATCH (state:GraphState {id: 'graph'})
  CALL () { MATCH (f:FinancialFact) RETURN count(f) AS facts }
  WITH coalesce(state.financialAggregates = $format AND state.aggregatedFacts = facts, false) AS current`;

/**
 * Recomputes the aggregates of the (metric, period) maps in the list `pairs`, replacing their
 * stored rows: per scope (company-wide or one market), group (country of headquarters or company
 * kind, `unknown` when missing) and unit, the sum of the chosen figures that are amounts, how many companies gave one, and whether
 * any is approximate or estimated. Groups whose figures are all bounds or ranges get no row. Each
 * company's headquarters is looked up once, however many pairs it has figures in, and companies are
 * added in key order, as the live query adds them when it lists members, so both give the same
 * floating-point sums.
 */
const RECOMPUTE = `CALL (pairs) {
    UNWIND pairs AS pair
    MATCH (c:Company)-[:REPORTED]->(f:FinancialFact)
    WHERE f.metric = pair.metric AND f.period = pair.period AND f.item IS NULL
    WITH pair, c, ${scopeOf('f')} AS market, f
    ORDER BY ${FIGURE_ORDER}
    WITH pair, c, market, collect(f)[0] AS chosen
    WHERE ${summable('chosen')}
    WITH c, collect({pair: pair, market: market, chosen: chosen}) AS figures
    ${HEADQUARTERS}
    UNWIND figures AS figure
    WITH c, country, figure.pair AS pair, figure.market AS market, figure.chosen AS chosen
    ORDER BY c.key
    UNWIND [{groupBy: 'COUNTRY', groupKey: coalesce(country.key, 'unknown'), groupNodeKey: country.key},
            {groupBy: 'KIND', groupKey: coalesce(c.kind, 'unknown'), groupNodeKey: null}] AS grouping
    WITH pair, market, grouping, chosen.unit AS unit,
         sum(chosen.value) AS total, count(*) AS memberCount,
         any(x IN collect(${approximate('chosen')}) WHERE x) AS approximate,
         any(x IN collect(${estimated('chosen')}) WHERE x) AS estimated
    RETURN collect(grouping {.*, metric: pair.metric, period: pair.period, market: market, unit: unit, total: total, memberCount: memberCount,
      approximate: approximate, estimated: estimated,
      key: pair.metric + '|' + pair.period + '|' + market + '|' + grouping.groupBy + '|' + grouping.groupKey + '|' + coalesce(unit, '')}) AS rows
  }
  WITH pairs, rows, [row IN rows | row.key] AS keys
  CALL (pairs, keys) {
    UNWIND pairs AS pair
    MATCH (stale:FinancialAggregate {metric: pair.metric, period: pair.period})
    WHERE NOT stale.key IN keys
    DELETE stale
  }
  CALL (rows) {
    UNWIND rows AS row
    MERGE (a:FinancialAggregate {key: row.key})
    SET a = row
  }`;

/**
 * Brings the aggregates up to date after a write, inside its transaction: the pairs of the figures
 * it created or changed, and every pair with a figure of a company whose kind or headquarters it
 * changed. `addedFacts` is how many FinancialFact nodes it created.
 */
export async function refreshAggregates(run: Run, change: { pairs?: MetricPeriod[]; companies?: string[]; addedFacts?: number }): Promise<void> {
  const pairs = change.pairs ?? [];
  const companies = change.companies ?? [];
  const addedFacts = change.addedFacts ?? 0;
  if (!pairs.length && !companies.length && !addedFacts) return;
  // Read through WITH, not `SET p = state.p + ...`: every caller already holds the GraphState lock
  // (openChangeSet, LOCK_AND_DISTRUST), and a second read-and-write SET on that node in one
  // transaction makes Neo4j report the writers queued for it as deadlocked (DeadlockDetected).
  await run(
    `CALL () {
       UNWIND $pairs AS pair RETURN pair
       UNION
       MATCH (c:Company)-[:REPORTED]->(f:FinancialFact) WHERE c.key IN $companies AND f.period IS NOT NULL
       RETURN {metric: f.metric, period: f.period} AS pair
     }
     WITH collect(pair) AS pairs
     ${RECOMPUTE}
     OPTIONAL MATCH (state:GraphState {id: 'graph'})
     WITH state, state.aggregatedFacts + $addedFacts AS aggregatedFacts
     SET state.aggregatedFacts = aggregatedFacts`,
    { pairs, companies, addedFacts },
  );
}

/** Every write transaction locks this node first (openChangeSet): taking it first too serializes a rebuild step with writers. */
const LOCK_AND_DISTRUST = `MERGE (state:GraphState {id: 'graph'}) ON CREATE SET state.seq = 0 SET state.financialAggregates = null`;

/**
 * Recomputes every aggregate from the figures. One transaction per (metric, period), so a large
 * graph needs no more time per transaction than a live query of one pair; reads use the live query
 * until the last step marks the aggregates current. Writes in between keep the pairs they touch up
 * to date themselves, and each step recomputes its pair from what is committed when it runs.
 * Returns how many pairs and rows it stored.
 */
export async function rebuildAggregates(db: Database): Promise<{ pairs: number; aggregates: number }> {
  const pairs = await db.writeTransaction(async (run) => {
    await run(LOCK_AND_DISTRUST);
    await run(`MATCH (a:FinancialAggregate) DELETE a`);
    return run<{ metric: string; period: string }>(
      `MATCH (f:FinancialFact) WHERE f.metric IS NOT NULL AND f.period IS NOT NULL
       RETURN DISTINCT f.metric AS metric, f.period AS period`,
    );
  });
  for (const pair of pairs) {
    await db.writeTransaction(async (run) => {
      await run(LOCK_AND_DISTRUST);
      await refreshAggregates(run, { pairs: [pair] });
    });
  }
  const [marked] = await db.write<{ aggregates: number }>(
    `MATCH (state:GraphState {id: 'graph'})
     SET state.financialAggregates = $format, state.aggregatedFacts = COUNT { (:FinancialFact) }
     RETURN COUNT { (:FinancialAggregate) } AS aggregates`,
    { format: AGGREGATES_FORMAT },
  );
  return { pairs: pairs.length, aggregates: marked!.aggregates };
}

/** Rebuilds the aggregates unless they are current; true when it rebuilt them. Run at startup. */
export async function ensureAggregates(db: Database): Promise<boolean> {
  const [state] = await db.read<{ current: boolean }>(`${AGGREGATES_CURRENT} RETURN current`, { format: AGGREGATES_FORMAT });
  if (state!.current) return false;
  await rebuildAggregates(db);
  return true;
}

/**
 * The stored totals of one metric, period, scope ('' for company-wide figures, else a market key)
 * and grouping, every unit; null when they are not current.
 */
export async function storedTotals(db: Database, metric: string, period: string, market: string, groupBy: string): Promise<StoredTotal[] | null> {
  const [row] = await db.read<{ current: boolean; totals: StoredTotal[] }>(
    `${AGGREGATES_CURRENT}
     RETURN current, COLLECT {
       MATCH (a:FinancialAggregate {metric: $metric, period: $period}) WHERE a.groupBy = $groupBy AND a.market = $market
       OPTIONAL MATCH (country:Country {key: a.groupNodeKey})
       RETURN a {.groupKey, .unit, .total, .memberCount, .approximate, estimated: coalesce(a.estimated, false),
                 group: CASE WHEN country IS NULL THEN null ELSE ${entityProjection('country')} END}
     } AS totals`,
    { format: AGGREGATES_FORMAT, metric, period, market, groupBy },
  );
  return row!.current ? row!.totals : null;
}
