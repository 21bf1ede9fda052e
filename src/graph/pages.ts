import neo4j from 'neo4j-driver';
import type { Database, Params } from '../db/database.js';
import type { EntityLabel } from '../core/model.js';
import { packedEntity, type EntityRecord, type PropertyNeed } from './records.js';

export type SortDirection = 'ASC' | 'DESC';
export type SortProperty = 'name' | 'key';

/** Where the previous page ended: the sort value and the key that breaks ties. */
export interface Position {
  value: string;
  key: string;
}

export interface PageQuery {
  label: EntityLabel;
  /** Boolean Cypher conditions over `n`, written by the repository modules, never by clients. */
  conditions: string[];
  params: Params;
  /** A pattern ending in `n` to match the rows from (Filter.anchor); every node of the label when omitted. */
  anchor?: string;
  sort: SortProperty;
  direction: SortDirection;
  first: number;
  after: Position | null;
  /** What the selection reads of each row; the whole record when omitted. */
  need?: PropertyNeed;
  /** Nested reads prefetched in the page's statement: Cypher expressions over the row `n`, by name. */
  prefetch?: { columns: Record<string, string>; params: Params };
}

export interface Page {
  rows: EntityRecord[];
  hasNextPage: boolean;
  /** For each row, the values of the prefetched columns. */
  prefetched: Record<string, unknown>[];
}

/**
 * Keyset pagination: the page starts strictly after the last row seen, compared on (sort, key),
 * so it seeks through the (label, name, key) index instead of skipping N rows, and a row
 * inserted before the cursor does not shift the next page.
 *
 * The planner reads rows from the index, in its order, only where the statement states that the
 * indexed properties exist and bounds the sort property by itself: without them the first page
 * of 30,000 companies read and sorted every one (90,001 db hits, 14 with them; bench/README.md,
 * "Fifth series"). Every entity has a name and a key (src/ingest/shapes.ts), so no row is lost.
 */
export async function entityPage(db: Database, q: PageQuery): Promise<Page> {
  const op = q.direction === 'ASC' ? '>' : '<';
  const conditions = [...q.conditions, `n.${q.sort} IS NOT NULL`, 'n.key IS NOT NULL'];
  if (q.after) {
    conditions.push(`n.${q.sort} ${op}= $afterValue`, `(n.${q.sort} ${op} $afterValue OR n.key ${op} $afterKey)`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const tieBreak = q.sort === 'key' ? '' : `, n.key ${q.direction}`;
  const prefetched = Object.entries(q.prefetch?.columns ?? {}).map(([name, expression]) => `${name}: ${expression}`);
  const entity = packedEntity('n', withSortProperty(q));
  const order = `n.${q.sort} ${q.direction}${tieBreak}`;
  // One row past the page says whether there is a next page; only the page's rows have their
  // nested reads prefetched (the extra row's were a thirteenth of a nested page's work). Rows are
  // projected before they are collected, while the properties the index gave are still cached, and
  // keep the index's order by their place in the list: sorting again would read them again.
  const [result] = await db.read<{ page: [unknown, Record<string, unknown>][]; more: boolean }>(
    `${matchRows(q)}
     ${where}
     WITH n ORDER BY ${order} LIMIT $limit
     WITH collect([n, ${entity.cypher}]) AS found
     CALL (found) {
       UNWIND range(0, size(found[..$first]) - 1) AS i
       WITH found[i][0] AS n, found[i][1] AS row, i ORDER BY i
       RETURN collect([row, {${prefetched.join(', ')}}]) AS page
     }
     RETURN page, size(found) > $first AS more`,
    {
      ...q.prefetch?.params,
      ...q.params,
      afterValue: q.after?.value ?? null,
      afterKey: q.after?.key ?? null,
      first: neo4j.int(q.first),
      limit: neo4j.int(q.first + 1),
    },
  );
  const { page, more } = result!;
  return { rows: page.map(([row]) => entity.unpack(row)), prefetched: page.map(([, columns]) => columns), hasNextPage: more };
}

/** Cursors are made of the sort property, whatever the selection reads. */
function withSortProperty(q: PageQuery): PropertyNeed {
  return !q.need || q.need === 'ALL' ? 'ALL' : [...q.need, q.sort];
}

/** The rows `n` of the label, from the anchor when there is one (each once: it may reach a row by two links). */
function matchRows(q: Pick<PageQuery, 'label' | 'anchor'>): string {
  return q.anchor ? `MATCH ${q.anchor} WHERE n:${q.label} WITH DISTINCT n` : `MATCH (n:${q.label})`;
}

/** Counted only when a client asks for totalCount: a count over a large label is not free. */
export async function countEntities(db: Database, q: Pick<PageQuery, 'label' | 'conditions' | 'params' | 'anchor'>): Promise<number> {
  const where = q.conditions.length ? `WHERE ${q.conditions.join(' AND ')}` : '';
  const [row] = await db.read<{ total: number }>(`${matchRows(q)} ${where} RETURN count(n) AS total`, q.params);
  return row?.total ?? 0;
}
