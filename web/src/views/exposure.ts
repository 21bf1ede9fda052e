import { gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { basisBadge, entityLink, relationDetails, relationTitle } from '../widgets/evidence.js';
import { ENTITY_REF, RELATION } from '../lib/fragments.js';
import { GraphView, relationId } from '../widgets/graph-view.js';
import { addMessages, nameOf, t } from '../lib/i18n.js';
import { downloadMenu } from '../lib/download.js';
import { enumLabel } from '../lib/format.js';
import { HOP_COLUMNS, hopRows, pathsGraph } from '../lib/path-downloads.js';
import { href, list, navigate } from '../lib/state.js';
import { load } from '../widgets/status.js';
import type { ChipsQuery, ExposureQuery } from '../lib/generated.js';
import type { Path, Relation } from '../lib/types.js';
import { POLICY_KINDS } from '../../../src/core/model.js';

type Exposure = ExposureQuery['exposure'][number];

const CHIPS = `query Chips { chips(first: 100) { edges { node { ${ENTITY_REF} } } } }`;
const EXPOSURE = `query Exposure($chip: String!, $kinds: [PolicyKind!]) {
  graphVersion
  exposure(chip: $chip, policyKinds: $kinds) {
    company { ${ENTITY_REF} } chip { ${ENTITY_REF} } policies { ${ENTITY_REF} kind status } routes
    paths { length nodes { ${ENTITY_REF} } relationships { ${RELATION} } }
  }
}`;

type PathKind = 'Usage' | 'Threat' | 'Scope';

addMessages({
  'Choose at least one policy kind.': '请至少选择一种政策类型。',
});

const routesText = (routes: readonly string[]) => routes.map(enumLabel).join(' + ');

/** The API returns the three kinds of paths together: a policy's edge to the chip is the threat, TARGETS the scope. */
function kindOf(path: Path): PathKind {
  const types = path.relationships.map((r) => r.type);
  if (types.includes('TARGETS')) return 'Scope';
  if (types.some((type) => type === 'THREATENS' || type === 'RESTRICTS')) return 'Threat';
  return 'Usage';
}

function hop(relation: Relation, onOpen: (relation: Relation) => void): HTMLElement {
  const sentence = relation.evidenceSentences[0] ?? relation.evidence;
  return h(
    'li',
    { class: relation.basis === 'STATED' ? 'hop' : 'hop derived', 'data-type': relation.type },
    h('div', {}, relationTitle(relation), basisBadge(relation.basis)),
    sentence ? h('button', { type: 'button', class: 'sentence', onclick: () => onOpen(relation) }, sentence) : null,
  );
}

function exposureCard(exposure: Exposure, onOpen: (relation: Relation) => void): HTMLElement {
  const byKind = (kind: PathKind) => exposure.paths.filter((path) => kindOf(path) === kind);
  return h(
    'article',
    { class: 'exposure-card', 'data-company': exposure.company.key },
    h('h3', {}, entityLink(exposure.company), h('span', { class: 'routes' }, routesText(exposure.routes))),
    h(
      'p',
      { class: 'policies' },
      exposure.policies.map((policy) =>
        h('span', { class: 'policy' }, entityLink(policy), h('span', { class: `badge status-${policy.status}` }, enumLabel(policy.status))),
      ),
    ),
    (['Usage', 'Threat', 'Scope'] as const).map((kind) =>
      byKind(kind).length
        ? h(
            'div',
            { class: `path-kind kind-${kind}` },
            h('h4', {}, t(kind)),
            byKind(kind).map((path) =>
              h(
                'ol',
                { class: 'hops' },
                path.relationships.map((relation) => hop(relation, onOpen)),
              ),
            ),
          )
        : null,
    ),
  );
}

/** The exposure answer as tables: one row per company, one per hop of the paths that say why. */
function exposureDownload(chip: string, kinds: string[], answer: ExposureQuery): HTMLElement {
  const { exposure } = answer;
  const paths = exposure.flatMap((e) => e.paths);
  return downloadMenu({
    name: `exposure-${chip}-${kinds.join('-')}`,
    graphVersion: answer.graphVersion ?? null,
    tables: [
      {
        name: 'companies',
        columns: ['companyKey', 'companyName', 'routes', 'policies', 'policyStatuses', 'paths'],
        rows: exposure.map((e) => ({
          companyKey: e.company.key,
          companyName: e.company.name,
          routes: e.routes.join(' + '),
          policies: e.policies.map((policy) => policy.key).join('; '),
          policyStatuses: e.policies.map((policy) => policy.status).join('; '),
          paths: e.paths.length,
        })),
      },
      {
        name: 'evidence',
        columns: ['companyKey', 'pathKind', ...HOP_COLUMNS],
        rows: exposure.flatMap((e) => hopRows(e.paths, (index) => ({ companyKey: e.company.key, pathKind: kindOf(e.paths[index]!) }))),
      },
    ],
    json: answer,
    graph: pathsGraph(paths),
  });
}

/**
 * Pick a chip and policy kinds: the companies exposed, with the use, threat and scope paths that
 * say why. No kind ticked (`kinds=`) means none, as the form shows it, not every kind.
 */
export function exposureView(root: HTMLElement, params: URLSearchParams): () => void {
  const chip = params.get('chip') ?? 'h20';
  const kinds = params.has('kinds') ? list(params, 'kinds') : ['EXPORT_CONTROL'];
  const chipSelect = h('select', { name: 'chip', 'aria-label': t('Chip') }, h('option', { value: chip }, chip));
  const controls = controlsForm(
    (form) => {
      const chosen = form.getAll('kinds').map(String);
      const url = href('exposure', { chip: String(form.get('chip')), kinds: chosen });
      // href leaves empty values out, and no kinds parameter at all means the default kind.
      navigate(chosen.length ? url : `${url}&kinds=`);
    },
    h('label', {}, `${t('Chip')} `, chipSelect),
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, t('Policy kinds')),
      POLICY_KINDS.map((kind) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'kinds', value: kind, checked: kinds.includes(kind) }), enumLabel(kind)),
      ),
    ),
    h('button', { type: 'submit' }, t('Show')),
  );
  const status = h('div', {});
  const canvas = h('div', { class: 'graph', 'data-testid': 'graph' });
  const panel = h('aside', { class: 'panel', 'aria-live': 'polite' });
  const cards = h('div', { class: 'exposure-cards' });
  root.replaceChildren(h('h1', {}, t('Exposure')), controls, status);

  let graph: GraphView | undefined;
  const open = (relation: Relation) => {
    graph?.select(relationId(relation));
    panel.replaceChildren(relationDetails(relation));
  };
  const noKinds = { graphVersion: null, exposure: [] } as ExposureQuery;
  void load(
    status,
    () => Promise.all([gql<ChipsQuery>(CHIPS), kinds.length ? gql<ExposureQuery>(EXPOSURE, { chip, kinds }) : Promise.resolve(noKinds)]),
    ([chips, answer]) => {
      const { exposure } = answer;
      chipSelect.replaceChildren(...chips.chips.edges.map(({ node }) => h('option', { value: node.key, selected: node.key === chip }, nameOf(node))));
      const chipName = chips.chips.edges.find(({ node }) => node.key === chip)?.node;
      document.title = `${chipName ? nameOf(chipName) : chip} · ${t('Exposure')} · Compute Atlas`;
      if (!kinds.length) {
        status.replaceChildren(h('p', { class: 'status', role: 'alert', 'data-code': 'NO_KINDS' }, t('Choose at least one policy kind.')));
        return;
      }
      if (!exposure.length) {
        status.replaceChildren(h('p', { class: 'status' }, t('No results.')));
        return;
      }
      status.replaceChildren(
        h('h2', {}, `${t('Exposed companies')}: ${exposure.length}`),
        exposureDownload(chip, kinds, answer),
        h('div', { class: 'graph-layout' }, canvas, panel),
        cards,
      );
      panel.replaceChildren(
        h('p', { class: 'hint' }, t('Click an edge or a sentence to read its evidence.')),
        h(
          'ul',
          { class: 'exposure-summary' },
          exposure.map((e) =>
            h(
              'li',
              {},
              entityLink(e.company),
              ` ${routesText(e.routes)} · `,
              e.policies.map((policy) => [nameOf(policy), h('span', { class: `badge status-${policy.status}` }, enumLabel(policy.status))]),
            ),
          ),
        ),
      );
      const paths = exposure.flatMap((e) => e.paths);
      graph = new GraphView(canvas, { focus: [chip, ...exposure.map((e) => e.company.key)], onEdge: open });
      graph.drawPaths(canvas, paths);
      cards.replaceChildren(...exposure.map((e) => exposureCard(e, open)));
    },
  );
  return () => graph?.destroy();
}
