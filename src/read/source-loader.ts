import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { runBatch, type BatchRequest } from '../graph/batch.js';
import type { ChangeSetRecord } from '../graph/history.js';
import {
  sourceImports,
  sourceRows,
  sourceSummary,
  sourceSupports,
  type ImportsRequest,
  type SourceRowRecord,
  type SourceStatementRecord,
  type SourceSummaryRecord,
  type SupportsRequest,
} from '../graph/source-supports.js';

type PageRequest = Omit<SupportsRequest, 'kind'>;

/**
 * What a source supports, read through a loader of its own per request: a source page asks for its
 * counts, a page per kind, its rows and its imports in one tick, and they go to Neo4j as one
 * statement. Keyed by the request's scoped database, which lives exactly as long as the request.
 */
const loaders = new WeakMap<Database, DataLoader<BatchRequest, unknown[], string>>();

function loaderOf(db: Database): DataLoader<BatchRequest, unknown[], string> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = new DataLoader((requests) => runBatch(db, requests), {
      cacheKeyFn: (item) => `${item.query.signature}\u0000${JSON.stringify(item.request)}`,
    });
    loaders.set(db, loader);
  }
  return loader;
}

const bySortValue = <T extends { sortValue: string; key?: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => (a.sortValue < b.sortValue ? -1 : a.sortValue > b.sortValue ? 1 : (a.key ?? '') < (b.key ?? '') ? -1 : 1));

export async function statementsOf(db: Database, request: SupportsRequest): Promise<SourceStatementRecord[]> {
  return bySortValue((await loaderOf(db).load({ query: sourceSupports, request })) as SourceStatementRecord[]);
}

export async function summaryOf(db: Database, source: string): Promise<SourceSummaryRecord> {
  const [summary] = (await loaderOf(db).load({ query: sourceSummary, request: source })) as SourceSummaryRecord[];
  return summary ?? { counts: [], rows: 0 };
}

export async function rowsOf(db: Database, request: PageRequest): Promise<SourceRowRecord[]> {
  return bySortValue((await loaderOf(db).load({ query: sourceRows, request })) as SourceRowRecord[]);
}

export async function importsOf(db: Database, request: ImportsRequest): Promise<ChangeSetRecord[]> {
  return ((await loaderOf(db).load({ query: sourceImports, request })) as ChangeSetRecord[]).sort((a, b) => b.seq - a.seq);
}
