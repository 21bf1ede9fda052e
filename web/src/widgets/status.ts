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

/** What failed, in words, with a way to try again: never a blank page. */
export function showError(root: HTMLElement, error: unknown, retry: () => void): void {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  root.replaceChildren(
    h(
      'div',
      { class: 'status error', role: 'alert', 'data-code': code },
      h('p', {}, explain(error)),
      code === 'NOT_FOUND' ? null : h('button', { type: 'button', onclick: retry }, t('Retry')),
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
