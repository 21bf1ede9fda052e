import { h } from '../lib/dom.js';
import { addMessages, t } from '../lib/i18n.js';
import { href } from '../lib/state.js';

addMessages({
  'This link names no entity (it has no key).': '此链接没有指明实体（缺少 key）。',
  'Search for one in the box above (press /), or start from the home page.': '请在上方搜索框中搜索（按 /），或从首页开始。',
  'Home page': '首页',
});

type Render = (root: HTMLElement, params: URLSearchParams) => (() => void) | undefined;

/** A view about one entity, opened without `key=` (`/?view=entity`): what to do instead of "No entity has the key “”". */
export function needsKey(render: Render): Render {
  return (root, params) => {
    if (params.get('key')) return render(root, params);
    root.replaceChildren(
      h(
        'div',
        { class: 'status', role: 'alert', 'data-code': 'NO_KEY' },
        h('p', {}, t('This link names no entity (it has no key).')),
        h('p', {}, t('Search for one in the box above (press /), or start from the home page.')),
        h('p', {}, h('a', { href: href('home') }, t('Home page'))),
      ),
    );
    return undefined;
  };
}
