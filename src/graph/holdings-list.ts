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
  // A key given is matched as a property of the pattern, so that it is sought in the key index;
  // `$chip IS NULL OR item.key = $chip` would scan every chip and class for it.
  const rows = await db.read<{ row: OwnerRecord }>(
    `MATCH (b:Entity${filter.owner === null ? '' : ' {key: $owner}'})-[r:BUYS]->(item:Entity${filter.chip === null ? '' : ' {key: $chip}'})
     WHERE (item:Chip OR item:ChipFamily)
     WITH b, r, item, COLLECT { MATCH (b)-[:REPORTED]->(f:FinancialFact) WHERE f.item = item.key RETURN f {.*} } AS figures
     WHERE size(figures) > 0
     RETURN {route: 'DIRECT', type: type(r), outgoing: false, properties: properties(r), node: ${entityProjection('b')},
             item: ${entityProjection('item')}, figures: figures} AS row`,
    filter,
  );
  return sortOwners(rows.map(({ row }) => row)).sort((a, b) => a.item.key.localeCompare(b.item.key));
}
