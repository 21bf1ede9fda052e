import type { EdgeSingular, NodeSingular } from 'cytoscape';
import { h } from '../lib/dom.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import { swatch } from '../lib/graph-style.js';
import { addMessages, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';
import type { EntityRef, Relation } from '../lib/types.js';
import type { GraphView } from './graph-view.js';

// The drawing as lists, for keyboards and screen readers (a canvas is neither): every node shown
// with a button that does what a click on it does, and every link with a button that opens its
// evidence. The lists follow the drawing: hidden categories are left out here too.

addMessages({
  'Nodes and links as lists': '以列表显示节点和关系',
  Nodes: '节点',
  'Open page': '打开页面',
  'Select and expand': '选择并展开',
  'Show the rest': '显示其余',
});

export interface ListActions {
  onNode: (node: EntityRef) => void;
  onEdge: (relation: Relation) => void;
}

export function graphLists(graph: GraphView, actions: ListActions): HTMLDetailsElement & { redraw: () => void } {
  const details = h('details', { class: 'graph-lists' });
  const redraw = () => {
    const focused =
      document.activeElement instanceof HTMLElement && details.contains(document.activeElement) ? document.activeElement.dataset.target : undefined;
    const { nodes, edges } = graph.visible();
    details.replaceChildren(
      h('summary', {}, `${t('Nodes and links as lists')} (${formatNumber(nodes.length)} · ${formatNumber(edges.length)})`),
      h(
        'div',
        { class: 'graph-list-columns' },
        h(
          'section',
          {},
          h('h2', {}, t('Nodes')),
          h(
            'ul',
            { class: 'node-list' },
            nodes.map((node) => nodeItem(graph, node, actions)),
          ),
        ),
        h(
          'section',
          {},
          h('h2', {}, t('Links')),
          h(
            'ul',
            { class: 'edge-list' },
            edges.map((edge) => edgeItem(graph, edge, actions)),
          ),
        ),
      ),
    );
    if (focused) details.querySelector<HTMLElement>(`[data-target="${CSS.escape(focused)}"]`)?.focus();
  };
  redraw();
  return Object.assign(details, { redraw });
}

function nodeItem(graph: GraphView, node: NodeSingular, actions: ListActions): HTMLElement {
  const label = String(node.data('label'));
  const entity = graph.entities.get(node.id());
  if (!entity) {
    return h(
      'li',
      { 'data-key': node.id() },
      swatch(label),
      h('button', { type: 'button', class: 'list-node more', 'data-target': node.id(), onclick: () => graph.openGroup(node.id()) }, String(node.data('name'))),
    );
  }
  return h(
    'li',
    { 'data-key': entity.key },
    swatch(label),
    h(
      'button',
      { type: 'button', class: 'list-node', 'data-target': entity.key, title: t('Select and expand'), onclick: () => actions.onNode(entity) },
      String(node.data('name')),
    ),
    ` ${enumLabel(label)} · `,
    h('a', { href: href('entity', { key: entity.key }) }, t('Open page')),
  );
}

function edgeItem(graph: GraphView, edge: EdgeSingular, actions: ListActions): HTMLElement {
  const relation = graph.relations.get(edge.id());
  const text = `${edge.source().data('name')} — ${edge.data('typeName')} → ${edge.target().data('name')}`;
  return h(
    'li',
    { 'data-id': edge.id() },
    h('button', { type: 'button', class: 'list-edge', 'data-target': edge.id(), onclick: () => relation && actions.onEdge(relation) }, text),
  );
}
