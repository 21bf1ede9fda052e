import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { EDGE_STYLES, labelStyle, NODE_OUTLINE, polygonPoints } from '../lib/graph-style.js';

// The drawing as SVG, written from the nodes' positions: what is shown (hidden categories left out),
// with the same shapes and colours as on screen, so it can be edited in a vector program or printed.

const xmlText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const round = (value: number) => Math.round(value * 10) / 10;

function edgeKind(edge: EdgeSingular): keyof typeof EDGE_STYLES {
  if (edge.hasClass('curator')) return 'curator';
  return edge.hasClass('derived') || edge.hasClass('more-edge') ? 'derived' : 'stated';
}

function edgeSvg(edge: EdgeSingular): string {
  const from = edge.source().position();
  const to = edge.target().position();
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  // The line stops at the target's edge, where the arrow head sits.
  const inset = edge.target().width() / 2 + 2;
  const end = { x: to.x - ((to.x - from.x) * inset) / length, y: to.y - ((to.y - from.y) * inset) / length };
  const kind = edgeKind(edge);
  const { colour, dash } = EDGE_STYLES[kind];
  const label = String(edge.data('typeName') ?? '');
  const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  return [
    `<g class="edge" data-id="${xmlText(edge.id())}">`,
    `<line x1="${round(from.x)}" y1="${round(from.y)}" x2="${round(end.x)}" y2="${round(end.y)}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#arrow-${kind})"/>`,
    label ? `<text x="${round(middle.x)}" y="${round(middle.y - 3)}" font-size="9" fill="#334155" text-anchor="middle">${xmlText(label)}</text>` : '',
    '</g>',
  ].join('');
}

function nodeSvg(node: NodeSingular): string {
  const { x, y } = node.position();
  const radius = node.width() / 2;
  const { colour, shape } = labelStyle(String(node.data('label')));
  const paint = `fill="${colour}" stroke="${NODE_OUTLINE}" stroke-width="${node.hasClass('focus') ? 3 : 1}"`;
  const body = shape
    ? `<polygon points="${polygonPoints(shape, x, y, radius)}" ${paint}/>`
    : `<circle cx="${round(x)}" cy="${round(y)}" r="${round(radius)}" ${paint}/>`;
  const size = node.hasClass('focus') ? 14 : 12;
  const weight = node.hasClass('focus') ? ' font-weight="bold"' : '';
  return [
    `<g class="node" data-id="${xmlText(node.id())}" data-label="${xmlText(String(node.data('label')))}">`,
    `<title>${xmlText(String(node.data('name')))}</title>`,
    body,
    `<text x="${round(x)}" y="${round(y + radius + size + 2)}" font-size="${size}"${weight} fill="#0f172a" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">${xmlText(String(node.data('name')))}</text>`,
    '</g>',
  ].join('');
}

/** The shown part of the drawing as a standalone SVG document. */
export function graphSvg(cy: Core, title: string): string {
  const nodes = cy.nodes().not('.hidden');
  const edges = cy.edges().not('.hidden');
  const box = nodes.boundingBox({ includeLabels: true });
  const pad = 30;
  const [x, y, width, height] = [box.x1 - pad, box.y1 - pad, box.w + 2 * pad, box.h + 2 * pad].map(round);
  const markers = Object.entries(EDGE_STYLES).map(
    ([kind, { colour }]) =>
      `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, 'Noto Sans CJK SC', sans-serif">`,
    `<title>${xmlText(title)}</title>`,
    `<defs>${markers.join('')}</defs>`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...edges.toArray().map((edge) => edgeSvg(edge as EdgeSingular)),
    ...nodes.toArray().map((node) => nodeSvg(node as NodeSingular)),
    '</svg>',
    '',
  ].join('\n');
}
