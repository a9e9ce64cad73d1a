/**
 * The choropleth map (MapLibre GL, loaded lazily). GeoJSON-only style with a background layer: no tile
 * server is needed. Areas without a value get a hatch (not only a colour). Mouse hover and the keyboard
 * list next to the map (see MapPanel) highlight an area and show its value in a tooltip.
 */
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { AreaFeatureCollection } from '@dkbm/contract';
import { bboxOf, labelPoint } from './geo';
import { prefersReducedMotion } from './common';
import { useTexts } from './texts';
import { hatchImage } from '../../hatch';

maplibregl.setWorkerUrl(workerUrl);

export interface MapHighlight {
  id: string;
  via: 'mouse' | 'keyboard';
}

export interface MapCanvasProps {
  geometry: AreaFeatureCollection;
  /** Class index per area id (-1 or missing = no value). */
  classes: ReadonlyMap<string, number>;
  colors: readonly string[];
  highlight: MapHighlight | null;
  selectedId: string | null;
  /** Tooltip text of an area ("Altstadt: 39,9 %"). */
  tooltip: (areaId: string) => string;
  onHover: (areaId: string | null) => void;
  onSelect: (areaId: string) => void;
  onFailure: () => void;
  label: string;
  describedBy?: string;
  /** For the PNG export: title and legend rows drawn under the map. */
  exportTitle: string;
  exportLegend: ReadonlyArray<{ color: string | null; text: string }>;
  fileName: string;
}

const NO_DATA = '#d9dde3';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

function toData(
  geometry: AreaFeatureCollection,
  classes: ReadonlyMap<string, number>,
): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: geometry.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      properties: {
        areaId: f.properties.areaId,
        name: f.properties.name,
        cls: classes.get(f.properties.areaId) ?? -1,
      },
      geometry: f.geometry as GeoJSON.Geometry,
    })),
  };
}

function fillColor(colors: readonly string[]): maplibregl.ExpressionSpecification | string {
  if (colors.length === 0) return NO_DATA;
  const pairs = colors.flatMap((c, i) => [i, c]);
  return ['match', ['get', 'cls'], ...pairs, NO_DATA] as unknown as maplibregl.ExpressionSpecification;
}

/** The 8×8 diagonal hatch (dark grey lines on light grey) for areas without a value. */
const hatch = () => hatchImage([110, 110, 120], [225, 225, 230]);

function bboxOfCollection(g: AreaFeatureCollection): [number, number, number, number] | null {
  const b = g.bbox;
  if (b && b.length >= 4) return [b[0]!, b[1]!, b[2]!, b[3]!];
  return bboxOf(g.features.map((f) => f.geometry));
}

