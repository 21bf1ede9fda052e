import { svg } from './dom.js';

// How each label is drawn in the graphs: a colour from the Okabe–Ito palette (told apart with the
// common colour-vision deficiencies) and a shape, so that two labels sharing a colour still differ.
// The canvas, the legend and the SVG export all draw the same polygon points.

/** A shape as cytoscape's `polygon` points, x and y in [-1, 1]; null for a circle. */
export type ShapePoints = number[] | null;

function regular(corners: number, turn = 0): number[] {
  return Array.from({ length: corners }, (_, i) => {
    const angle = turn + (2 * Math.PI * i) / corners - Math.PI / 2;
    return [Math.round(Math.cos(angle) * 1000) / 1000, Math.round(Math.sin(angle) * 1000) / 1000];
  }).flat();
}

function star(points: number, inner: number): number[] {
  return Array.from({ length: points * 2 }, (_, i) => {
    const angle = (Math.PI * i) / points - Math.PI / 2;
    const radius = i % 2 ? inner : 1;
    return [Math.round(Math.cos(angle) * radius * 1000) / 1000, Math.round(Math.sin(angle) * radius * 1000) / 1000];
  }).flat();
}

const SHAPES = {
  circle: null,
  square: [-0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85],
  page: [-0.75, -1, 0.75, -1, 0.75, 1, -0.75, 1],
  diamond: [0, -1, 1, 0, 0, 1, -1, 0],
  triangle: [0, -1, 1, 0.8, -1, 0.8],
  pentagon: regular(5),
  hexagon: regular(6, Math.PI / 6),
  octagon: regular(8, Math.PI / 8),
  rhomboid: [-0.5, -0.8, 1, -0.8, 0.5, 0.8, -1, 0.8],
  star: star(5, 0.5),
  tag: [-1, -0.7, 0.45, -0.7, 1, 0, 0.45, 0.7, -1, 0.7],
} satisfies Record<string, ShapePoints>;

const OKABE_ITO = {
  blue: '#0072B2',
  sky: '#56B4E9',
  green: '#009E73',
  orange: '#E69F00',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  yellow: '#F0E442',
  grey: '#999999',
  dark: '#4D4D4D',
};

export interface LabelStyle {
  colour: string;
  shape: ShapePoints;
}

/** Each label's colour and shape; the pair is unique, so neither colour nor shape alone must be seen. */
export const LABEL_STYLES: Record<string, LabelStyle> = {
  Company: { colour: OKABE_ITO.blue, shape: SHAPES.circle },
  CompanyGroup: { colour: OKABE_ITO.blue, shape: SHAPES.octagon },
  Organization: { colour: OKABE_ITO.sky, shape: SHAPES.pentagon },
  Person: { colour: OKABE_ITO.sky, shape: SHAPES.triangle },
  Country: { colour: OKABE_ITO.purple, shape: SHAPES.hexagon },
  Region: { colour: OKABE_ITO.purple, shape: SHAPES.rhomboid },
  Chip: { colour: OKABE_ITO.green, shape: SHAPES.square },
  ChipFamily: { colour: OKABE_ITO.green, shape: SHAPES.octagon },
  ProductCategory: { colour: OKABE_ITO.green, shape: SHAPES.star },
  DataCenter: { colour: OKABE_ITO.orange, shape: SHAPES.square },
  Policy: { colour: OKABE_ITO.vermillion, shape: SHAPES.diamond },
  AIModel: { colour: OKABE_ITO.yellow, shape: SHAPES.star },
  Quote: { colour: OKABE_ITO.grey, shape: SHAPES.tag },
  Source: { colour: OKABE_ITO.dark, shape: SHAPES.page },
};

const UNKNOWN: LabelStyle = { colour: OKABE_ITO.grey, shape: SHAPES.circle };

export function labelStyle(label: string): LabelStyle {
  return LABEL_STYLES[label] ?? UNKNOWN;
}

/** The outline every node gets: it keeps the light colours (yellow, sky) visible on white. */
export const NODE_OUTLINE = '#1f2937';

/** Link colours: stated grey, derived orange dashed, the curators' knowledge brown dotted. */
export const EDGE_STYLES = {
  stated: { colour: '#94a3b8', dash: '' },
  derived: { colour: '#E69F00', dash: '6 4' },
  curator: { colour: '#8c5a00', dash: '2 3' },
} as const;

/** The shape as an SVG element centred on (x, y) with the given radius: legends and exports. */
export function shapeElement(label: string, x: number, y: number, radius: number): SVGElement {
  const { colour, shape } = labelStyle(label);
  const paint = { fill: colour, stroke: NODE_OUTLINE, 'stroke-width': 1 };
  if (!shape) return svg('circle', { cx: x, cy: y, r: radius, ...paint });
  return svg('polygon', { points: polygonPoints(shape, x, y, radius), ...paint });
}

export function polygonPoints(shape: number[], x: number, y: number, radius: number): string {
  const pairs: string[] = [];
  for (let i = 0; i < shape.length; i += 2) pairs.push(`${round(x + shape[i]! * radius)},${round(y + shape[i + 1]! * radius)}`);
  return pairs.join(' ');
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A legend swatch: the node's own shape and colour, 14 px, hidden from screen readers (the text says it). */
export function swatch(label: string): SVGSVGElement {
  const icon = svg('svg', { width: 14, height: 14, viewBox: '0 0 14 14', class: 'shape-swatch', 'aria-hidden': 'true', focusable: 'false' });
  icon.append(shapeElement(label, 7, 7, 6));
  return icon;
}
