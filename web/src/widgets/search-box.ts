import { gql } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { ENTITY_REF } from '../lib/fragments.js';
import { nameOf, t } from '../lib/i18n.js';
import type { SearchQuery } from '../lib/generated.js';

export type SearchHit = SearchQuery['search']['edges'][number]['node'];

const SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) { edges { score node { ${ENTITY_REF} aliases } } }
}`;

export async function search(text: string, first = 8): Promise<SearchHit[]> {
  const data = await gql<SearchQuery>(SEARCH, { text, first });
  return data.search.edges.map((edge) => edge.node);
}

export interface SearchBoxOptions {
  label: string;
  value?: string;
  onPick: (entity: SearchHit) => void;
  /** Enter without a highlighted suggestion. */
  onSubmit?: (text: string) => void;
  name?: string;
}

/**
 * A combobox over the full-text search: type, move with ↑/↓, open with Enter, leave with Esc.
 * Any spelling the index holds works: English, 简体, 繁體, aliases. As in the ARIA combobox pattern
 * (list autocomplete without automatic selection), no suggestion is highlighted until the reader
 * moves to one: the first ↓ reaches the first suggestion, and Enter before any move submits the text
 * (the results page), so neither the first hit nor the results are out of the keyboard's reach.
 */
export function searchBox(options: SearchBoxOptions): HTMLElement {
  const listId = `suggestions-${Math.random().toString(36).slice(2)}`;
  const input = h('input', {
    type: 'search',
    name: options.name ?? 'q',
    value: options.value ?? '',
    placeholder: t('Search companies, chips, policies… (English, 简体, 繁體)'),
    'aria-label': options.label,
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    autocomplete: 'off',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true });
  let hits: SearchHit[] = [];
  let active = -1;
  let pending = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    for (const [i, item] of [...list.children].entries()) item.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', `${listId}-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (hit: SearchHit) => {
    close();
    input.value = nameOf(hit);
    options.onPick(hit);
  };
  const show = () => {
    list.replaceChildren(
      ...hits.map((hit, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-key': hit.key,
            onmousedown: (event) => {
              event.preventDefault();
              pick(hit);
            },
          },
          h('span', { class: `dot label-${hit.label}` }),
          h('span', { class: 'hit-name' }, nameOf(hit)),
          hit.nameZh && nameOf(hit) !== hit.nameZh ? h('span', { class: 'hit-zh' }, hit.nameZh) : null,
          h('span', { class: 'hit-label' }, hit.label),
        ),
      ),
    );
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    highlight(-1);
  };

  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return close();
    timer = window.setTimeout(async () => {
      const request = ++pending;
      try {
        const found = await search(text);
        if (request !== pending) return;
        hits = found;
        show();
      } catch {
        // The suggestions are a shortcut; Enter still opens the search page, which shows the error.
        close();
      }
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      if (list.hidden) show();
      highlight((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      highlight(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = list.hidden ? undefined : hits[active];
      if (hit) pick(hit);
      else if (input.value.trim()) {
        close();
        options.onSubmit?.(input.value.trim());
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
  return h('div', { class: 'search-box' }, input, list);
}
