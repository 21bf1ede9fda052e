import { h } from '../lib/dom.js';

/** Placeholder while the view is built (issue 21). */
export function sourceView(root: HTMLElement, _params: URLSearchParams): undefined {
  root.replaceChildren(h('h1', {}, 'source'));
}
