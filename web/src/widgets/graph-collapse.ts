import type { EntityRef, Relation } from '../lib/types.js';

// Depth 2 around a company can hold hundreds of data centres in one country or twenty quotes about
// one firm: drawn one by one they bury the rest. Leaves of one label hanging from one node are
// therefore drawn as a few of them plus one "+N more" node, which opens on a click.

/** More leaves than this of one label around one node are collapsed… */
const BUSY = 5;
/** …down to this many, plus the "+N more" node. */
const SHOWN = 3;

/** The leaves held back behind one "+N more" node. */
export interface CollapsedGroup {
  /** `more:<hub>:<label>`: stable, so a URL can name the groups a reader opened. */
  id: string;
  hub: string;
  label: string;
  nodes: EntityRef[];
  relations: Relation[];
}

/**
 * Splits a subgraph into what to draw and the groups to hold back. A leaf is a node linked to a
 * single other node; `keep` names nodes never held back (the centre, nodes already drawn).
 */
export function collapseBusy(
  nodes: EntityRef[],
  relations: Relation[],
  keep: (key: string) => boolean,
): { nodes: EntityRef[]; relations: Relation[]; groups: CollapsedGroup[] } {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
  for (const relation of relations) {
    link(relation.from.key, relation.to.key);
    link(relation.to.key, relation.from.key);
  }
  const leaves = new Map<string, { hub: string; label: string; nodes: EntityRef[] }>();
  for (const node of nodes) {
    const around = neighbours.get(node.key);
    if (keep(node.key) || !around || around.size !== 1) continue;
    const hub = [...around][0]!;
    const id = `more:${hub}:${node.label}`;
    const group = leaves.get(id) ?? { hub, label: node.label, nodes: [] };
    group.nodes.push(node);
    leaves.set(id, group);
  }
  const groups: CollapsedGroup[] = [];
  const held = new Set<string>();
  for (const [id, { hub, label, nodes: members }] of [...leaves].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (members.length <= BUSY) continue;
    // By key, not by name: the same nodes stay in view in either language.
    const hidden = [...members].sort((a, b) => (a.key < b.key ? -1 : 1)).slice(SHOWN);
    const keys = new Set(hidden.map((node) => node.key));
    for (const key of keys) held.add(key);
    groups.push({ id, hub, label, nodes: hidden, relations: relations.filter((r) => keys.has(r.from.key) || keys.has(r.to.key)) });
  }
  return {
    nodes: nodes.filter((node) => !held.has(node.key)),
    relations: relations.filter((r) => !held.has(r.from.key) && !held.has(r.to.key)),
    groups,
  };
}
