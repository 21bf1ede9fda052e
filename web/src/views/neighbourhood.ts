import { ApiError, gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { downloadMenu, save } from '../lib/download.js';
import { enumLabel } from '../lib/format.js';
import { SUBGRAPH } from '../lib/fragments.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { href, list, navigate } from '../lib/state.js';
import { RELATIONSHIP_TYPES } from '../../../src/core/model.js';
import type { NeighborhoodQuery, RelationType } from '../lib/generated.js';
import type { EntityRef, Relation } from '../lib/types.js';
import { entityLink, relationDetails } from '../widgets/evidence.js';
import { filterLegend, zoomBar } from '../widgets/graph-controls.js';
import { graphLists } from '../widgets/graph-lists.js';
import { graphSvg } from '../widgets/graph-svg.js';
import { GraphView, relationId } from '../widgets/graph-view.js';
import { load } from '../widgets/status.js';
import { type NeighbourhoodAnswer, neighbourhoodDownload } from './neighbourhood-download.js';

addMessages({
  Close: '关闭',
  Details: '详情',
  nodes: '个节点',
  links: '条关系',
  'Only these relationship types are drawn': '仅画出这些关系类型',
  'Show all types': '显示全部类型',
  'Drawing (PNG)': '图片（PNG）',
  'Drawing (SVG)': '矢量图（SVG）',
  'Click an edge to read its evidence; click a node to expand it; “+N more” shows the rest of a busy group.':
    '点击连线查看证据；点击节点展开；点击“+N 更多”显示其余。',
});

// The English evidence rides in an alias beside the shared selection, so the shared Relation type
// (also what paths and exposure hand around) stays the same.
const NEIGHBORHOOD = `query Neighborhood($key: String!, $depth: Int, $types: [RelationType!]) {
  graphVersion
  neighborhood(key: $key, depth: $depth, types: $types) { ${SUBGRAPH} english: relationships { evidenceEn } }
}`;

async function neighbourhood(key: string, depth: number, types: RelationType[]): Promise<{ graphVersion: string | null; answer: NeighbourhoodAnswer }> {
  const data = await gql<NeighborhoodQuery>(NEIGHBORHOOD, { key, depth, types: types.length ? types : null });
  if (!data.neighborhood) throw new ApiError(`${t('No entity has the key')} “${key}”.`, 'NOT_FOUND');
  const subgraph = data.neighborhood;
  return { graphVersion: data.graphVersion, answer: { around: key, depth, subgraph, evidenceEn: subgraph.english.map((r) => r.evidenceEn) } };
}

/**
 * The entity and everything within 1–3 hops, drawn; clicking a node adds its own neighbours
 * (kept in the URL as `expand`), clicking a link shows its evidence. The URL holds the whole
 * picture (expanded nodes, opened "+N more" groups, hidden categories), and the layout depends on
 * nothing else, so a shared link draws what its sender saw.
 */
export function neighbourhoodView(root: HTMLElement, params: URLSearchParams): () => void {
  const key = params.get('key') ?? '';
  const depth = Math.min(3, Math.max(1, Number(params.get('depth')) || 1));
  // Links shared before the legend's switches existed name the types to fetch; they still work.
  // A name the API does not know (a typo in a hand-edited link) is dropped rather than failing the page.
  const types = list(params, 'types').filter((type): type is RelationType => (RELATIONSHIP_TYPES as readonly string[]).includes(type));
  const expanded = list(params, 'expand');
  const opened = list(params, 'open');
  const hidden = new Set(list(params, 'hide'));
  const state = (changes: Record<string, string | number | string[]> = {}) =>
    href('neighbourhood', { key, depth, types, expand: expanded, open: opened, hide: [...hidden], ...changes });

  const controls = controlsForm(
    (form) => navigate(href('neighbourhood', { key, depth: Number(form.get('depth')), types, hide: [...hidden] })),
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
    h('button', { type: 'submit' }, t('Show')),
    types.length
      ? h(
          'p',
          { class: 'hint' },
          `${t('Only these relationship types are drawn')}: ${types.map(enumLabel).join(', ')} · `,
          h('a', { href: href('neighbourhood', { key, depth }) }, t('Show all types')),
        )
      : null,
  );
  const canvas = h('div', { class: 'graph', 'data-testid': 'graph' });
  const hint = () => h('p', { class: 'hint' }, t('Click an edge to read its evidence; click a node to expand it; “+N more” shows the rest of a busy group.'));
  const panel = h('aside', { class: 'panel neighbourhood-panel', 'aria-live': 'polite', 'aria-label': t('Details') }, hint());
  const summary = h('p', { class: 'graph-summary' });
  const tools = h('div', { class: 'graph-tools' });
  const body = h('div', { class: 'graph-layout' }, h('div', { class: 'graph-frame' }, tools, canvas), panel);
  const below = h('div', { class: 'graph-below' });
  const status = h('div', {});
  root.replaceChildren(h('h1', { id: 'view-title' }, t('Neighbourhood')), controls, status, summary, body, below);

  let graph: GraphView | undefined;
  const answers: NeighbourhoodAnswer[] = [];
  let truncated = false;
  const describe = () => {
    const { cy } = graph!;
    const shown = cy.nodes().not('.hidden');
    summary.replaceChildren(
      `${shown.length} ${t('nodes')}, ${cy.edges().not('.hidden').not('.more-edge').length} ${t('links')}`,
      truncated ? h('span', { class: 'badge derived' }, t('truncated: more links exist than are drawn')) : '',
    );
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
  };
  // On a phone the panel is a sheet over the bottom of the screen: a tap shows its result at once.
  const showInPanel = (content: HTMLElement) => {
    panel.classList.add('open');
    panel.replaceChildren(
      h('button', { type: 'button', class: 'close-panel', 'aria-label': t('Close'), onclick: () => panel.classList.remove('open') }, '×'),
      content,
    );
  };
  const showNode = (node: EntityRef) => {
    graph!.select(node.key);
    showInPanel(
      h(
        'article',
        { class: 'node-details', 'data-key': node.key },
        h('span', { class: `label-pill label-${node.label}` }, enumLabel(node.label)),
        h('h3', {}, nameOf(node)),
        node.nameZh && node.nameZh !== nameOf(node) ? h('p', {}, node.nameZh) : null,
        h('p', {}, entityLink(node), ' · ', h('a', { href: href('neighbourhood', { key: node.key, depth }) }, t('Neighbourhood'))),
      ),
    );
  };
  const showRelation = (relation: Relation) => {
    graph!.select(relationId(relation));
    showInPanel(relationDetails(relation));
  };
  const expand = async (node: EntityRef) => {
    showNode(node);
    if (node.key === key || expanded.includes(node.key)) return;
    try {
      const { answer } = await neighbourhood(node.key, 1, types);
      expanded.push(node.key);
      answers.push(answer);
      history.replaceState(null, '', state());
      graph!.add(answer.subgraph.nodes, answer.subgraph.relationships, { around: node.key, collapse: true });
      afterChange();
    } catch (error) {
      panel.append(h('p', { class: 'status error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    }
  };

  let graphVersion: string | null = null;
  // Rebuilt after each expansion: the files hold every answer the drawing was made from.
  const drawTools = () => {
    const name = `neighbourhood-${key}-d${depth}`;
    const drawing = graph!.cy;
    const file = (extension: string) => `${name}-${graphVersion ?? 'empty'}.${extension}`;
    tools.replaceChildren(
      zoomBar(graph!),
      downloadMenu(neighbourhoodDownload(name, graphVersion, answers), [
        h(
          'button',
          {
            type: 'button',
            class: 'download',
            'data-format': 'png',
            onclick: () => save(file('png'), 'image/png', drawing.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' })),
          },
          t('Drawing (PNG)'),
        ),
        h(
          'button',
          { type: 'button', class: 'download', 'data-format': 'svg', onclick: () => save(file('svg'), 'image/svg+xml', graphSvg(drawing, document.title)) },
          t('Drawing (SVG)'),
        ),
      ]),
    );
  };
  let lists: ReturnType<typeof graphLists> | undefined;
  const legend = h('div', { class: 'graph-legend' });
  const afterChange = () => {
    legend.replaceChildren(filterLegend(graph!, hidden, () => history.replaceState(null, '', state())));
    drawTools();
    describe();
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
      answers.push(base.answer, ...more.map((m) => m.answer));
      truncated = base.answer.subgraph.truncated;
      graphVersion = base.graphVersion;
      const centre = base.answer.subgraph.nodes.find((node) => node.key === key);
      document.title = `${centre ? nameOf(centre) : key} · ${t('Neighbourhood')} · Compute Atlas`;
      root.querySelector('#view-title')!.replaceChildren(`${t('Neighbourhood')}: `, centre ? entityLink(centre) : key);
      graph = new GraphView(canvas, {
        focus: [key],
        onEdge: showRelation,
        onNode: (node) => void expand(node),
        onGroup: (group) => {
          if (!opened.includes(group.id)) opened.push(group.id);
          history.replaceState(null, '', state());
          if (lists) afterChange();
        },
        onChange: () => {
          lists?.redraw();
          if (graph) describe();
        },
      });
      graph.setHidden(hidden);
      graph.add(base.answer.subgraph.nodes, base.answer.subgraph.relationships, { collapse: true });
      for (const [i, other] of expanded.entries())
        graph.add(more[i]!.answer.subgraph.nodes, more[i]!.answer.subgraph.relationships, { around: other, collapse: true });
      for (const group of [...opened]) graph.openGroup(group);
      lists = graphLists(graph, { onNode: (node) => void expand(node), onEdge: showRelation });
      below.replaceChildren(legend, lists);
      afterChange();
    },
  );
  return () => graph?.destroy();
}
