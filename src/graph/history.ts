import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';

/** One write as the graph records it (seed, import or mutation). */
export interface ChangeSetRecord {
  id: string;
  seq: number;
  at: string;
  principal: string;
  sources: string[];
  added: number;
  changed: number;
  retracted: number;
}

/** The latest change set's id: every write that changes anything moves it. Null for an empty graph. */
export async function graphVersion(db: Database): Promise<string | null> {
  const [row] = await db.read<{ seq: number | null }>(`OPTIONAL MATCH (g:GraphState {id: 'graph'}) RETURN g.seq AS seq`);
  return row?.seq ? `cs-${row.seq}` : null;
}

/** The sequence number inside a change set id (`cs-42`), or null when it is not one. */
export function changeSetSeq(id: string): number | null {
  const match = /^cs-(\d{1,15})$/.exec(id);
  return match ? Number(match[1]) : null;
}

/** Change sets after `afterSeq`, oldest first, `first` of them plus one to tell whether more follow. */
export async function changesAfter(db: Database, afterSeq: number, first: number): Promise<{ changes: ChangeSetRecord[]; hasNextPage: boolean }> {
  const rows = await db.read<{ change: ChangeSetRecord }>(
    `MATCH (c:ChangeSet) WHERE c.seq > $after
     RETURN c {.id, .seq, at: toString(c.at), .principal, .sources, .added, .changed, .retracted} AS change
     ORDER BY c.seq
     LIMIT $limit`,
    { after: neo4j.int(afterSeq), limit: neo4j.int(first + 1) },
  );
  return { changes: rows.slice(0, first).map((row) => row.change), hasNextPage: rows.length > first };
}
