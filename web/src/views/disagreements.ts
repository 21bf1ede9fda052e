import { gql } from '../lib/api.js';
import { controlsForm, h } from '../lib/dom.js';
import { downloadMenu } from '../lib/download.js';
import { CONFLICT } from '../lib/fragments.js';
import { formatNumber } from '../lib/format.js';
import type { DisagreementsQuery } from '../lib/generated.js';
import { addMessages, t } from '../lib/i18n.js';
import { href, navigate } from '../lib/state.js';
import type { Conflict } from '../lib/types.js';
import { load } from '../widgets/status.js';
import { valueText } from '../widgets/evidence.js';
import { conflictsSection } from './entity-conflicts.js';

// Every place where sources disagree, each value with its sources and sentences, the preferred one
// marked: the entity page's disagreements section, over the whole graph, paged, filterable by entity.

addMessages({
  'Where sources disagree': '来源说法不一之处',
  'Only about the entity (key)': '仅限此实体（键）',
  'All entities': '全部实体',
  'More disagreements': '更多分歧',
  'No disagreements.': '没有分歧。',
  'No disagreements about {key}.': '关于 {key} 没有分歧。',
  'A disagreement appears when two sources state different values for the same thing: a link with other units or period values, a figure for the same subject, metric and period with another value, or an entity property given differently. Nothing is overwritten: each source keeps its statement, the first recorded is shown elsewhere, and the others are listed here.':
    '当两个来源对同一事物给出不同的值时，就会出现分歧：同一关系的数量或时期不同、同一主体、指标和时期的数据不同，或同一实体属性说法不同。任何陈述都不会被覆盖：每个来源保留其陈述，其他页面显示最先记录的值，其余的值列在这里。',
  '{shown} of {total}': '第 {shown} 条，共 {total} 条',
});

const DISAGREEMENTS = `query Disagreements($subject: String, $after: String) {
  graphVersion
  conflicts(subject: $subject, first: 20, after: $after) { totalCount edges { node { ${CONFLICT} } } pageInfo { hasNextPage endCursor } }
}`;

/** CSV: one row per value per conflict, each with its sources and sentences. */
function downloads(answers: DisagreementsQuery[], conflicts: Conflict[], subject: string): HTMLElement {
  return downloadMenu({
    name: subject ? `disagreements-${subject}` : 'disagreements',
    graphVersion: answers[0]?.graphVersion ?? null,
    tables: [
      {
        name: 'disagreements',
        columns: ['conflict', 'kind', 'subject', 'about', 'object', 'period', 'value', 'preferred', 'sources', 'evidence', 'rule'],
        rows: conflicts.flatMap((conflict) =>
          conflict.values.map((value) => ({
            conflict: conflict.id,
            kind: conflict.kind,
            subject: conflict.subject?.key,
            about: conflict.about,
            object: conflict.object?.key,
            period: conflict.period,
            value: valueText(value.value),
            preferred: value.preferred,
            sources: [...new Set(value.support.flatMap((s) => s.sources.map((source) => source.key)))].join('|'),
            evidence: value.support.flatMap((s) => s.evidenceSentences).join('\n'),
            rule: conflict.rule,
          })),
        ),
      },
    ],
    json: { graphVersion: answers[0]?.graphVersion ?? null, pages: answers },
  });
}

export function disagreementsView(root: HTMLElement, params: URLSearchParams): undefined {
  const subject = (params.get('entity') ?? '').trim();
  const body = h('div', { class: 'disagreements-body' });
  const heading = h('div', { class: 'page-heading' }, h('h1', {}, t('Where sources disagree')));
  const filter = controlsForm(
    (form) => navigate(href('disagreements', { entity: String(form.get('entity') ?? '').trim() })),
    h('label', {}, t('Only about the entity (key)'), ' ', h('input', { name: 'entity', value: subject, placeholder: 'bytedance', autocomplete: 'off' })),
    h('button', { type: 'submit' }, t('Show')),
    subject ? h('a', { href: href('disagreements') }, t('All entities')) : null,
  );
  root.replaceChildren(h('section', { class: 'disagreements-page' }, heading, filter, body));
  void load(
    body,
    () => gql<DisagreementsQuery>(DISAGREEMENTS, { subject: subject || null, after: null }),
    (first) => {
      const answers = [first];
      const conflicts = first.conflicts.edges.map((e) => e.node);
      const total = first.conflicts.totalCount;
      const menu = h('div', { class: 'disagreements-download' }, downloads(answers, conflicts, subject));
      heading.replaceChildren(h('h1', {}, t('Where sources disagree'), h('span', { class: 'count' }, ` (${formatNumber(total)})`)), menu);
      if (!conflicts.length) {
        body.replaceChildren(
          h(
            'div',
            { class: 'empty-state', 'data-empty': 'true' },
            h('p', {}, h('strong', {}, subject ? t('No disagreements about {key}.').replace('{key}', subject) : t('No disagreements.'))),
            h('p', { class: 'hint' }, explanation()),
          ),
        );
        return;
      }
      const list = h('div', { class: 'conflict-list' }, conflictsSection(conflicts, total));
      const status = h('p', { class: 'shown', 'aria-live': 'polite' });
      const showStatus = () => {
        status.textContent = t('{shown} of {total}').replace('{shown}', formatNumber(conflicts.length)).replace('{total}', formatNumber(total));
      };
      showStatus();
      let cursor = first.conflicts.pageInfo.endCursor ?? null;
      const more = h('button', { type: 'button', class: 'more' }, t('More disagreements'));
      more.hidden = !first.conflicts.pageInfo.hasNextPage;
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const next = await gql<DisagreementsQuery>(DISAGREEMENTS, { subject: subject || null, after: cursor });
          answers.push(next);
          conflicts.push(...next.conflicts.edges.map((e) => e.node));
          list.replaceChildren(conflictsSection(conflicts, total) ?? '');
          cursor = next.conflicts.pageInfo.endCursor ?? null;
          more.hidden = !next.conflicts.pageInfo.hasNextPage;
          menu.replaceChildren(downloads(answers, conflicts, subject));
          showStatus();
        } finally {
          more.disabled = false;
        }
      });
      body.replaceChildren(h('p', { class: 'hint' }, explanation()), list, h('div', { class: 'more-row' }, status, more));
    },
  );
  return undefined;
}

function explanation(): string {
  return t(
    'A disagreement appears when two sources state different values for the same thing: a link with other units or period values, a figure for the same subject, metric and period with another value, or an entity property given differently. Nothing is overwritten: each source keeps its statement, the first recorded is shown elsewhere, and the others are listed here.',
  );
}
