import { h } from '../lib/dom.js';
import { enumLabel } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import type { Conflict } from '../lib/types.js';
import { entityLink, sideBySide } from '../widgets/evidence.js';

// Where sources disagree about the entity: each value in its own column with its sources.

const KIND: Record<Conflict['kind'], string> = { LINK: 'link', FIGURE: 'figure', ENTITY: 'property' };

/** What a disagreement is about: the link (ends, type, period), the figure or the property. */
function conflictTitle(conflict: Conflict): HTMLElement {
  const subject = conflict.subject ? entityLink(conflict.subject) : '';
  const object = conflict.object ? entityLink(conflict.object) : null;
  return h(
    'h3',
    {},
    h('span', { class: 'badge' }, t(KIND[conflict.kind])),
    ' ',
    conflict.kind === 'LINK'
      ? [subject, h('span', { class: 'rel-type' }, ` —${enumLabel(conflict.about)}→ `), object]
      : [subject, h('span', { class: 'rel-type' }, ` · ${enumLabel(conflict.about)}`), object ? [' · ', object] : null],
    conflict.period ? h('span', { class: 'period-tag' }, ` · ${conflict.period}`) : null,
  );
}

/** Every place where sources disagree about this entity, each value in its own column. */
export function conflictsSection(conflicts: Conflict[], total: number): HTMLElement | null {
  if (!conflicts.length) return null;
  return h(
    'section',
    { class: 'conflicts', 'aria-labelledby': 'conflicts-title' },
    h('h2', { id: 'conflicts-title' }, t('Disagreements'), h('span', { class: 'badge conflict' }, String(total))),
    h('p', { class: 'hint' }, t('Sources give different values here; each value is shown with the sources and sentences behind it.')),
    conflicts.map((conflict) =>
      h(
        'article',
        { class: 'conflict', 'data-id': conflict.id, 'data-kind': conflict.kind },
        conflictTitle(conflict),
        sideBySide(conflict.values.map((value) => ({ value: value.value, preferred: value.preferred, supports: value.support }))),
      ),
    ),
    total > conflicts.length ? h('p', { class: 'hint' }, `${conflicts.length} / ${total}`) : null,
    h('p', { class: 'rule' }, h('strong', {}, `${t('How the preferred value is chosen')}: `), t(conflicts[0]!.rule)),
  );
}
