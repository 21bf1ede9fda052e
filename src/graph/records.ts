import type { EntityLabel, RelationshipType } from '../core/model.js';

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
  locator?: string;
  confidence?: string;
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
  /** The day (or month) the figure holds at, ISO, where the source dates it more finely than a period. */
  date?: string;
  /** Key of the chip or chip class the figure counts (an owner's H20s); absent for a company-wide figure. */
  item?: string;
  /** An estimate's 5th and 95th percentiles; `value` is then the median. */
  valueLow?: number;
  valueHigh?: number;
  /** Where in a dataset file the figure is (`line 412: ...`), and the publisher's confidence in it. */
  locator?: string;
  confidence?: string;
  /** FigureCheck[] as a JSON string: Neo4j stores no list of maps. */
  checks?: string;
  evidence?: string[];
  sources: string[];
  note?: string;
}

/**
 * The stored properties a selection reads from a record: a sorted list, or ALL when some selected
 * field needs the whole record (see src/read/selection.ts, which decides it).
 */
export type PropertyNeed = readonly string[] | 'ALL';

/** What a selection reads of relationships and of the nodes at their ends. */
export interface LinkNeed {
  relation: PropertyNeed;
  node: PropertyNeed;
}

export const WHOLE_LINKS: LinkNeed = { relation: 'ALL', node: 'ALL' };

// Property names come from field names of the schema, never from client text; still, only plain
// identifiers are ever placed in Cypher.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const projectedProperties = (need: readonly string[]) => need.filter((name) => IDENTIFIER.test(name) && name !== 'fullText').map((name) => `.${name}`);

/**
 * Cypher map projection of a node into an EntityRecord: the key, the primary label and what the
 * selection needs. A source's full text is never read here: it serves evidence checks and
 * exports, and would weigh on every read that shows a source.
 */
export const entityProjection = (v: string, need: PropertyNeed = 'ALL') => {
  const label = `label: [l IN labels(${v}) WHERE l <> 'Entity'][0]`;
  if (need === 'ALL') return `${v} {.*, fullText: null, ${label}}`;
  return `${v} {${['.key', ...projectedProperties(need.filter((name) => name !== 'key')), label].join(', ')}}`;
};

/** Cypher expression for a relationship's properties, as far as the selection needs them. */
export const relationshipProperties = (r: string, need: PropertyNeed = 'ALL') => {
  if (need === 'ALL') return `properties(${r})`;
  const items = projectedProperties(need);
  return items.length ? `${r} {${items.join(', ')}}` : '{}';
};

/** A relationship with both of its ends, as a path or a subgraph shows it. */
export interface RelationRecord {
  type: RelationshipType;
  from: EntityRecord;
  to: EntityRecord;
  properties: RelationshipProperties;
}

export interface PathRecord {
  nodes: EntityRecord[];
  relationships: RelationRecord[];
}

/** Cypher projection of a relationship variable into a RelationRecord. */
export const relationProjection = (r: string, need: LinkNeed = WHOLE_LINKS) =>
  `{type: type(${r}), from: ${projectExpression(`startNode(${r})`, 'rel_from', need)}, to: ${projectExpression(`endNode(${r})`, 'rel_to', need)}, properties: ${relationshipProperties(r, need.relation)}}`;

// A map projection needs a variable; a one-element list comprehension binds one to an expression.
const projectExpression = (expression: string, variable: string, need: LinkNeed) =>
  `[${variable} IN [${expression}] | ${entityProjection(variable, need.node)}][0]`;

/** Cypher projection of a path variable into a PathRecord. */
export const pathProjection = (p: string, need: LinkNeed = WHOLE_LINKS) =>
  `{nodes: [x IN nodes(${p}) | ${entityProjection('x', need.node)}], relationships: [r IN relationships(${p}) | ${relationProjection('r', need)}]}`;
