import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

function loading(root: HTMLElement): void {
  root.replaceChildren(h('p', { class: 'status loading', role: 'status' }, `${t('Loading')}…`));
}

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'DATABASE_UNAVAILABLE') return t('The graph database is unavailable right now; retry in a few seconds.');
  return error.message;
}

/** Codes of a request that names something that does not exist: asking again gives the same answer. */
const NAMES_NOTHING = new Set(['NOT_FOUND', 'BAD_USER_INPUT']);

/**
 * The values the service suggests for an input that names nothing, each a link to this page with
 * the value in its place, when the page's address carries that input (`key=`, `chip=`).
 */
function suggestionLinks(error: ApiError): HTMLElement | null {
  const url = new URL(window.location.href);
  if (!error.argument || !error.suggestions.length || !url.searchParams.has(error.argument)) return null;
  const argument = error.argument;
  const linkTo = (value: string) => {
    const next = new URL(url);
    next.searchParams.set(argument, value);
    return `${next.pathname}${next.search}`;
  };
  return h(
    'div',
    { class: 'did-you-mean' },
    h('p', {}, t('Did you mean:')),
    h(
      'ul',
      {},
      error.suggestions.map((value) => h('li', {}, h('a', { href: linkTo(value), 'data-key': value }, value))),
    ),
  );
}

/** What failed, in words, with a way to try again (or the values meant): never a blank page. */
export function showError(root: HTMLElement, error: unknown, retry: () => void): void {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const links = error instanceof ApiError ? suggestionLinks(error) : null;
  // With the links drawn, the message's own list of the same values would say it twice.
  const message = links ? explain(error).replace(/\s*(Did you mean|Keys are case-sensitive)[\s\S]*$/, '') : explain(error);
  root.replaceChildren(
    h(
      'div',
      { class: 'status error', role: 'alert', 'data-code': code },
      h('p', {}, message),
      links,
      NAMES_NOTHING.has(code) ? null : h('button', { type: 'button', onclick: retry }, t('Retry')),
    ),
  );
}

/** Runs a view's loading with its loading and error states; stale answers (after navigating on) are dropped. */
export async function load<T>(root: HTMLElement, fetchData: () => Promise<T>, show: (data: T) => void): Promise<void> {
  const token = Symbol('load');
  (root as { loadToken?: symbol }).loadToken = token;
  loading(root);
  try {
    const data = await fetchData();
    if ((root as { loadToken?: symbol }).loadToken === token) show(data);
  } catch (error) {
    if ((root as { loadToken?: symbol }).loadToken === token) showError(root, error, () => void load(root, fetchData, show));
  }
}
