import type { EntityLabel, RelationshipType } from '../model.js';

/** An entity as read from Neo4j: its properties plus its primary label. */
export interface EntityRecord {
  label: EntityLabel;
  key: string;
  name: string;
  nameZh?: string;
  aliases?: string[];
  description?: string;
  sources?: string[];
  evidence?: string[];
  [property: string]: unknown;
}

/** Properties every relationship carries, plus its own (units, period, role...). */
export type RelationshipProperties = Record<string, unknown> & {
  key: string;
  evidence?: string[];
  sources?: string[];
  derived?: boolean;
  note?: string;
};

/** One relationship seen from one of its ends. */
export interface LinkRecord {
  type: RelationshipType;
  /** True when the relationship points from the entity asked about to `node`. */
  outgoing: boolean;
  properties: RelationshipProperties;
  node: EntityRecord;
}

export interface FactRecord {
  key: string;
  subject: string;
  metric: string;
  period?: string;
  value: number;
  valueMax?: number;
  qualifier: string;
  unit: string;
  stated: string;
  estimate: boolean;
  estimatedBy?: string;
  market?: string;
  relativeTo?: string;
  /** FigureCheck[] as a JSON string: Neo4j stores no list of maps. */
  checks?: string;
  evidence?: string[];
  sources: string[];
  note?: string;
}

/**
 * Cypher map projection of a node into an EntityRecord. A source's full text is left in the
 * database: it serves evidence checks and exports, and would weigh on every read that shows a source.
 */
export const entityProjection = (v: string) => `${v} {.*, fullText: null, label: [l IN labels(${v}) WHERE l <> 'Entity'][0]}`;
