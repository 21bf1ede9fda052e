import type { Database } from '../db/database.js';
import { relationshipKey } from '../ingest/validate.js';
import type { StatedRelationshipType } from '../model.js';
import { relationProjection, type RelationRecord } from './paths.js';

export interface RelationId {
  type: StatedRelationshipType;
  from: string;
  to: string;
  period?: string | null;
}

const keyOf = (id: RelationId) => relationshipKey({ ...id, properties: id.period ? { period: id.period } : {} });

/** The stated relationship with this identity (type, ends, period), if it exists. */
export async function findRelation(db: Database, id: RelationId): Promise<RelationRecord | null> {
  const rows = await db.read<{ relation: RelationRecord }>(
    `MATCH (:Entity {key: $from})-[r:${id.type} {key: $key}]->(:Entity {key: $to})
     RETURN ${relationProjection('r')} AS relation`,
    { from: id.from, to: id.to, key: keyOf(id) },
  );
  return rows[0]?.relation ?? null;
}

/** Deletes one stated relationship in one write statement and returns it as it was; null when there was none. */
export async function removeRelation(db: Database, id: RelationId): Promise<RelationRecord | null> {
  const rows = await db.write<{ relation: RelationRecord }>(
    `MATCH (:Entity {key: $from})-[r:${id.type} {key: $key}]->(:Entity {key: $to})
     WITH r, ${relationProjection('r')} AS relation
     DELETE r
     RETURN relation`,
    { from: id.from, to: id.to, key: keyOf(id) },
  );
  return rows[0]?.relation ?? null;
}
