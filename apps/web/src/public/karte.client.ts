/*
 * Enhancement of the public indicator page's map (ADR 0013): when JavaScript runs, the server's SVG
 * choropleth is replaced by an interactive MapLibre map of the same areas — zoom, pan, hover and keyboard
 * focus show an area's value. Same class colours, same hatch for withheld values, the figure's legend and
 * the table below stay. The data is the page's own selection as GeoJSON (`<code>.geojson`, public view).
 * Without JavaScript (or without WebGL, or when the data cannot be read) the SVG stays as it is.
 *
 * Bundled by the web build (vite.config.ts, entry `karte`) with maplibre-gl and its worker as hashed
 * assets under /app/assets/: nothing is loaded from elsewhere, no tile server (GeoJSON-only style).
 */
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { hatchImage } from '../hatch';

maplibregl.setWorkerUrl(workerUrl);

/** An area of the indicator map (value, class colour) or of the Wegweiser (`layer`: gebiet, ort, angebot). */
interface AreaProps {
  code: string;
  name: string;
  value?: number | null;
  flag?: string | null;
  fill?: string;
  text: string;
  layer?: 'gebiet' | 'ort' | 'angebot';
  /** A Wegweiser hit's page. */
  href?: string;
}

interface MapData {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: GeoJSON.Geometry; properties: AreaProps }>;
  unit?: string;
}

const TEXTS = {
  de: {
    help: 'Interaktive Karte: mit den Pfeiltasten verschieben, mit + und − zoomen. Was in der Kartenmitte liegt, steht unter der Karte; die Eingabetaste öffnet einen Treffer dort.',
    idle: 'Zeigen Sie auf die Karte oder wählen Sie sie mit der Tabulatortaste an, um Namen und Werte zu sehen.',
    outside: 'In der Kartenmitte liegt nichts.',
    withheld: 'geheim gehalten',
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    reset: 'Ausrichtung zurücksetzen',
  },
  en: {
    help: 'Interactive map: move with the arrow keys, zoom with + and −. What lies in the centre of the map is shown below it; Enter opens a result there.',
    idle: 'Point at the map or tab to it to see names and values.',
    outside: 'There is nothing in the centre of the map.',
    withheld: 'withheld',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    reset: 'Reset bearing to north',
  },
};

const STYLE = `
.karte-js{position:relative;width:100%;border:1px solid #c9d1db;background:#f5f7fa}
.karte-js .maplibregl-canvas:focus-visible{outline:3px solid #1b1f24;outline-offset:-3px}
.karte-tip{position:absolute;pointer-events:none;background:#fff;color:#1b1f24;border:1px solid #3d4a57;
  padding:.15rem .4rem;font-size:.9rem;white-space:nowrap;transform:translate(-50%,calc(-100% - 8px));z-index:2}
.karte-status{margin:.35rem 0 0;font-weight:600;min-height:1.5em}
`;

/** The 8×8 diagonal hatch like the SVG map's pattern for withheld values (dark lines on light grey). */
const hatch = () => hatchImage([0x52, 0x52, 0x52], [0xd9, 0xd9, 0xd9]);

function boundsOf(data: MapData): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  for (const f of data.features) visit((f.geometry as { coordinates?: unknown }).coordinates);
  return b;
}

