import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/database.js';
import { ensureAggregates } from './aggregates.js';
import { EXACT_NAMES_INDEX_STATEMENT, SEARCH_INDEX_STATEMENT } from './search.js';
import { ENTITY_LABELS } from '../core/model.js';

/**
 * Constraints and indexes, all `IF NOT EXISTS` so applying them is idempotent. The Entity key
 * constraint makes keys unique across labels (an `entity(key)` lookup must be unambiguous); the
 * per-label indexes let label-specific lookups and keyset pages seek instead of scan.
 */
export const SCHEMA_STATEMENTS: string[] = [
  'CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE',
  'CREATE CONSTRAINT financial_fact_key IF NOT EXISTS FOR (n:FinancialFact) REQUIRE n.key IS UNIQUE',
  ...ENTITY_LABELS.map((label) => `CREATE INDEX ${snake(label)}_key IF NOT EXISTS FOR (n:${label}) ON (n.key)`),
  ...ENTITY_LABELS.map((label) => `CREATE INDEX ${snake(label)}_name IF NOT EXISTS FOR (n:${label}) ON (n.name, n.key)`),
  'CREATE INDEX financial_fact_metric IF NOT EXISTS FOR (n:FinancialFact) ON (n.metric, n.period)',
  // Claims are found by what they are about; change sets by their order.
  'CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE c.key IS UNIQUE',
  'CREATE INDEX claim_target IF NOT EXISTS FOR (c:Claim) ON (c.target)',
  // A complete dataset (the seed) finds what its principal recorded before by change set.
  'CREATE INDEX claim_recorded_in IF NOT EXISTS FOR (c:Claim) ON (c.recordedIn)',
  'CREATE INDEX financial_fact_recorded_in IF NOT EXISTS FOR (f:FinancialFact) ON (f.recordedIn)',
  'CREATE CONSTRAINT change_set_seq IF NOT EXISTS FOR (c:ChangeSet) REQUIRE c.seq IS UNIQUE',
  // Precomputed totals (graph/aggregates.ts): written by key, read by metric and period.
  'CREATE CONSTRAINT financial_aggregate_key IF NOT EXISTS FOR (a:FinancialAggregate) REQUIRE a.key IS UNIQUE',
  'CREATE INDEX financial_aggregate_metric IF NOT EXISTS FOR (a:FinancialAggregate) ON (a.metric, a.period)',
  SEARCH_INDEX_STATEMENT,
  EXACT_NAMES_INDEX_STATEMENT,
];

/**
 * Prepares a database for the service: constraints and indexes, then the precomputed totals when
 * they are missing or stale (a data directory from before them, or written by plain Cypher).
 */
export async function applySchema(db: Database): Promise<void> {
  // Schema commands cannot share a transaction with each other, so they run one by one.
  for (const statement of SCHEMA_STATEMENTS) await db.write(statement);
  await indexesOnline(db);
  await ensureAggregates(db);
}

const INDEX_POLL_MS = 500;

/**
 * Resolves once every index is online; a failed one is an error. Asked again and again rather than
 * with `db.awaitIndexes`, which holds one statement open for the whole wait: an index new to a large
 * graph (the exact-names index on 500,000 entities) populates for longer than a statement may run.
 */
async function indexesOnline(db: Database): Promise<void> {
  for (;;) {
    const [waiting] = await db.write<{ populating: number; failed: string[] }>(
      `SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE'
       RETURN count(*) AS populating, collect(CASE WHEN state = 'FAILED' THEN name END) AS failed`,
    );
    if (waiting?.failed.length) throw new Error(`Neo4j could not build the index(es) ${waiting.failed.join(', ')}: see its debug log.`);
    if (!waiting?.populating) return;
    await sleep(INDEX_POLL_MS);
  }
}

function snake(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
