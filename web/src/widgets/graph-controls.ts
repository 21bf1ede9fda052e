import { h } from '../lib/dom.js';
import { enumLabel, formatNumber } from '../lib/format.js';
import { swatch } from '../lib/graph-style.js';
import { addMessages, t } from '../lib/i18n.js';
import { type GraphView, lineKeys } from './graph-view.js';

// The controls around a drawing: zoom and fit, and a legend whose entries are switches. Every
// category and relationship type shows until it is switched off (exclusions, so dropping quotes is
// one click), and each says how many of its kind the view holds.

addMessages({
  'Zoom in': '放大',
  'Zoom out': '缩小',
  'Fit to screen': '适应屏幕',
  Fit: '适应',
  'Drawing controls': '图形控制',
  'Show categories': '显示类别',
  'Show relationship types': '显示关系类型',
  'Line styles': '线型',
});

export function zoomBar(graph: GraphView): HTMLElement {
  const button = (text: string, label: string, action: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'zoom', 'aria-label': label, title: label, 'data-action': action, onclick }, text);
  return h(
    'div',
    { class: 'graph-toolbar', role: 'toolbar', 'aria-label': t('Drawing controls') },
    button('+', t('Zoom in'), 'zoom-in', () => graph.zoomBy(1.25)),
    button('−', t('Zoom out'), 'zoom-out', () => graph.zoomBy(0.8)),
    button(t('Fit'), t('Fit to screen'), 'fit', () => graph.fit()),
  );
}

/**
 * The legend as switches: a box per label (with the node's shape) and per relationship type, ticked
 * when shown. `onChange` hears the new set of hidden names.
 */
export function filterLegend(graph: GraphView, hidden: Set<string>, onChange: (hidden: Set<string>) => void): HTMLElement {
  const { labels, types } = graph.counts();
  const toggle = (name: string) => (event: Event) => {
    if ((event.target as HTMLInputElement).checked) hidden.delete(name);
    else hidden.add(name);
    graph.setHidden(hidden);
    onChange(hidden);
  };
  const box = (name: string, count: number, mark: Element, text: string, kind: string) =>
    h(
      'label',
      { class: 'check legend-switch', 'data-filter': name, 'data-kind': kind },
      h('input', { type: 'checkbox', name: kind, value: name, checked: !hidden.has(name), onchange: toggle(name) }),
      mark,
      `${text} `,
      h('span', { class: 'count' }, `(${formatNumber(count)})`),
    );
  const sorted = (map: Map<string, number>) => [...map].sort(([a], [b]) => enumLabel(a).localeCompare(enumLabel(b)));
  return h(
    'div',
    { class: 'graph-filters' },
    h(
      'fieldset',
      {},
      h('legend', {}, t('Show categories')),
      sorted(labels).map(([label, count]) => box(label, count, swatch(label), enumLabel(label), 'label')),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('Show relationship types')),
      sorted(types).map(([type, count]) => box(type, count, h('span', { class: 'line stated' }), enumLabel(type), 'type')),
    ),
    h('ul', { class: 'legend', 'aria-label': t('Line styles') }, lineKeys()),
  );
}
