import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { h, svg } from '../lib/dom.js';
import { addMessages, t } from '../lib/i18n.js';

// The world drawn offline: Natural Earth's 1:110m countries (the world-atlas package, bundled into
// the explorer) in the Natural Earth projection, as SVG. Zoom and pan change the viewBox, so the
// outlines stay sharp; markers keep their size on screen through `onZoom`.

addMessages({
  'Zoom in': '放大',
  'Zoom out': '缩小',
  'Whole world': '全图',
  'Drag to pan, use the wheel or the buttons to zoom.': '拖动可平移，滚轮或按钮可缩放。',
});

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;
const MAX_ZOOM = 40;

const world = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
const projection = geoNaturalEarth1().fitExtent(
  [
    [4, 4],
    [MAP_WIDTH - 4, MAP_HEIGHT - 4],
  ],
  { type: 'Sphere' },
);
const path = geoPath(projection);

/** Where a longitude and latitude fall on the drawn map, in its own units. */
export function project(longitude: number, latitude: number): [number, number] | null {
  return projection([longitude, latitude]);
}

export interface Basemap {
  /** The whole widget: the SVG and its zoom buttons. */
  element: HTMLElement;
  /** The group markers go into, above the countries. */
  markers: SVGGElement;
}

/** A pannable, zoomable world map; `onZoom(scale)` lets the markers keep their size on screen. */
export function basemap(label: string, onZoom: (scale: number) => void): Basemap {
  const map = svg('svg', { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, class: 'basemap', role: 'group', 'aria-label': label });
  const sphere = svg('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' });
  const graticule = svg('path', { d: path(geoGraticule10()) ?? '', class: 'graticule' });
  const land = svg('path', { d: path(feature(world, world.objects.countries)) ?? '', class: 'land' });
  const borders = svg('path', { d: path(mesh(world, world.objects.countries, (a, b) => a !== b)) ?? '', class: 'borders' });
  const markers = svg('g', { class: 'markers' });
  map.append(sphere, graticule, land, borders, markers);

  let view = { x: 0, y: 0, scale: 1 };
  const apply = () => {
    const width = MAP_WIDTH / view.scale;
    const height = MAP_HEIGHT / view.scale;
    view.x = Math.min(Math.max(view.x, 0), MAP_WIDTH - width);
    view.y = Math.min(Math.max(view.y, 0), MAP_HEIGHT - height);
    map.setAttribute('viewBox', `${view.x} ${view.y} ${width} ${height}`);
    map.dataset.zoom = String(view.scale);
    onZoom(view.scale);
  };
  /** Zooms by `factor` keeping the map point under (fx, fy) — fractions of the visible area — in place. */
  const zoom = (factor: number, fx = 0.5, fy = 0.5) => {
    const scale = Math.min(Math.max(view.scale * factor, 1), MAX_ZOOM);
    const [px, py] = [view.x + (fx * MAP_WIDTH) / view.scale, view.y + (fy * MAP_HEIGHT) / view.scale];
    view = { scale, x: px - (fx * MAP_WIDTH) / scale, y: py - (fy * MAP_HEIGHT) / scale };
    apply();
  };

  map.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const box = map.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.25 : 0.8, (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; viewX: number; viewY: number; moved: boolean } | null = null;
  map.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, viewX: view.x, viewY: view.y, moved: false };
  });
  map.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const box = map.getBoundingClientRect();
    const dx = ((event.clientX - drag.x) * MAP_WIDTH) / view.scale / box.width;
    const dy = ((event.clientY - drag.y) * MAP_HEIGHT) / view.scale / box.height;
    if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 4) return;
    if (!drag.moved) map.setPointerCapture(event.pointerId);
    drag.moved = true;
    view.x = drag.viewX - dx;
    view.y = drag.viewY - dy;
    apply();
  });
  const endDrag = () => {
    drag = null;
  };
  map.addEventListener('pointerup', endDrag);
  map.addEventListener('pointercancel', endDrag);

  const button = (text: string, title: string, action: () => void) =>
    h('button', { type: 'button', class: 'map-zoom', title, 'aria-label': title, onclick: action }, text);
  const element = h(
    'div',
    { class: 'map-frame' },
    map,
    h(
      'div',
      { class: 'map-buttons' },
      button('+', t('Zoom in'), () => zoom(1.5)),
      button('−', t('Zoom out'), () => zoom(1 / 1.5)),
      button('⤢', t('Whole world'), () => {
        view = { x: 0, y: 0, scale: 1 };
        apply();
      }),
    ),
    h('p', { class: 'map-hint' }, t('Drag to pan, use the wheel or the buttons to zoom.')),
  );
  return { element, markers };
}
