import { h } from '../lib/dom.js';
import { addMessages, t } from '../lib/i18n.js';

// How to cite a source, in each style the API writes, each with a button that copies it. Where the
// clipboard is not available (an insecure origin, a refused permission) the text is selected instead,
// for the reader to copy with the keyboard.

addMessages({
  'How to cite': '引用格式',
  Copy: '复制',
  Copied: '已复制',
  'Selected: press Ctrl+C (⌘C) to copy': '已选中：按 Ctrl+C（⌘C）复制',
  Text: '文本',
});

interface Citable {
  text?: string | null;
  bibtex?: string | null;
  cslJson?: string | null;
}

const STYLES: [keyof Citable, string, string][] = [
  ['text', 'TEXT', 'Text'],
  ['bibtex', 'BIBTEX', 'BibTeX'],
  ['cslJson', 'CSL_JSON', 'CSL-JSON'],
];

function selectText(element: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

function copyButton(text: string, target: HTMLElement, label: string): HTMLElement {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': `${t('Copy')}: ${label}` }, t('Copy'));
  button.addEventListener('click', async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      status.textContent = t('Copied');
    } catch {
      selectText(target);
      status.textContent = t('Selected: press Ctrl+C (⌘C) to copy');
    }
  });
  return h('span', { class: 'copy-controls' }, button, status);
}

export function citationBlock(source: Citable): HTMLElement {
  return h(
    'section',
    { class: 'citations', 'aria-labelledby': 'citations-title' },
    h('h2', { id: 'citations-title' }, t('How to cite')),
    STYLES.filter(([field]) => source[field]).map(([field, style, label]) => {
      const text = field === 'cslJson' ? prettyJson(source[field]!) : source[field]!;
      const pre = h('pre', { class: 'citation-text', tabindex: 0, 'aria-label': label }, text);
      return h(
        'div',
        { class: 'citation-style', 'data-style': style },
        h('div', { class: 'citation-heading' }, h('h3', {}, style === 'TEXT' ? t('Text') : label), copyButton(text, pre, label)),
        pre,
      );
    }),
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
