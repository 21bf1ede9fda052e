import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { PropertyNeed } from '../graph/records.js';

/**
 * The one place that decides which stored properties a selection reads, so the Cypher behind a
 * field fetches those and no others (a page of names need not carry every description, a graph
 * view need not carry every relationship's evidence).
 *
 * A field reads the stored property of its own name, unless the tables below say otherwise: the
 * key only (fields that follow links, whose resolvers need nothing but the key), other properties
 * (computed fields), or ALL (fields that hand the whole record on). A new field whose resolver
 * reads a property under another name must be added here; test/db/needs.test.ts checks every field
 * of the schema against the stored properties.
 */
const ENTITY_READS: Record<string, PropertyNeed> = {
  __typename: [],
  id: [],
  key: [],
  label: [],
  // Fields that follow links from the entity's key.
  financials: [],
  country: [],
  chips: [],
  dataCenters: [],
  policies: [],
  quotes: [],
  groups: [],
  family: [],
  members: [],
  developers: [],
  organizations: [],
  speaker: [],
  about: [],
  operators: [],
  locations: [],
  effects: [],
  participants: [],
  // Computed from other properties.
  title: ['title', 'name'],
  citedAs: ['evidence'],
  citation: 'ALL',
  text: ['text'],
  textVerbatim: ['text'],
  evidenceEn: ['evidence'],
};

const EVIDENCE: PropertyNeed = ['evidence'];

/** The part of a resolver's info a need is read from: the field's nodes, as execution groups them. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

const RELATION_READS: Record<string, PropertyNeed> = {
  __typename: [],
  // The link itself and its ends, which are read as nodes.
  type: [],
  relation: [],
  fromPolicy: [],
  from: [],
  to: [],
  chip: [],
  family: [],
  policy: [],
  target: [],
  properties: 'ALL',
  basis: ['basis', 'derived'],
  support: ['key', 'evidence', 'sources', 'derived', 'note'],
  evidence: EVIDENCE,
  evidenceVerbatim: EVIDENCE,
  evidenceSentences: EVIDENCE,
  evidenceSentencesVerbatim: EVIDENCE,
  evidenceEn: EVIDENCE,
  evidenceSentencesEn: EVIDENCE,
};

/** Properties read from the entities reached by each path (field names below the current field). */
export function entityNeed(info: Selection, ...paths: string[][]): PropertyNeed {
  return memoized(info, 'entity', paths, ENTITY_READS);
}

/** Properties read from the relationships reached by each path. */
export function relationNeed(info: Selection, ...paths: string[][]): PropertyNeed {
  return memoized(info, 'relation', paths, RELATION_READS);
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