function supportsWebGl(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

async function enhance(figure: HTMLElement): Promise<void> {
  const svg = figure.querySelector('svg');
  const url = figure.dataset.karte;
  if (!svg || !url || !supportsWebGl()) return;
  const res = await fetch(url, { headers: { accept: 'application/geo+json' } });
  if (!res.ok) return;
  const data = (await res.json()) as MapData;
  const bounds = boundsOf(data);
  if (!bounds) return;
  const x = TEXTS[document.documentElement.lang === 'en' ? 'en' : 'de'];
  const title = svg.querySelector('title')?.textContent ?? '';
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#005a9c';

  if (!document.getElementById('karte-stil')) {
    const style = document.createElement('style');
    style.id = 'karte-stil';
    style.textContent = maplibreCss + STYLE;
    document.head.append(style);
  }
  // Same proportions as the SVG (its viewBox), at least 240 px high.
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '0 0 640 400').split(' ').map(Number);
  const box = document.createElement('div');
  box.className = 'karte-js';
  box.style.aspectRatio = `${w} / ${h}`;
  box.style.minHeight = '240px';
  const tip = document.createElement('div');
  tip.className = 'karte-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  const help = document.createElement('p');
  help.id = 'karte-hilfe';
  help.className = 'sr-only';
  help.textContent = x.help;
  const status = document.createElement('p');
  status.id = 'karte-wert';
  status.className = 'karte-status';
  status.setAttribute('aria-live', 'polite');
  status.textContent = x.idle;
  svg.before(box);

  let map: maplibregl.Map;
  try {
    map = new maplibregl.Map({
      container: box,
      style: {
        version: 8,
        sources: { areas: { type: 'geojson', data: data as GeoJSON.FeatureCollection } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#f5f7fa' } },
          {
            id: 'gebiet',
            type: 'fill',
            source: 'areas',
            filter: ['==', ['get', 'layer'], 'gebiet'],
            paint: { 'fill-color': '#e3e9f0' },
          },
          {
            id: 'fill',
            type: 'fill',
            source: 'areas',
            filter: ['all', ['has', 'fill'], ['!=', ['get', 'fill'], 'withheld']],
            paint: { 'fill-color': ['get', 'fill'] },
          },
          {
            id: 'withheld',
            type: 'fill',
            source: 'areas',
            filter: ['==', ['get', 'fill'], 'withheld'],
            paint: { 'fill-pattern': 'geheim' },
          },
          {
            id: 'outline',
            type: 'line',
            source: 'areas',
            filter: ['!=', ['geometry-type'], 'Point'],
            paint: { 'line-color': '#3d4a57', 'line-width': 1 },
          },
          {
            id: 'highlight',
            type: 'line',
            source: 'areas',
            filter: ['all', ['!=', ['geometry-type'], 'Point'], ['==', ['get', 'code'], '']],
            paint: { 'line-color': '#1b1f24', 'line-width': 4 },
          },
          // Wegweiser hits: places in the portal's colour, offers in brown, as on the SVG map.
          {
            id: 'punkte',
            type: 'circle',
            source: 'areas',
            filter: ['==', ['geometry-type'], 'Point'],
            paint: {
              'circle-radius': 5,
              'circle-color': ['match', ['get', 'layer'], 'ort', accent, '#8a3b00'],
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            },
          },
          {
            id: 'punkt-highlight',
            type: 'circle',
            source: 'areas',
            filter: ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'code'], '']],
            paint: {
              'circle-radius': 8,
              'circle-color': 'rgba(0,0,0,0)',
              'circle-stroke-color': '#1b1f24',
              'circle-stroke-width': 3,
            },
          },
        ],
      },
      bounds,
      fitBoundsOptions: { padding: 16 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      reduceMotion: !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
      locale: {
        'Map.Title': title,
        'NavigationControl.ZoomIn': x.zoomIn,
        'NavigationControl.ZoomOut': x.zoomOut,
        'NavigationControl.ResetBearing': x.reset,
      },
    });
  } catch {
    box.remove();
    return;
  }
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.touchZoomRotate.disableRotation();
  const canvas = map.getCanvas();
  // The canvas is the map's tab stop: named by the map's title, described by the help and the value line.
  canvas.setAttribute('tabindex', '0');
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-label', title);
  canvas.setAttribute('aria-describedby', 'karte-hilfe karte-wert');
  box.append(tip);

  const show = (props: AreaProps | null, at: { x: number; y: number } | null) => {
    const point = props?.layer === 'ort' || props?.layer === 'angebot';
    map.setFilter('highlight', [
      'all',
      ['!=', ['geometry-type'], 'Point'],
      ['==', ['get', 'code'], point ? '' : (props?.code ?? '')],
    ]);
    map.setFilter('punkt-highlight', [
      'all',
      ['==', ['geometry-type'], 'Point'],
      ['==', ['get', 'code'], point ? props.code : ''],
    ]);
    current = props;
    if (props) status.textContent = props.flag === '.' ? `${props.text} (${x.withheld})` : props.text;
    tip.hidden = !props || !at;
    if (props && at) {
      tip.textContent = props.text;
      tip.style.left = `${at.x}px`;
      tip.style.top = `${at.y}px`;
    }
  };
  let current: AreaProps | null = null;
  // Top-most first: a hit (within a few pixels) before the area it lies in.
  const areaAt = (p: maplibregl.Point) => {
    const near: [maplibregl.PointLike, maplibregl.PointLike] = [
      [p.x - 6, p.y - 6],
      [p.x + 6, p.y + 6],
    ];
    const hit = map.queryRenderedFeatures(near, { layers: ['punkte'] })[0];
    const area = map.queryRenderedFeatures(p, { layers: ['fill', 'withheld', 'gebiet'] })[0];
    return ((hit ?? area)?.properties as AreaProps | undefined) ?? null;
  };
  const centre = () => {
    const c = map.project(map.getCenter());
    const props = areaAt(c);
    show(props, props ? { x: c.x, y: c.y } : null);
    if (!props) status.textContent = x.outside;
  };

  // The hatch of withheld values is made here, not loaded (no sprite).
  map.setMissingStyleImageResolver((id) => {
    if (id === 'geheim' && !map.hasImage(id)) map.addImage(id, hatch());
  });
  map.on('load', () => {
    // The interactive map takes the SVG's place; the legend, caption and table stay.
    svg.style.display = 'none';
    box.after(help, status);
    figure.classList.add('karte-aktiv');
  });
  map.on('error', () => {
    if (!figure.classList.contains('karte-aktiv')) {
      map.remove();
      box.remove();
      svg.style.display = '';
    }
  });
  map.on('mousemove', (e) => {
    const props = areaAt(e.point);
    canvas.style.cursor = props ? 'pointer' : '';
    show(props, e.point);
  });
  map.on('mouseout', () => show(null, null));
  // A hit opens its page (click, or Enter while the map has the keyboard focus and the hit is centred).
  map.on('click', (e) => {
    const href = areaAt(e.point)?.href;
    if (href) window.location.assign(href);
  });
  canvas.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && current?.href) window.location.assign(current.href);
  });
  canvas.addEventListener('focus', centre);
  canvas.addEventListener('blur', () => show(null, null));
  map.on('moveend', () => {
    if (document.activeElement === canvas) centre();
  });
}

for (const figure of document.querySelectorAll<HTMLElement>('figure[data-karte]')) {
  void enhance(figure).catch(() => undefined);
}
