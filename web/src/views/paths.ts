import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel } from '../lib/format.js';
import { basisBadge, relationDetails, relationTitle } from '../widgets/evidence.js';
import { ENTITY_REF, RELATION } from '../lib/fragments.js';
import { GraphView, relationId } from '../widgets/graph-view.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { HOP_COLUMNS, hopRows, pathsGraph } from '../lib/path-downloads.js';
import { type SearchHit, search, searchBox } from '../widgets/search-box.js';
import { href, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { PathEndsQuery, PathsQuery } from '../lib/generated.js';
import type { EntityRef, Relation } from '../lib/types.js';

addMessages({
  'Include paths through quotes': '包括经由引述的路径',
  'Paths through a quote only say that one quote mentions both ends; they are left out unless this is ticked.':
    '经由引述的路径只说明同一段引述提到了两端；除非勾选此项，否则不显示。',
  hop: '跳',
  hops: '跳',
  'names no entity.': '不是任何实体的名称或键。',
  'Type a name in the box above and pick a suggestion.': '请在上方输入名称并从建议中选择。',
  'Choose both ends: type a name in each box and pick a suggestion.': '请选择两端：在每个输入框中输入名称并选择建议。',
});

const PATHS = `query Paths($from: String!, $to: String!, $maxHops: Int, $first: Int, $excludeLabels: [EntityLabel!]) {
  graphVersion
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, excludeLabels: $excludeLabels) { length nodes { ${ENTITY_REF} } relationships { ${RELATION} } }
}`;
const PATH_ENDS = `query PathEnds($from: String!, $to: String!) { from: entity(key: $from) { ${ENTITY_REF} } to: entity(key: $to) { ${ENTITY_REF} } }`;

type End = 'from' | 'to';
type Found =
  | { kind: 'paths'; ends: Record<End, EntityRef>; answer: PathsQuery }
  | { kind: 'choices'; choices: { end: End; text: string; hits: SearchHit[] }[] };

/** A search hit that is the name typed (any spelling the graph holds, any case): what a shared link with names means. */
function exactHit(text: string, hits: SearchHit[]): SearchHit | undefined {
  const wanted = text.trim().toLowerCase();
  return hits.find((hit) => [hit.key, hit.name, hit.nameZh, ...(hit.aliases ?? [])].some((spelling) => spelling?.toLowerCase() === wanted));
}

/** Shortest paths between two entities, drawn together, and each hop with its evidence. */
export function pathsView(root: HTMLElement, params: URLSearchParams): () => void {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const maxHops = Math.min(6, Math.max(1, Number(params.get('maxHops')) || 4));
  const withQuotes = params.get('quotes') === 'include';
  const chosen = { from, to };
  const urlFor = (ends: Record<End, string>, hopCount: number | string = maxHops, quotes = withQuotes) =>
    href('paths', { from: ends.from, to: ends.to, maxHops: String(hopCount), quotes: quotes ? 'include' : undefined });
  const endpoint = (end: End) =>
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
  const quotes = h('input', { type: 'checkbox', name: 'quotes', checked: withQuotes });
  document.title = `${t('Paths')} · Compute Atlas`;
  root.replaceChildren(
    h('h1', {}, t('Paths')),
    h(
      'form',
      {
        class: 'controls',
        onsubmit: (event) => {
          event.preventDefault();
          navigate(urlFor(chosen, hops.value, quotes.checked));
        },
      },
      endpoint('from'),
      endpoint('to'),
      h('label', {}, `${t('Max hops')} `, hops),
      h(
        'label',
        { class: 'check', title: t('Paths through a quote only say that one quote mentions both ends; they are left out unless this is ticked.') },
        quotes,
        ` ${t('Include paths through quotes')}`,
      ),
      h('button', { type: 'submit' }, t('Find')),
    ),
  );
  const status = h('div', {});
  root.append(status);
  if (!from || !to) {
    status.replaceChildren(h('p', { class: 'status' }, t('Choose both ends: type a name in each box and pick a suggestion.')));
    return () => undefined;
  }

  let graph: GraphView | undefined;
  const find = async (): Promise<Found> => {
    const known = await gql<PathEndsQuery>(PATH_ENDS, { from, to }, { lookups: true });
    if (known.from && known.to) {
      const answer = await gql<PathsQuery>(PATHS, { from, to, maxHops, first: 5, excludeLabels: withQuotes ? null : ['Quote'] });
      return { kind: 'paths', ends: { from: known.from, to: known.to }, answer };
    }
    // Names (a link written by hand, a box submitted without picking): the exact spelling opens
    // the paths between those keys; anything else asks which entity was meant.
    const unresolved = (['from', 'to'] as const).filter((end) => !known[end]);
    const choices = await Promise.all(unresolved.map(async (end) => ({ end, text: params.get(end) ?? '', hits: await search(params.get(end) ?? '', 5) })));
    const resolved = { from, to };
    for (const choice of choices) {
      const hit = exactHit(choice.text, choice.hits);
      if (!hit) return { kind: 'choices', choices };
      resolved[choice.end] = hit.key;
    }
    navigate(urlFor(resolved), { replace: true });
    return { kind: 'choices', choices: [] };
  };
  void load(status, find, (found) => {
    if (found.kind === 'choices') {
      if (found.choices.length) status.replaceChildren(...found.choices.map((choice) => didYouMean(choice, (key) => urlFor({ from, to, [choice.end]: key }))));
      return;
    }
    const { ends, answer } = found;
    const { paths } = answer;
    document.title = `${nameOf(ends.from)} → ${nameOf(ends.to)} · ${t('Paths')} · Compute Atlas`;
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
      downloadMenu({
        name: `paths-${from}-${to}`,
        graphVersion: answer.graphVersion ?? null,
        tables: [{ name: 'hops', columns: [...HOP_COLUMNS], rows: hopRows(paths) }],
        json: answer,
        graph: pathsGraph(paths),
      }),
      h('div', { class: 'graph-layout' }, canvas, panel),
      h(
        'ol',
        { class: 'path-list' },
        paths.map((path) =>
          h(
            'li',
            { class: 'path', 'data-length': path.length },
            h('h3', {}, `${path.length} ${t(path.length === 1 ? 'hop' : 'hops')}`),
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
  });
  return () => graph?.destroy();
}

/** An end whose text names no entity exactly: the entities search finds for it, each a link to the paths it would give. */
function didYouMean(choice: { end: End; text: string; hits: SearchHit[] }, urlWith: (key: string) => string): HTMLElement {
  return h(
    'div',
    { class: 'status did-you-mean', role: 'alert', 'data-end': choice.end },
    h('p', {}, `${t(choice.end === 'from' ? 'From' : 'To')}: “${choice.text}” ${t('names no entity.')}`),
    choice.hits.length
      ? [
          h('p', {}, t('Did you mean:')),
          h(
            'ul',
            {},
            choice.hits.map((hit) => h('li', {}, h('a', { href: urlWith(hit.key), 'data-key': hit.key }, nameOf(hit)), ` (${enumLabel(hit.label)})`)),
          ),
        ]
      : h('p', {}, t('Type a name in the box above and pick a suggestion.')),
  );
}
