import { h, svg } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';

// A horizontal bar chart in SVG, drawn as wide as the page so its text reads at the page's size;
// hovering or focusing a bar shows the sentence behind it.

export interface Bar {
  id: string;
  label: string;
  value: number;
  colour: string;
  kind: 'company' | 'total';
  /** The bar's value in words with its unit ("USD 258 bn"), for the tooltip and screen readers. */
  valueText: string;
  detail: () => HTMLElement;
}

export function barChart(title: string, bars: Bar[], tooltip: HTMLElement): HTMLElement {
  const rowHeight = 30;
  const labelWidth = 220;
  const width = 900;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${bars.length * rowHeight + 10}`, role: 'group', 'aria-label': title, class: 'bars' });
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 5;
    const length = ((width - labelWidth - 90) * bar.value) / max;
    const group = svg('g', {
      class: `bar bar-${bar.kind}`,
      'data-id': bar.id,
      'data-value': bar.value,
      tabindex: 0,
      role: 'img',
      'aria-label': `${bar.label}: ${bar.valueText}`,
    });
    const label = svg('text', { x: labelWidth - 10, y: y + 18, 'text-anchor': 'end', class: 'bar-label' });
    label.textContent = bar.label;
    const rect = svg('rect', { x: labelWidth, y, width: Math.max(length, 1), height: rowHeight - 6, fill: bar.colour, rx: 2 });
    const value = svg('text', { x: labelWidth + length + 8, y: y + 18, class: 'bar-value' });
    value.textContent = formatNumber(bar.value);
    group.append(label, rect, value);
    const show = () => {
      tooltip.replaceChildren(h('strong', {}, `${bar.label}: ${bar.valueText}`), bar.detail());
      tooltip.hidden = false;
    };
    group.addEventListener('mouseenter', show);
    group.addEventListener('focus', show);
    chart.append(group);
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), chart);
}
