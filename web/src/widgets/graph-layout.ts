import type { Core, LayoutOptions, NodeCollection, NodeSingular } from 'cytoscape';

// A layout that depends on nothing but the graph: starting positions come from the nodes' keys and
// their distance to the centre, and cose then runs without randomizing, so the same URL draws the
// same picture. Expanding a node places the new nodes around it and lays out only those: the ones
// already drawn are locked while it runs, so the picture a reader has learnt stays where it was.

const RING = 130;
const AROUND = 110;

/** Places the nodes on rings around the focus, one ring per hop, each ring in key order. */
export function ringPositions(cy: Core, focus: string[]): void {
  const centres = cy.nodes().filter((node) => focus.includes(node.id()));
  const start = centres.length ? centres : inKeyOrder(cy.nodes())[0]!;
  const distance = new Map<string, number>();
  start.forEach((node) => {
    distance.set(node.id(), 0);
  });
  cy.elements().bfs({
    roots: start,
    visit: (node, _edge, _previous, _index, depth) => {
      if (!distance.has(node.id())) distance.set(node.id(), depth);
    },
    directed: false,
  });
  const rings = new Map<number, NodeSingular[]>();
  for (const node of inKeyOrder(cy.nodes())) {
    const ring = distance.get(node.id()) ?? Math.max(1, ...distance.values()) + 1;
    rings.set(ring, [...(rings.get(ring) ?? []), node]);
  }
  for (const [ring, nodes] of rings) {
    const offset = ring * 0.7;
    nodes.forEach((node, i) => {
      const angle = offset + (2 * Math.PI * i) / nodes.length;
      const radius = ring === 0 ? (nodes.length > 1 ? 40 : 0) : RING * ring;
      node.position({ x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) });
    });
  }
}

/** Puts new nodes on a circle around the node they hang from, facing away from the rest of the drawing. */
export function placeAround(cy: Core, anchor: NodeSingular, added: NodeCollection): void {
  const others = cy.nodes().difference(added).difference(anchor);
  const from = anchor.position();
  const centre = others.length ? others.boundingBox({}) : { x1: from.x, x2: from.x, y1: from.y, y2: from.y };
  const away = Math.atan2(from.y - (centre.y1 + centre.y2) / 2, from.x - (centre.x1 + centre.x2) / 2) || 0;
  const nodes = inKeyOrder(added);
  const spread = Math.min(2 * Math.PI, Math.PI / 2 + nodes.length * 0.35);
  nodes.forEach((node, i) => {
    const angle = away - spread / 2 + (spread * (i + 0.5)) / nodes.length;
    const radius = AROUND + 12 * Math.floor(i / 12);
    node.position({ x: Math.round(from.x + radius * Math.cos(angle)), y: Math.round(from.y + radius * Math.sin(angle)) });
  });
}

/**
 * Runs cose from the current positions. Nodes in `fixed` are locked for the run (cose moves only
 * unlocked ones) and unlocked after it, so that people can still drag them.
 */
export function settle(cy: Core, fixed: NodeCollection): void {
  const locked = fixed.filter((node) => !node.locked());
  locked.lock();
  cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: false,
    nodeRepulsion: () => 400_000,
    idealEdgeLength: () => 100,
    nodeOverlap: 20,
    numIter: 1000,
    padding: 30,
  } as LayoutOptions).run();
  locked.unlock();
}

/** Closer than this, two node centres read as one blob. */
const GAP = 44;

/**
 * Pushes each new node outwards from the node it hangs from until it is clear of every other node:
 * cose, with the old nodes locked and its gravity pulling to the middle, can leave a new node on
 * top of an old one.
 */
export function clearOverlaps(cy: Core, anchor: NodeSingular, added: NodeCollection): void {
  const placed = cy.nodes().difference(added).toArray() as NodeSingular[];
  const from = anchor.position();
  for (const node of inKeyOrder(added)) {
    let { x, y } = node.position();
    const length = Math.hypot(x - from.x, y - from.y);
    const step = length > 1 ? { x: ((x - from.x) / length) * 12, y: ((y - from.y) / length) * 12 } : { x: 12, y: 0 };
    for (let tries = 0; tries < 40 && placed.some((other) => other !== anchor && Math.hypot(other.position('x') - x, other.position('y') - y) < GAP); tries++) {
      x += step.x;
      y += step.y;
    }
    node.position({ x: Math.round(x), y: Math.round(y) });
    placed.push(node);
  }
}

const inKeyOrder = (nodes: NodeCollection): NodeSingular[] =>
  nodes.toArray().sort((a, b) => (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0)) as NodeSingular[];
