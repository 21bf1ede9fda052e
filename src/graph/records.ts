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
const propertyNames = (need: readonly string[]) => need.filter((name) => IDENTIFIER.test(name) && name !== 'fullText');
const projectedProperties = (need: readonly string[]) => propertyNames(need).map((name) => `.${name}`);

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

/**
 * A record as it travels from Neo4j, and the function that rebuilds it. Where a selection names
 * the properties it reads, a record travels as a list of their values: neo4j-driver decodes a map
 * key by key, with an Object.defineProperty each, which was most of the server's own work on a
 * large neighbourhood and made its statement 1.5x slower than the same data as lists
 * (bench/README.md, "Fifth series"). Where a selection needs every property, the map travels.
 */
export interface Packed<T> {
  cypher: string;
  unpack(value: unknown): T;
}

const asIs = <T>(value: unknown) => value as T;

/** The values of a packed list under the names they were listed by. */
function named(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  names.forEach((name, i) => {
    record[name] = values[i];
  });
  return record;
}

/** An entity of a list or a large result: an EntityRecord as entityProjection makes it, with the same keys in the same order. */
export function packedEntity(v: string, need: PropertyNeed = 'ALL'): Packed<EntityRecord> {
  if (need === 'ALL') return { cypher: entityProjection(v, 'ALL'), unpack: asIs };
  const names = [...new Set(['key', ...propertyNames(need)])];
  return {
    cypher: `[${[...names.map((name) => `${v}.${name}`), `labels(${v})`].join(', ')}]`,
    unpack: (value) => {
      const values = value as unknown[];
      const record = named(names, values);
      // As entityProjection's `[l IN labels(v) WHERE l <> 'Entity'][0]`, without the JVM building a list per node.
      record.label = (values[names.length] as string[]).find((label) => label !== 'Entity');
      return record as EntityRecord;
    },
  };
}

/** A relationship's properties, as far as the selection needs them: relationshipProperties, packed. */
export function packedRelationshipProperties(r: string, need: PropertyNeed = 'ALL'): Packed<RelationshipProperties> {
  if (need === 'ALL') return { cypher: `properties(${r})`, unpack: asIs };
  const names = propertyNames(need);
  return {
    cypher: `[${names.map((name) => `${r}.${name}`).join(', ')}]`,
    unpack: (value) => named(names, value as unknown[]) as RelationshipProperties,
  };
}

/**
 * Relationships of a subgraph or path whose ends are among `nodes`: each travels with its ends'
 * keys only, and is given its end records here.
 */
export function packedRelations(r: string, need: LinkNeed = WHOLE_LINKS) {
  const properties = packedRelationshipProperties(r, need.relation);
  return {
    cypher: `[type(${r}), startNode(${r}).key, endNode(${r}).key, ${properties.cypher}]`,
    unpack(values: unknown[], nodes: ReadonlyMap<string, EntityRecord>): RelationRecord[] {
      return values.map((value) => {
        const [type, from, to, props] = value as [RelationshipType, string, string, unknown];
        return { type, from: nodes.get(from)!, to: nodes.get(to)!, properties: properties.unpack(props) };
      });
    },
  };
}

/** A path variable as a PathRecord. */
export function packedPath(p: string, need: LinkNeed = WHOLE_LINKS): Packed<PathRecord> {
  const node = packedEntity('x', need.node);
  const relations = packedRelations('r', need);
  return {
    cypher: `[[x IN nodes(${p}) | ${node.cypher}], [r IN relationships(${p}) | ${relations.cypher}]]`,
    unpack: (value) => {
      const [nodeValues, relationValues] = value as [unknown[], unknown[]];
      const nodes = nodeValues.map(node.unpack);
      return { nodes, relationships: relations.unpack(relationValues, new Map(nodes.map((n) => [n.key, n]))) };
    },
  };
}
