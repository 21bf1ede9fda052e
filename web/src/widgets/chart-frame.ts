import { h, svg } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { addMessages, t } from '../lib/i18n.js';

// The charts' shared frame: time on x, a quantity on y from zero, one coloured line per series with
// its interval as a shaded band where the data has one, a legend in words, and the plotted points
// again as a table (the accessible alternative, and what the CSV download holds).

addMessages({ 'Data table': '数据表' });

/** Okabe–Ito colours (without the yellow, too pale on white), then a grey for "other". */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#7F7F7F'];

export interface ChartPoint {
  /** The time of the point, ms since the epoch (UTC). */
  x: number;
  /** The day as the data gives it (2024-03-31). */
  when: string;
  y: number;
  low?: number | null;
  high?: number | null;
}

export interface ChartSeries {
  key: string;
  name: string;
  points: ChartPoint[];
  /** A cumulative total holds its value until the next point: drawn as steps. */
  step?: boolean;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  format: (value: number) => string;
}

const MARGIN = { left: 78, right: 16, top: 14, bottom: 48 };

/** A day (2024, 2024-03 or 2024-03-31) as ms since the epoch, UTC; partial dates count from their start. */
export function dayOf(text: string): number {
  const [year, month = '1', day = '1'] = text.split('-');
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/** About `count` round steps (1, 2 or 5 times a power of ten) from 0 past `max`. */
function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
}

function yearTicks(from: number, to: number): number[] {
  const first = new Date(from).getUTCFullYear() + 1;
  const last = new Date(to).getUTCFullYear();
  const years: number[] = [];
  const every = Math.max(1, Math.ceil((last - first + 1) / 10));
  for (let year = first; year <= last; year += every) years.push(Date.UTC(year, 0, 1));
  return years.length ? years : [Date.UTC(first - 1, 0, 1)];
}

const text = (attributes: Record<string, string | number>, content: string) => {
  const element = svg('text', attributes);
  element.textContent = content;
  return element;
};

/** The chart as SVG: axes with labels, gridlines, bands, lines and points (each with a title). */
export function lineChart(spec: ChartSpec): SVGSVGElement {
  // A narrower drawing on a phone, so its text stays readable when scaled to the screen.
  const narrow = window.matchMedia('(max-width: 600px)').matches;
  const [WIDTH, HEIGHT] = narrow ? [420, 300] : [760, 380];
  const points = spec.series.flatMap((series) => series.points);
  const xs = points.map((point) => point.x);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yTicks = niceTicks(Math.max(...points.map((point) => point.high ?? point.y)));
  const yMax = yTicks.at(-1)!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value: number) => MARGIN.left + (xMax === xMin ? plotWidth / 2 : ((value - xMin) / (xMax - xMin)) * plotWidth);
  const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;

  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'line-chart', role: 'img', 'aria-label': spec.title });
  const grid = svg('g', { class: 'grid' });
  for (const tick of yTicks) {
    grid.append(
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
      text({ x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' }, spec.format(tick)),
    );
  }
  for (const tick of yearTicks(xMin, xMax)) {
    grid.append(
      svg('line', { x1: x(tick), x2: x(tick), y1: MARGIN.top, y2: MARGIN.top + plotHeight, class: 'year' }),
      text({ x: x(tick), y: MARGIN.top + plotHeight + 16, 'text-anchor': 'middle', class: 'tick' }, String(new Date(tick).getUTCFullYear())),
    );
  }
  chart.append(
    grid,
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight, class: 'axis' }),
    svg('line', { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotHeight, class: 'axis' }),
    text({ x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis-label' }, spec.xLabel),
    text(
      { x: 14, y: MARGIN.top + plotHeight / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${MARGIN.top + plotHeight / 2})`, class: 'axis-label' },
      spec.yLabel,
    ),
  );

  spec.series.forEach((series, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const group = svg('g', { class: 'series', 'data-series': series.key });
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const banded = sorted.filter((point) => typeof point.low === 'number' && typeof point.high === 'number');
    if (banded.length > 1) {
      const upper = banded.map((point) => `${x(point.x)},${y(point.high!)}`);
      const lower = banded.map((point) => `${x(point.x)},${y(point.low!)}`).reverse();
      group.append(svg('path', { d: `M${upper.join('L')}L${lower.join('L')}Z`, fill: colour, class: 'band', 'data-series': series.key }));
    }
    const line = sorted
      .map((point, j) => {
        const previous = sorted[j - 1];
        if (!previous) return `M${x(point.x)},${y(point.y)}`;
        return series.step ? `H${x(point.x)}V${y(point.y)}` : `L${x(point.x)},${y(point.y)}`;
      })
      .join('');
    group.append(svg('path', { d: line, stroke: colour, class: 'line' }));
    for (const point of sorted) {
      const dot = svg('circle', {
        cx: x(point.x),
        cy: y(point.y),
        r: sorted.length > 40 ? 1.8 : 3,
        fill: colour,
        class: 'point',
        'data-value': point.y,
        'data-when': point.when,
      });
      const interval = typeof point.low === 'number' && typeof point.high === 'number' ? ` (${spec.format(point.low)}–${spec.format(point.high)})` : '';
      const title = svg('title');
      title.textContent = `${series.name}, ${point.when}: ${spec.format(point.y)}${interval}`;
      dot.append(title);
      group.append(dot);
    }
    chart.append(group);
  });
  return chart;
}

/** The series' names in their colours, with what a band means when there is one. */
export function chartLegend(series: ChartSeries[], bandNote?: string): HTMLElement {
  const legend = h(
    'ul',
    { class: 'legend chart-legend' },
    series.map((item, i) => h('li', {}, h('span', { class: 'swatch', 'data-colour': SERIES_COLOURS[i % SERIES_COLOURS.length]! }), item.name)),
    bandNote ? h('li', {}, h('span', { class: 'band-swatch' }), bandNote) : null,
  );
  for (const swatch of legend.querySelectorAll<HTMLElement>('.swatch[data-colour]')) swatch.style.backgroundColor = swatch.dataset.colour!;
  return legend;
}

/** The plotted points as a table, folded away under the chart. */
export function dataTable(caption: string, headings: string[], rows: (string | number | null)[][]): HTMLElement {
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, t('Data table')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table' },
        h('caption', {}, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headings.map((heading) => h('th', { scope: 'col' }, heading)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              {},
              row.map((cell) => h('td', { class: typeof cell === 'number' ? 'number' : null }, typeof cell === 'number' ? formatNumber(cell) : (cell ?? '—'))),
            ),
          ),
        ),
      ),
    ),
  );
}
