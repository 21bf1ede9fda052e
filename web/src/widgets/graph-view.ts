import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { h } from '../lib/dom.js';
import { enumLabel } from '../lib/format.js';
import { EDGE_STYLES, labelStyle, NODE_OUTLINE, swatch } from '../lib/graph-style.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { isRecord } from '../lib/json.js';
import type { EntityRef, Path, Relation } from '../lib/types.js';
import { type CollapsedGroup, collapseBusy } from './graph-collapse.js';
import { clearOverlaps, placeAround, ringPositions, settle } from './graph-layout.js';

addMessages({ more: '更多' });

/** Relationships of one type between the same two entities differ by period (BUYS 2024, BUYS 2025). */
export function relationId(relation: Relation): string {
  const { period } = isRecord(relation.properties) ? relation.properties : {};
  return `${relation.from.key}|${relation.type}|${relation.to.key}|${String(period ?? '')}`;
}

export interface GraphOptions {
  onEdge: (relation: Relation) => void;
  onNode?: (node: EntityRef) => void;
  /** A "+N more" node was opened (its members are drawn by then). */
  onGroup?: (group: CollapsedGroup) => void;
  /** Anything drawn or hidden changed: lists and legends built from the drawing redraw. */
  onChange?: () => void;
  /** Keys drawn larger: the entity a neighbourhood is around, the ends of a path. */
  focus?: string[];
}

declare global {
  interface Window {
    /** The drawing on screen: a canvas, so the console (and the browser tests) read it here. */
    atlasGraph?: Core;
  }
}

/** Below this width (a phone), the first picture is not zoomed out further than READABLE_ZOOM. */
const NARROW = 600;
const READABLE_ZOOM = 0.85;
/** A node with this many links shown is a landmark: its label stays legible when zoomed out. */
const HUB_LINKS = 4;

/**
 * The canvas styles. `labelScale` grows the labels of hubs (the centre and nodes with several links
 * shown) as the drawing zooms out, so a depth-2 picture keeps its landmarks legible; other labels
 * show once zoomed in far enough to read them.
 */
function stylesheet(labelScale: () => number): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': (node: NodeSingular) => labelStyle(node.data('label') as string).colour,
        shape: (node: NodeSingular) => (labelStyle(node.data('label') as string).shape ? 'polygon' : 'ellipse'),
        'shape-polygon-points': (node: NodeSingular) => (labelStyle(node.data('label') as string).shape ?? [-1, -1, 1, -1, 1, 1, -1, 1]).join(' '),
        'border-width': 1,
        'border-color': NODE_OUTLINE,
        label: 'data(name)',
        'font-size': 12,
        'min-zoomed-font-size': 8,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        width: 22,
        height: 22,
      },
    },
    {
      selector: 'node.hub',
      style: { 'font-size': () => 12 * labelScale(), 'text-max-width': () => `${Math.round(140 * labelScale())}px`, 'min-zoomed-font-size': 0 },
    },
    { selector: 'node.focus', style: { width: 36, height: 36, 'font-weight': 'bold', 'font-size': () => 14 * labelScale(), 'border-width': 3 } },
    { selector: 'node.more', style: { 'border-style': 'dashed', 'border-width': 2, 'font-style': 'italic', 'background-opacity': 0.5 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0f172a', 'overlay-opacity': 0.15 } },
    { selector: '.hidden', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': EDGE_STYLES.stated.colour,
        'target-arrow-color': EDGE_STYLES.stated.colour,
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(typeName)',
        'font-size': 9,
        'min-zoomed-font-size': 8,
        color: '#334155',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
      },
    },
    {
      selector: 'edge.derived',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        'line-color': EDGE_STYLES.derived.colour,
        'target-arrow-color': EDGE_STYLES.derived.colour,
      },
    },
    { selector: 'edge.curator', style: { 'line-style': 'dotted', 'line-color': EDGE_STYLES.curator.colour, 'target-arrow-color': EDGE_STYLES.curator.colour } },
    { selector: 'edge.more-edge', style: { 'line-style': 'dashed', label: '' } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#0f172a', 'target-arrow-color': '#0f172a' } },
  ];
}

