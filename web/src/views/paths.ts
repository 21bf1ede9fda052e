import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { basisBadge, relationDetails, relationTitle } from '../widgets/evidence.js';
import { ENTITY_REF, RELATION } from '../lib/fragments.js';
import { GraphView, relationId } from '../widgets/graph-view.js';
import { t } from '../lib/i18n.js';
import { searchBox } from '../widgets/search-box.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { PathsQuery } from '../lib/generated.js';
import type { Relation } from '../lib/types.js';

const PATHS = `query Paths($from: String!, $to: String!, $maxHops: Int, $first: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { length nodes { ${ENTITY_REF} } relationships { ${RELATION} } }
}`;

/** Shortest paths between two entities, drawn together, and each hop with its evidence. */
export function pathsView(root: HTMLElement, params: URLSearchParams): () => void {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const maxHops = Math.min(6, Math.max(1, Number(params.get('maxHops')) || 4));
  const chosen = { from, to };
  const submit = () => navigate(href('paths', { from: chosen.from, to: chosen.to, maxHops: hops.value }));
  const endpoint = (end: 'from' | 'to') =>
    h(
      'label',
      { class: 'endpoint' },
      `${t(end === 'from' ? 'From' : 'To')} `,
      searchBox({
        label: t(end === 'from' ? 'From' : 'To'),
        name: end,
        value: chosen[end],
        onPick: (hit) => (chosen[end] = hit.key),
        onSubmit: (text) => (chosen[end] = text),
      }),
    );
  const hops = h(
    'select',
    { name: 'maxHops' },
    [1, 2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === maxHops }, String(n))),
  );
  root.replaceChildren(
    h('h1', {}, t('Paths')),
    h(
      'form',
      {
        class: 'controls',
        onsubmit: (event) => {
          event.preventDefault();
          submit();
        },
      },
      endpoint('from'),
      endpoint('to'),
      h('label', {}, `${t('Max hops')} `, hops),
      h('button', { type: 'submit' }, t('Find')),
    ),
  );
  if (!from || !to) return () => undefined;

  const status = h('div', {});
  root.append(status);
  let graph: GraphView | undefined;
  void load(
    status,
    () => gql<PathsQuery>(PATHS, { from, to, maxHops, first: 5 }),
    ({ paths }) => {
      if (!paths.length) {
        status.replaceChildren(h('p', { class: 'status' }, `${t('No path within')} ${maxHops} ${t('hops.')}`));
        return;
      }
      const canvas = h('div', { class: 'graph', 'data-testid': 'graph' });
      const panel = h('aside', { class: 'panel', 'aria-live': 'polite' }, h('p', { class: 'hint' }, t('Click an edge or a sentence to read its evidence.')));
      const open = (relation: Relation) => {
        graph?.select(relationId(relation));
        panel.replaceChildren(relationDetails(relation));
      };
      status.replaceChildren(
        h('div', { class: 'graph-layout' }, canvas, panel),
        h(
          'ol',
          { class: 'path-list' },
          paths.map((path) =>
            h(
              'li',
              { class: 'path', 'data-length': path.length },
              h('h3', {}, `${path.length} hop${path.length === 1 ? '' : 's'}`),
              h(
                'ol',
                { class: 'hops' },
                path.relationships.map((relation) =>
                  h(
                    'li',
                    { class: relation.basis === 'STATED' ? 'hop' : 'hop derived', 'data-type': relation.type },
                    h('div', {}, relationTitle(relation), basisBadge(relation.basis)),
                    h(
                      'button',
                      { type: 'button', class: 'sentence', onclick: () => open(relation) },
                      relation.evidenceSentences[0] ?? relation.evidence ?? relation.type,
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
      graph = new GraphView(canvas, { focus: [from, to], onEdge: open });
      graph.drawPaths(canvas, paths);
    },
  );
  return () => graph?.destroy();
}
