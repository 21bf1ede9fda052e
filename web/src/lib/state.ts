import { lang } from './i18n.js';

export const VIEWS = [
  'home',
  'search',
  'browse',
  'entity',
  'source',
  'neighbourhood',
  'exposure',
  'paths',
  'figures',
  'map',
  'charts',
  'disagreements',
] as const;
export type View = (typeof VIEWS)[number];

let onChange = (): void => undefined;

/** Registers what redraws the page when the URL changes (links, forms, back and forward). */
export function onNavigate(render: () => void): void {
  onChange = render;
  window.addEventListener('popstate', render);
}

/** A URL of this page holding a view's whole state, so that any view can be shared as a link. */
export function href(view: View, values: Record<string, string | number | string[] | undefined> = {}): string {
  const query = new URLSearchParams({ view });
  for (const [name, value] of Object.entries(values)) {
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text !== undefined && text !== '') query.set(name, String(text));
  }
  if (lang() === 'zh') query.set('lang', 'zh');
  return `${location.pathname}?${query}`;
}

export function navigate(url: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  onChange();
}

export function list(params: URLSearchParams, name: string): string[] {
  return (params.get(name) ?? '').split(',').filter(Boolean);
}
