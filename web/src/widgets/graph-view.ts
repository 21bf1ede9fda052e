import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { h } from '../lib/dom.js';
import { nameOf, t } from '../lib/i18n.js';
import { isRecord } from '../lib/json.js';
import { LABEL_COLOURS } from '../lib/labels.js';
import type { EntityRef, Path, Relation } from '../lib/types.js';

const SHAPES: Record<string, cytoscape.Css.NodeShape> = {
  Policy: 'diamond',
  Chip: 'round-rectangle',
  ChipFamily: 'round-rectangle',
  Country: 'hexagon',
  Region: 'hexagon',
  Quote: 'round-tag',
  Source: 'rectangle',
  CompanyGroup: 'ellipse',
  DataCenter: 'barrel',
};

/** Relationships of one type between the same two entities differ by period (BUYS 2024, BUYS 2025). */
export function relationId(relation: Relation): string {
  const { period } = isRecord(relation.properties) ? relation.properties : {};
  return `${relation.from.key}|${relation.type}|${relation.to.key}|${String(period ?? '')}`;
}

export interface GraphOptions {
  onEdge: (relation: Relation) => void;
  onNode?: (node: EntityRef) => void;
  /** Keys drawn larger: the entity a neighbourhood is around, the ends of a path. */
  focus?: string[];
}

declare global {
  interface Window {
    /** The drawing on screen: a canvas, so the console (and the browser tests) read it here. */
    atlasGraph?: Core;
  }
}

/**
 * A force-directed drawing styled by label, with derived links dashed. Cytoscape.js draws on a
 * canvas and handles a few thousand elements, far more than a neighbourhood here (≤ 500 links).
 */
export class GraphView {
  readonly cy: Core;
  private readonly relations = new Map<string, Relation>();
  private readonly entities = new Map<string, EntityRef>();
  private readonly focus: Set<string>;

  constructor(container: HTMLElement, options: GraphOptions) {
    this.cy = cytoscape({
      container,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': (node: cytoscape.NodeSingular) => LABEL_COLOURS[node.data('label') as string] ?? '#475569',
            shape: (node: cytoscape.NodeSingular) => SHAPES[node.data('label') as string] ?? 'ellipse',
            label: 'data(name)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
            width: 22,
            height: 22,
          },
        },
        { selector: 'node.focus', style: { width: 36, height: 36, 'font-weight': 'bold', 'font-size': 13, 'border-width': 3, 'border-color': '#0f172a' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f59e0b' } },
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': '#94a3b8',
            'target-arrow-color': '#94a3b8',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(type)',
            'font-size': 8,
            color: '#334155',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
          },
        },
        { selector: 'edge.derived', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b' } },
        { selector: 'edge.curator', style: { 'line-style': 'dotted', 'line-color': '#a16207', 'target-arrow-color': '#a16207' } },
        { selector: 'edge:selected', style: { width: 4, 'line-color': '#0f172a', 'target-arrow-color': '#0f172a' } },
      ],
    });
    this.cy.on('tap', 'edge', (event) => {
      const relation = this.relations.get(event.target.id() as string);
      if (relation) options.onEdge(relation);
    });
    this.cy.on('tap', 'node', (event) => {
      const entity = this.entities.get(event.target.id() as string);
      if (entity) options.onNode?.(entity);
    });
    this.focus = new Set(options.focus ?? []);
    window.atlasGraph = this.cy;
  }

  /** Adds what is not drawn yet and lays the whole graph out again; returns how many nodes were new. */
  add(nodes: EntityRef[], relationships: Relation[]): number {
    const elements: ElementDefinition[] = [];
    for (const node of [...nodes, ...relationships.flatMap((r) => [r.from, r.to])]) {
      if (this.entities.has(node.key)) continue;
      this.entities.set(node.key, node);
      elements.push({ group: 'nodes', data: { id: node.key, label: node.label, name: nameOf(node) }, classes: this.focus.has(node.key) ? 'focus' : '' });
    }
    const added = elements.length;
    for (const relation of relationships) {
      const id = relationId(relation);
      if (this.relations.has(id)) continue;
      this.relations.set(id, relation);
      elements.push({
        group: 'edges',
        data: { id, source: relation.from.key, target: relation.to.key, type: relation.type },
        classes: relation.basis === 'CURATOR' ? 'curator' : relation.derived ? 'derived' : 'stated',
      });
    }
    if (elements.length) {
      this.cy.add(elements);
      this.layout();
    }
    return added;
  }

  select(id: string): void {
    this.cy.elements().unselect();
    this.cy.getElementById(id).select();
  }

  /** The labels drawn, and how stated and derived links look. */
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

  legend(): HTMLElement {
    const labels = [...new Set(this.cy.nodes().map((node) => node.data('label') as string))].sort();
    return h(
      'ul',
      { class: 'legend' },
      labels.map((label) => h('li', {}, h('span', { class: `swatch label-${label}` }), label)),
      h('li', {}, h('span', { class: 'line stated' }), t('stated')),
      h('li', {}, h('span', { class: 'line derived' }), t('derived')),
      h('li', {}, h('span', { class: 'line curator' }), t('curator knowledge')),
    );
  }

  private layout(): void {
    this.cy
      .layout({
        name: 'cose',
        animate: false,
        randomize: true,
        nodeRepulsion: () => 400_000,
        idealEdgeLength: () => 110,
        nodeOverlap: 20,
        padding: 30,
        fit: true,
      } as cytoscape.LayoutOptions)
      .run();
    // Fitting a handful of nodes would blow them up to the maximum zoom.
    if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center();
    }
  }

  destroy(): void {
    if (window.atlasGraph === this.cy) delete window.atlasGraph;
    this.cy.destroy();
  }
}