/**
 * A force-directed drawing styled by label, with derived links dashed. Cytoscape.js draws on a
 * canvas and handles a few thousand elements, far more than a neighbourhood here (≤ 500 links).
 */
export class GraphView {
  readonly cy: Core;
  readonly relations = new Map<string, Relation>();
  readonly entities = new Map<string, EntityRef>();
  readonly groups = new Map<string, CollapsedGroup>();
  private readonly focus: Set<string>;
  private hidden = new Set<string>();
  private readonly opened = new Set<string>();

  constructor(
    container: HTMLElement,
    private readonly options: GraphOptions,
  ) {
    let labelScale = 1;
    this.cy = cytoscape({ container, minZoom: 0.1, maxZoom: 3, style: stylesheet(() => labelScale) });
    this.cy.on('zoom', () => {
      const next = Math.min(2.2, Math.max(1, 0.9 / this.cy.zoom()));
      if (Math.abs(next - labelScale) < 0.05) return;
      labelScale = next;
      this.cy.style().update();
    });
    this.cy.on('tap', 'edge', (event) => {
      const relation = this.relations.get(event.target.id() as string);
      if (relation) options.onEdge(relation);
    });
    this.cy.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      if (this.groups.has(id)) this.openGroup(id);
      const entity = this.entities.get(id);
      if (entity) options.onNode?.(entity);
    });
    this.focus = new Set(options.focus ?? []);
    window.atlasGraph = this.cy;
  }

  /**
   * Adds what is not drawn yet; returns how many nodes were new. The first call lays out the whole
   * drawing; later ones lay out only the new nodes, around `around` (the node that was expanded).
   * With `collapse`, busy groups of leaves are drawn as "+N more" nodes.
   */
  add(nodes: EntityRef[], relationships: Relation[], { around, collapse = false }: { around?: string; collapse?: boolean } = {}): number {
    const first = this.cy.nodes().length === 0;
    let batch = { nodes: this.unique([...nodes, ...relationships.flatMap((r) => [r.from, r.to])]), relations: relationships, groups: [] as CollapsedGroup[] };
    if (collapse) {
      const split = collapseBusy(batch.nodes, batch.relations, (key) => this.focus.has(key) || this.entities.has(key));
      // A group drawn (or opened) before keeps its id: these members are drawn as they are.
      const known = split.groups.filter((group) => this.groups.has(group.id) || this.opened.has(group.id));
      batch = {
        nodes: [...split.nodes, ...known.flatMap((group) => group.nodes)],
        relations: [...split.relations, ...known.flatMap((group) => group.relations)],
        groups: split.groups.filter((group) => !known.includes(group)),
      };
    }
    const elements = this.elements(batch.nodes, batch.relations);
    for (const group of batch.groups) {
      this.groups.set(group.id, group);
      elements.push(
        {
          group: 'nodes',
          data: {
            id: group.id,
            label: group.label,
            name: `+${group.nodes.length} ${t('more')} (${enumLabel(group.label)})`,
            members: group.nodes.map((node) => node.key),
          },
          classes: 'more',
        },
        { group: 'edges', data: { id: `${group.id}|edge`, source: group.hub, target: group.id, type: soleType(group), typeName: '' }, classes: 'more-edge' },
      );
    }
    if (!elements.length) return 0;
    const before = this.cy.nodes();
    const added = this.cy.add(elements);
    const anchor = around ? this.cy.getElementById(around) : undefined;
    if (first) {
      ringPositions(this.cy, [...this.focus]);
      settle(this.cy, this.cy.collection().nodes());
    } else if (anchor?.length && added.nodes().length) {
      placeAround(this.cy, anchor as NodeSingular, added.nodes());
      settle(this.cy, before);
      clearOverlaps(this.cy, anchor as NodeSingular, added.nodes());
      this.reveal(added.nodes());
    } else if (added.nodes().length) {
      settle(this.cy, before);
    }
    this.applyVisibility();
    if (first) this.fit({ readable: true });
    return added.nodes().filter((node) => !node.hasClass('more')).length;
  }

  /** Draws a "+N more" node's members where it was; false when no such group is drawn. */
  openGroup(id: string): boolean {
    const group = this.groups.get(id);
    const placeholder = this.cy.getElementById(id);
    if (!group || !placeholder.length) return false;
    const before = this.cy.nodes().difference(placeholder);
    const added = this.cy.add(this.elements(group.nodes, group.relations));
    placeAround(this.cy, placeholder as NodeSingular, added.nodes());
    settle(this.cy, before.union(placeholder));
    clearOverlaps(this.cy, placeholder as NodeSingular, added.nodes());
    this.cy.remove(placeholder);
    this.groups.delete(id);
    this.opened.add(id);
    this.reveal(added.nodes());
    this.applyVisibility();
    this.options.onGroup?.(group);
    return true;
  }

  /** Hides the labels and relationship types named (exclusions: everything else shows). */
  setHidden(hidden: Iterable<string>): void {
    this.hidden = new Set(hidden);
    this.applyVisibility();
  }

  /** How many nodes of each label and links of each type the view holds, "+N more" members included. */
  counts(): { labels: Map<string, number>; types: Map<string, number> } {
    const labels = new Map<string, number>();
    const types = new Map<string, number>();
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const entity of this.entities.values()) count(labels, entity.label);
    for (const relation of this.relations.values()) count(types, relation.type);
    for (const group of this.groups.values()) {
      for (const node of group.nodes) count(labels, node.label);
      for (const relation of group.relations) count(types, relation.type);
    }
    return { labels, types };
  }

  /** The nodes and links in view (not hidden), in the drawing's reading order: by name, then key. */
  visible(): { nodes: NodeSingular[]; edges: cytoscape.EdgeSingular[] } {
    const byName = (a: cytoscape.SingularElementArgument, b: cytoscape.SingularElementArgument) =>
      String(a.data('name')).localeCompare(String(b.data('name'))) || (a.id() < b.id() ? -1 : 1);
    return {
      nodes: this.cy.nodes().not('.hidden').toArray().sort(byName) as NodeSingular[],
      edges: this.cy.edges().not('.hidden').not('.more-edge').toArray() as cytoscape.EdgeSingular[],
    };
  }

  zoomBy(factor: number): void {
    const { width, height } = this.cy.container()!.getBoundingClientRect();
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
  }

  /**
   * Fits what is shown. A handful of nodes is not blown up past 1.2; with `readable`, a narrow
   * screen is not zoomed out past READABLE_ZOOM (labels stay legible; the rest is a pan away).
   */
  fit({ readable = false } = {}): void {
    this.cy.fit(this.cy.elements().not('.hidden'), 30);
    if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center(this.cy.elements().not('.hidden'));
    }
    if (readable && this.cy.width() < NARROW && this.cy.zoom() < READABLE_ZOOM) {
      this.cy.zoom(READABLE_ZOOM);
      const centre = this.cy.nodes().filter((node) => this.focus.has(node.id()));
      this.cy.center(centre.length ? centre : undefined);
    }
  }

  /** Zooms out just enough to show nodes that were laid out beyond the edge of the screen. */
  private reveal(nodes: cytoscape.NodeCollection): void {
    const view = this.cy.extent();
    const box = nodes.boundingBox({});
    if (box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2) return;
    this.cy.fit(this.cy.elements().not('.hidden'), 30);
    if (this.cy.zoom() > 1.2) this.cy.zoom(1.2);
  }

  select(id: string): void {
    this.cy.elements().unselect();
    this.cy.getElementById(id).select();
  }

  /**
   * Draws every node and relationship of the paths, records the counts on the canvas (the browser
   * tests read them), and puts the legend under the drawing.
   */
  drawPaths(canvas: HTMLElement, paths: Path[]): void {
    this.add(
      paths.flatMap((path) => path.nodes),
      paths.flatMap((path) => path.relationships),
    );
    canvas.dataset.nodes = String(this.cy.nodes().length);
    canvas.dataset.edges = String(this.cy.edges().length);
    canvas.parentElement!.after(this.legend());
  }

  /** The labels drawn, each with its node's shape, and how stated and derived links look. */
  legend(): HTMLElement {
    const labels = [...new Set(this.cy.nodes().map((node) => node.data('label') as string))].sort();
    return h(
      'ul',
      { class: 'legend' },
      labels.map((label) => h('li', {}, swatch(label), enumLabel(label))),
      lineKeys(),
    );
  }

  destroy(): void {
    if (window.atlasGraph === this.cy) delete window.atlasGraph;
    this.cy.destroy();
  }

  private unique(nodes: EntityRef[]): EntityRef[] {
    const seen = new Map<string, EntityRef>();
    for (const node of nodes) if (!this.entities.has(node.key) && !seen.has(node.key)) seen.set(node.key, node);
    return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** Element definitions for what is not drawn yet, in key order (the layout's input order). */
  private elements(nodes: EntityRef[], relationships: Relation[]): ElementDefinition[] {
    const elements: ElementDefinition[] = [];
    for (const node of this.unique(nodes)) {
      this.entities.set(node.key, node);
      elements.push({ group: 'nodes', data: { id: node.key, label: node.label, name: nameOf(node) }, classes: this.focus.has(node.key) ? 'focus' : '' });
    }
    const fresh = relationships.filter((relation) => !this.relations.has(relationId(relation))).sort((a, b) => (relationId(a) < relationId(b) ? -1 : 1));
    for (const relation of fresh) {
      const id = relationId(relation);
      if (this.relations.has(id)) continue;
      this.relations.set(id, relation);
      elements.push({
        group: 'edges',
        data: { id, source: relation.from.key, target: relation.to.key, type: relation.type, typeName: enumLabel(relation.type) },
        classes: relation.basis === 'CURATOR' ? 'curator' : relation.derived ? 'derived' : 'stated',
      });
    }
    return elements;
  }

  /** A link shows when its type and both ends' labels do; a node when its label does and a link to it shows. */
  private applyVisibility(): void {
    const hidden = this.hidden;
    this.cy.batch(() => {
      this.cy.edges().forEach((edge) => {
        const shown = !hidden.has(edge.data('type')) && !hidden.has(edge.source().data('label')) && !hidden.has(edge.target().data('label'));
        edge.toggleClass('hidden', !shown);
      });
      this.cy.nodes().forEach((node) => {
        const links = node.connectedEdges();
        const shown = !hidden.has(node.data('label')) && (this.focus.has(node.id()) || !links.length || links.not('.hidden').length > 0);
        node.toggleClass('hidden', !shown);
        node.toggleClass('hub', shown && links.not('.hidden').length >= HUB_LINKS);
      });
    });
    this.options.onChange?.();
  }
}

/** The type of the links behind a "+N more" node when they share one: hiding it hides the node. */
function soleType(group: CollapsedGroup): string {
  const types = new Set(group.relations.map((relation) => relation.type));
  return types.size === 1 ? [...types][0]! : '';
}

/** The legend entries for the three kinds of link. */
export function lineKeys(): HTMLElement[] {
  return [
    h('li', {}, h('span', { class: 'line stated' }), t('stated')),
    h('li', {}, h('span', { class: 'line derived' }), t('derived')),
    h('li', {}, h('span', { class: 'line curator' }), t('curator knowledge')),
  ];
}