export default function MapCanvas(p: MapCanvasProps) {
  const tx = useTexts();
  const container = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const latest = useRef(p);
  latest.current = p;

  // Create the map once.
  useEffect(() => {
    if (!container.current) return;
    let m: maplibregl.Map;
    try {
      const bounds = bboxOfCollection(latest.current.geometry);
      m = new maplibregl.Map({
        container: container.current,
        style: {
          version: 8,
          sources: {
            areas: { type: 'geojson', data: toData(latest.current.geometry, latest.current.classes) },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#f3f5f8' } },
            {
              id: 'fill',
              type: 'fill',
              source: 'areas',
              filter: ['>=', ['get', 'cls'], 0],
              paint: { 'fill-color': fillColor(latest.current.colors) },
            },
            {
              id: 'outline',
              type: 'line',
              source: 'areas',
              paint: { 'line-color': '#4a5360', 'line-width': 1 },
            },
            {
              id: 'selected',
              type: 'line',
              source: 'areas',
              filter: ['==', ['get', 'areaId'], latest.current.selectedId ?? ''],
              paint: { 'line-color': '#1b1f24', 'line-width': 3, 'line-dasharray': [2, 1] },
            },
            {
              id: 'highlight',
              type: 'line',
              source: 'areas',
              filter: ['==', ['get', 'areaId'], ''],
              paint: { 'line-color': '#1b1f24', 'line-width': 4 },
            },
          ],
        },
        ...(bounds
          ? { bounds: bounds as maplibregl.LngLatBoundsLike, fitBoundsOptions: { padding: 24 } }
          : {}),
        attributionControl: false,
        keyboard: false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        reduceMotion: prefersReducedMotion(),
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch {
      latest.current.onFailure();
      return;
    }
    map.current = m;
    // The canvas is not a tab stop: the keyboard uses the list of areas next to the map.
    const canvas = m.getCanvas();
    canvas.setAttribute('tabindex', '-1');
    canvas.removeAttribute('role');
    canvas.removeAttribute('aria-label');
    canvas.setAttribute('aria-hidden', 'true');

    m.on('error', (e) => {
      if (String(e.error?.message ?? '').includes('WebGL')) latest.current.onFailure();
    });
    m.on('load', () => {
      m.addImage('hatch', hatch());
      m.addLayer(
        {
          id: 'nodata',
          type: 'fill',
          source: 'areas',
          filter: ['<', ['get', 'cls'], 0],
          paint: { 'fill-pattern': 'hatch' },
        },
        'outline',
      );
      setReady(true);
    });
    const layers = ['fill', 'nodata'];
    for (const layer of layers) {
      m.on('mousemove', layer, (e) => {
        const f = e.features?.[0];
        const id = f?.properties?.areaId as string | undefined;
        if (!id) return;
        m.getCanvas().style.cursor = 'pointer';
        latest.current.onHover(id);
        setTip({ x: e.point.x, y: e.point.y, text: latest.current.tooltip(id) });
      });
      m.on('mouseleave', layer, () => {
        m.getCanvas().style.cursor = '';
        latest.current.onHover(null);
        setTip(null);
      });
      m.on('click', layer, (e) => {
        const id = e.features?.[0]?.properties?.areaId as string | undefined;
        if (id) latest.current.onSelect(id);
      });
    }
    return () => {
      map.current = null;
      m.remove();
    };
  }, []);

  // New data or classes: replace the source data and the colours.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    const src = m.getSource('areas') as maplibregl.GeoJSONSource | undefined;
    src?.setData(toData(p.geometry, p.classes) ?? EMPTY);
    m.setPaintProperty('fill', 'fill-color', fillColor(p.colors));
  }, [p.geometry, p.classes, p.colors, ready]);

  // New boundaries: fit to them.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    const b = bboxOfCollection(p.geometry);
    if (b) m.fitBounds(b as maplibregl.LngLatBoundsLike, { padding: 24, animate: false });
  }, [p.geometry, ready]);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    m.setFilter('selected', ['==', ['get', 'areaId'], p.selectedId ?? '']);
  }, [p.selectedId, ready]);

  // Highlight from the mouse or the keyboard list; keyboard highlights get a tooltip at the area.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    const h = p.highlight;
    m.setFilter('highlight', ['==', ['get', 'areaId'], h?.id ?? '']);
    if (!h) {
      setTip(null);
      return;
    }
    if (h.via === 'keyboard') {
      const f = p.geometry.features.find((x) => x.properties.areaId === h.id);
      const at = f ? labelPoint(f.geometry) : null;
      if (at) {
        const pt = m.project(at as [number, number]);
        setTip({ x: pt.x, y: pt.y, text: p.tooltip(h.id) });
      } else setTip(null);
    }
    // the tooltip text depends on the latest values, too
  }, [p.highlight, ready, p.geometry, p.tooltip]);

  async function downloadPng() {
    const m = map.current;
    if (!m) return;
    const src = m.getCanvas();
    const scale = src.width / src.clientWidth || 1;
    const w = src.width;
    const line = 22 * scale;
    const head = 34 * scale;
    const legendH = (p.exportLegend.length + 1) * line;
    const out = document.createElement('canvas');
    out.width = w;
    out.height = head + src.height + legendH;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = '#1b1f24';
    ctx.font = `600 ${15 * scale}px system-ui, sans-serif`;
    ctx.fillText(p.exportTitle, 10 * scale, 23 * scale, w - 20 * scale);
    ctx.drawImage(src, 0, head);
    ctx.font = `${13 * scale}px system-ui, sans-serif`;
    let y = head + src.height + line;
    for (const row of p.exportLegend) {
      if (row.color) {
        ctx.fillStyle = row.color;
        ctx.fillRect(10 * scale, y - 13 * scale, 18 * scale, 14 * scale);
      } else {
        ctx.fillStyle = ctx.createPattern(patternCanvas(), 'repeat') ?? NO_DATA;
        ctx.fillRect(10 * scale, y - 13 * scale, 18 * scale, 14 * scale);
      }
      ctx.strokeStyle = '#4a5360';
      ctx.strokeRect(10 * scale, y - 13 * scale, 18 * scale, 14 * scale);
      ctx.fillStyle = '#1b1f24';
      ctx.fillText(row.text, 36 * scale, y, w - 46 * scale);
      y += line;
    }
    const blob = await new Promise<Blob | null>((r) => out.toBlob(r, 'image/png'));
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${p.fileName}.png`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <div className="mon-map-frame" ref={wrapper}>
      <div
        ref={container}
        className="mon-map"
        role="img"
        aria-label={p.label}
        aria-describedby={p.describedBy}
        data-testid="choropleth"
        data-ready={ready ? 'true' : 'false'}
      />
      {tip ? (
        <div className="mon-map-tip" aria-hidden="true" style={{ left: tip.x, top: tip.y }}>
          {tip.text}
        </div>
      ) : null}
      <p className="mon-chart-downloads">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void downloadPng()}
          disabled={!ready}
        >
          {tx.mapPng}
        </button>
      </p>
    </div>
  );
}

function patternCanvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  const h = hatch();
  c.width = h.width;
  c.height = h.height;
  c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(h.data), h.width, h.height), 0, 0);
  return c;
}
