import type { Database } from '../db/database.js';
import type { RelationshipType } from '../core/model.js';
import type { FactRecord } from './records.js';

// What the reconciliation API's data extension reads: for a batch of entity keys (the rows of a
// spreadsheet), their properties, the entities they link to, and their figures, in one statement.

export interface LinkedEntity {
  type: RelationshipType;
  outgoing: boolean;
  key: string;
  name: string;
  label: string;
}

export interface ExtensionRecord {
  key: string;
  label: string;
  properties: Record<string, unknown>;
  links: LinkedEntity[];
  facts: FactRecord[];
}

/**
 * The entities of `keys` that exist, each with its links of `linkTypes` and its figures of
 * `metrics` (ordered by period, then unit, so that a column reads in time order).
 */
export async function extensionRecords(
  db: Database,
  keys: readonly string[],
  linkTypes: readonly RelationshipType[],
  metrics: readonly string[],
): Promise<Map<string, ExtensionRecord>> {
  const rows = await db.read<ExtensionRecord>(
    `UNWIND $keys AS key
     MATCH (n:Entity {key: key})
     RETURN n.key AS key, head([l IN labels(n) WHERE l <> 'Entity']) AS label, n {.*} AS properties,
       [(n)-[r]-(m:Entity) WHERE type(r) IN $linkTypes |
         {type: type(r), outgoing: startNode(r) = n, key: m.key, name: m.name, label: head([l IN labels(m) WHERE l <> 'Entity'])}] AS links,
       COLLECT { MATCH (n)-[:REPORTED]->(f:FinancialFact) WHERE f.metric IN $metrics
                 RETURN f {.*} AS fact ORDER BY f.period, f.unit, f.key } AS facts`,
    { keys: [...new Set(keys)], linkTypes, metrics },
  );
  return new Map(rows.map((row) => [row.key, row]));
}
