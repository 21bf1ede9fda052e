import type { BatchQuery } from './batch.js';
import { entityProjection, type EntityRecord, type FactRecord, type LinkRecord } from './records.js';

/**
 * How a buyer reaches the chip or family asked about: it buys it (DIRECT); it buys a merged class
 * the chip is in (CLASS: Epoch's `h100-h200`, a family that is itself a member of a family); it
 * buys a family the chip is in (FAMILY: "Hopper" for the H100); or, asked about a family or class,
 * it buys one of its members (MEMBER: the `h100-h200` class or the H20 for Hopper).
 */
export type OwnerRoute = 'DIRECT' | 'CLASS' | 'FAMILY' | 'MEMBER';

/** A BUYS link seen from the chip side: the buyer is `node`, what it buys is `item`, with the buyer's figures for that item. */
export interface OwnerRecord extends LinkRecord {
  route: OwnerRoute;
  item: EntityRecord;
  figures: FactRecord[];
}

/**
 * Who buys a chip or family (companies and company groups, such as Epoch's aggregate of buyers in
 * China), directly, through the classes and families it belongs to (two levels: h100 in h100-h200
 * in Hopper), or through its members; each with the figures the buyer reports for what it buys
 * (FinancialFact.item). Through a class or family, a chip made for one market only counts for
 * buyers headquartered, operating or located there: buying "Hopper" makes a US firm an owner of
 * H100s, not of the China-only H20.
 */
export const ownersOf: BatchQuery<string, OwnerRecord> = {
  signature: 'owners',
  cypher: (p) =>
    `UNWIND range(0, size(${p}) - 1) AS i
     MATCH (x:Entity {key: ${p}[i]}) WHERE x:Chip OR x:ChipFamily
     CALL (x) {
       MATCH (b:Entity)-[r:BUYS]->(x)
       RETURN b, r, x AS item, 'DIRECT' AS route
       UNION
       MATCH (x)-[:MEMBER_OF*1..2]->(item:ChipFamily)<-[r:BUYS]-(b:Entity)
       WHERE NOT EXISTS { (x)-[:MADE_FOR_MARKET]->() }
          OR EXISTS { (x)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN|LOCATED_IN]-(b) }
       RETURN b, r, item, CASE WHEN EXISTS { (item)-[:MEMBER_OF]->(:ChipFamily) } THEN 'CLASS' ELSE 'FAMILY' END AS route
       UNION
       MATCH (x)<-[:MEMBER_OF*1..2]-(item:Entity)<-[r:BUYS]-(b:Entity)
       WHERE item:Chip OR item:ChipFamily
       RETURN b, r, item, 'MEMBER' AS route
     }
     RETURN i, {route: route, type: type(r), outgoing: false, properties: properties(r), node: ${entityProjection('b')}, item: ${entityProjection('item')},
                figures: COLLECT { MATCH (b)-[:REPORTED]->(f:FinancialFact) WHERE f.item = item.key RETURN f {.*} }} AS row`,
  toParam: (key) => key,
  decode: (row) => row as OwnerRecord,
};

const ROUTE_ORDER: Record<OwnerRoute, number> = { DIRECT: 0, CLASS: 1, FAMILY: 2, MEMBER: 3 };

/** Owners in a stable order: direct first, then by buyer and item. */
export function sortOwners(owners: OwnerRecord[]): OwnerRecord[] {
  return owners.sort(
    (a, b) =>
      ROUTE_ORDER[a.route] - ROUTE_ORDER[b.route] ||
      a.node.key.localeCompare(b.node.key) ||
      a.item.key.localeCompare(b.item.key) ||
      String(a.properties.key).localeCompare(String(b.properties.key)),
  );
}
