import { ApiError, gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { entityLink, relationDetails } from '../widgets/evidence.js';
import { SUBGRAPH } from '../lib/fragments.js';
import { GraphView, relationId } from '../widgets/graph-view.js';
import { nameOf, t } from '../lib/i18n.js';
import { href, list, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { NeighborhoodQuery } from '../lib/generated.js';
import type { EntityRef, Subgraph } from '../lib/types.js';
import { RELATIONSHIP_TYPES } from '../../../src/core/model.js';

const NEIGHBORHOOD = `query Neighborhood($key: String!, $depth: Int, $types: [String!]) {
  neighborhood(key: $key, depth: $depth, types: $types) { ${SUBGRAPH} }
}`;

async function neighbourhood(key: string, depth: number, types: string[]): Promise<Subgraph> {
  const data = await gql<NeighborhoodQuery>(NEIGHBORHOOD, { key, depth, types: types.length ? types : null });
  if (!data.neighborhood) throw new ApiError(`${t('No entity has the key')} “${key}”.`, 'NOT_FOUND');
  return data.neighborhood;
}

/**
 * The entity and everything within 1–3 hops, drawn; clicking a node adds its own neighbours
 * (kept in the URL as `expand`), clicking a link shows its evidence.
 */
export function neighbourhoodView(root: HTMLElement, params: URLSearchParams): () => void {
  const key = params.get('key') ?? '';
  const depth = Math.min(3, Math.max(1, Number(params.get('depth')) || 1));
  const types = list(params, 'types');
  const expanded = list(params, 'expand');
  const state = (changes: Record<string, string | number | string[]>) => href('neighbourhood', { key, depth, types, expand: expanded, ...changes });

  const typeBoxes = RELATIONSHIP_TYPES.map((type) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'types', value: type, checked: types.includes(type) }), type),
  );
  const controls = controlsForm(
    (form) => navigate(state({ depth: Number(form.get('depth')), types: form.getAll('types').map(String), expand: [] })),
    h(
      'label',
      {},
      `${t('Depth')} `,
      h(
        'select',
        { name: 'depth' },
        [1, 2, 3].map((d) => h('option', { value: d, selected: d === depth }, String(d))),
      ),
    ),
    h(
      'details',
      { class: 'type-filter' },
      h('summary', {}, `${t('Relationship types')}: ${types.length ? types.join(', ') : t('All types')}`),
      h('div', { class: 'checks' }, typeBoxes),
    ),
    h('button', { type: 'submit' }, t('Show')),
  );
  const canvas = h('div', { class: 'graph', 'data-testid': 'graph' });
  const panel = h(
    'aside',
    { class: 'panel', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, t('Click an edge to read its evidence; click a node to expand it.')),
  );
  const summary = h('p', { class: 'graph-summary' });
  const body = h('div', { class: 'graph-layout' }, canvas, panel);
  const status = h('div', {});
  root.replaceChildren(h('h1', { id: 'view-title' }, t('Neighbourhood')), controls, status, summary, body);

  let graph: GraphView | undefined;
  const describe = (subgraph: Subgraph) => {
    const { cy } = graph!;
    summary.replaceChildren(
      `${cy.nodes().length} nodes, ${cy.edges().length} links`,
      subgraph.truncated ? h('span', { class: 'badge derived' }, t('truncated: more links exist than are drawn')) : '',
    );
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
  };
  const showNode = (node: EntityRef) => {
    panel.replaceChildren(
      h(
        'article',
        { class: 'node-details', 'data-key': node.key },
        h('span', { class: `label-pill label-${node.label}` }, node.label),
        h('h3', {}, nameOf(node)),
        node.nameZh && node.nameZh !== nameOf(node) ? h('p', {}, node.nameZh) : null,
        h('p', {}, entityLink(node), ' · ', h('a', { href: href('neighbourhood', { key: node.key, depth, types }) }, t('Neighbourhood'))),
      ),
    );
  };
  const expand = async (node: EntityRef) => {
    showNode(node);
    if (node.key === key || expanded.includes(node.key)) return;
    try {
      const subgraph = await neighbourhood(node.key, 1, types);
      expanded.push(node.key);
      history.replaceState(null, '', state({}));
      graph!.add(subgraph.nodes, subgraph.relationships);
      describe(subgraph);
    } catch (error) {
      panel.append(h('p', { class: 'status error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    }
  };

  void load(
    status,
    async () => {
      const base = await neighbourhood(key, depth, types);
      const more = await Promise.all(expanded.map((other) => neighbourhood(other, 1, types)));
      return { base, more };
    },
    ({ base, more }) => {
      status.replaceChildren();
      const centre = base.nodes.find((node) => node.key === key);
      document.title = `${centre ? nameOf(centre) : key} · ${t('Neighbourhood')} · Compute Atlas`;
      root.querySelector('#view-title')!.replaceChildren(`${t('Neighbourhood')}: `, centre ? entityLink(centre) : key);
      graph = new GraphView(canvas, {
        focus: [key],
        onEdge: (relation) => {
          graph!.select(relationId(relation));
          panel.replaceChildren(relationDetails(relation));
        },
        onNode: (node) => void expand(node),
      });
      graph.add(base.nodes, base.relationships);
      for (const subgraph of more) graph.add(subgraph.nodes, subgraph.relationships);
      describe(base);
      body.after(graph.legend());
    },
  );
  return () => graph?.destroy();
}
