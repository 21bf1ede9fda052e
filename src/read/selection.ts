import { isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { LinkNeed, PropertyNeed } from '../graph/records.js';
import { linkFieldOf, type LinkField } from './link-fields.js';

/**
 * The one place that decides which stored properties a selection reads, so the Cypher behind a
 * field fetches those and no others (a page of names need not carry every description, a graph
 * view need not carry every relationship's evidence).
 *
 * A field reads the stored property of its own name, unless the tables below say otherwise: the
 * key only (link fields, whose resolvers need nothing but the key: taken from the schema, where
 * each is declared), other properties (computed fields), or ALL (fields that hand the whole record
 * on). A new field whose resolver reads a property under another name must be added here;
 * test/db/needs.test.ts checks every field of the schema against the stored properties.
 */
const ENTITY_READS: Record<string, PropertyNeed> = {
  __typename: [],
  id: [],
  key: [],
  label: [],
  // Figures are found from the entity's key.
  financials: [],
  // Computed from other properties.
  title: ['title', 'name'],
  citedAs: ['evidence'],
  citation: 'ALL',
  text: ['text'],
  textVerbatim: ['text'],
  evidenceEn: ['evidence'],
  // Found from the entity's key, like financials.
  owners: [],
  chipHoldings: [],
};

const EVIDENCE: PropertyNeed = ['evidence'];

const RELATION_READS: Record<string, PropertyNeed> = {
  __typename: [],
  // The link itself and its ends, which are read as nodes.
  type: [],
  relation: [],
  fromPolicy: [],
  from: [],
  to: [],
  properties: 'ALL',
  basis: ['basis', 'derived'],
  // A designation holds today by its dates.
  current: ['since', 'until'],
  support: ['key', 'evidence', 'sources', 'derived', 'note'],
  evidence: EVIDENCE,
  evidenceVerbatim: EVIDENCE,
  evidenceSentences: EVIDENCE,
  evidenceSentencesVerbatim: EVIDENCE,
  evidenceEn: EVIDENCE,
  evidenceSentencesEn: EVIDENCE,
};

/** The part of a resolver's info a need is read from: the field's nodes, as execution groups them, and the schema. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema'>;

interface Reads {
  entity: Record<string, PropertyNeed>;
  relation: Record<string, PropertyNeed>;
}

const readsBySchema = new WeakMap<GraphQLSchema, Reads>();

/** The tables above, with every link field of the schema and the fields of its link records that lead to the node. */
function readsOf(schema: GraphQLSchema): Reads {
  let reads = readsBySchema.get(schema);
  if (!reads) {
    reads = { entity: { ...ENTITY_READS }, relation: { ...RELATION_READS } };
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const link = linkFieldOf(field);
        if (!link) continue;
        reads.entity[field.name] = [];
        for (const name of link.nodeFields ?? []) reads.relation[name] = [];
      }
    }
    readsBySchema.set(schema, reads);
  }
  return reads;
}

/** Properties read from the entities reached by each path (field names below the current field). */
export function entityNeed(info: Selection, ...paths: string[][]): PropertyNeed {
  return memoized(info, 'entity', paths, readsOf(info.schema).entity);
}

/** Properties read from the relationships reached by each path. */
export function relationNeed(info: Selection, ...paths: string[][]): PropertyNeed {
  return memoized(info, 'relation', paths, readsOf(info.schema).relation);
}

/** What a selection of a link field reads of the links and of the nodes they lead to. */
export function linkNeed(info: Selection, field: LinkField): LinkNeed {
  return field.returns === 'LINKS'
    ? { relation: relationNeed(info), node: entityNeed(info, ...(field.nodeFields ?? []).map((name) => [name])) }
    : { relation: [], node: entityNeed(info) };
}

/**
 * The fields selected at the end of a path, grouped by response key as execution will group them:
 * each group is what the field's resolver will see as its field nodes.
 */
export function selectedFieldGroups(info: Selection, path: string[]): FieldNode[][] {
  const groups = new Map<string, FieldNode[]>();
  for (const node of fieldsOf(info, setsAt(info, path))) {
    const key = node.alias?.value ?? node.name.value;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  return [...groups.values()];
}

/** Names of the fields selected at the end of a path below the current field. */
export function selectedFields(info: Selection, path: string[] = []): Set<string> {
  return selectedNames(info, path);
}

// The resolvers of a list's items share one array of field nodes: a need is worked out once per
// field of a request, not once per item.
const cache = new WeakMap<readonly FieldNode[], Map<string, PropertyNeed>>();

function memoized(info: Selection, kind: string, paths: string[][], reads: Record<string, PropertyNeed>): PropertyNeed {
  const id = `${kind}:${JSON.stringify(paths)}`;
  let needs = cache.get(info.fieldNodes);
  if (!needs) {
    needs = new Map();
    cache.set(info.fieldNodes, needs);
  }
  let need = needs.get(id);
  if (!need) {
    need = needOf(
      (paths.length ? paths : [[]]).flatMap((path) => [...selectedNames(info, path)]),
      reads,
    );
    needs.set(id, need);
  }
  return need;
}

function needOf(fields: string[], reads: Record<string, PropertyNeed>): PropertyNeed {
  const properties = new Set<string>();
  for (const field of fields) {
    const read = Object.hasOwn(reads, field) ? reads[field]! : [field];
    if (read === 'ALL') return 'ALL';
    for (const property of read) properties.add(property);
  }
  return [...properties].sort();
}

/** Names of the fields selected at the end of a path, through fragments and aliases. */
function selectedNames(info: Selection, path: string[]): Set<string> {
  return new Set(fieldsOf(info, setsAt(info, path)).map((node) => node.name.value));
}

function setsAt(info: Selection, path: string[]): SelectionSetNode[] {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    sets = fieldsOf(info, sets).flatMap((node) => (node.name.value === step && node.selectionSet ? [node.selectionSet] : []));
  }
  return sets;
}

function fieldsOf(info: Selection, sets: SelectionSetNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  sets.forEach(visit);
  return fields;
}
