import type { Database } from '../db/database.js';
import { sortOwners, type OwnerRecord } from './holdings.js';
import { entityProjection } from './records.js';

/**
 * Every BUYS link whose buyer reports figures for what it buys (Epoch AI's chip-owner estimates),
 * across chips and owners, optionally for one item (the chip or class the figures count, exactly)
 * and one buyer. Links without figures (a source saying only that a firm buys a chip) are left out:
 * they hold nothing to chart.
 */
export async function holdingsList(db: Database, filter: { chip: string | null; owner: string | null }): Promise<OwnerRecord[]> {
  const rows = await db.read<{ row: OwnerRecord }>(
    `MATCH (b:Entity)-[r:BUYS]->(item:Entity)
     WHERE (item:Chip OR item:ChipFamily)
       AND ($chip IS NULL OR item.key = $chip)
       AND ($owner IS NULL OR b.key = $owner)
     WITH b, r, item, COLLECT { MATCH (b)-[:REPORTED]->(f:FinancialFact) WHERE f.item = item.key RETURN f {.*} } AS figures
     WHERE size(figures) > 0
     RETURN {route: 'DIRECT', type: type(r), outgoing: false, properties: properties(r), node: ${entityProjection('b')},
             item: ${entityProjection('item')}, figures: figures} AS row`,
    filter,
  );
  return sortOwners(rows.map(({ row }) => row)).sort((a, b) => a.item.key.localeCompare(b.item.key));
}
