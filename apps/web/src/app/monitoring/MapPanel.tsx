/**
 * Map section: legend with class bounds, a keyboard-operable list of the areas (highlights the area on
 * the map and shows its value) and the lazily loaded MapLibre map. Legend and list work without WebGL.
 */
import { lazy, Suspense, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AreaFeatureCollection } from '@dkbm/contract';
import { useI18n } from '../i18n';
import { classCount, type Classification } from './classify';
import { legendRows } from './legend';
import { cellText, type Cell } from './format';
import type { MapHighlight } from './MapCanvas';
import { useTexts } from './texts';

const MapCanvas = lazy(() => import('./MapCanvas'));

export interface MapRow {
  id: string;
  code: string;
  name: string;
  cell: Cell | undefined;
  cls: number;
}

export function MapPanel({
  rows,
  classification,
  colors,
  geometry,
  unit,
  decimals,
  title,
  label,
  selectedId,
  onSelect,
  fileName,
}: {
  rows: readonly MapRow[];
  classification: Classification;
  colors: readonly string[];
  geometry: AreaFeatureCollection | undefined;
  unit: string;
  decimals: number;
  /** "Betreuungsquote unter 3 Jahren, 01.03.2024" */
  title: string;
  /** Accessible name of the map. */
  label: string;
  selectedId: string | null;
  onSelect: (areaId: string) => void;
  fileName: string;
}) {
  const { lang } = useI18n();
  const tx = useTexts();
  const id = useId();
  const [highlight, setHighlight] = useState<MapHighlight | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const n = classCount(classification);
  const legend = useMemo(
    () => legendRows(classification, colors, rows, decimals, lang, tx),
    [classification, colors, rows, decimals, lang, tx],
  );
  const sorted = useMemo(() => rows.toSorted((a, b) => a.name.localeCompare(b.name, lang)), [rows, lang]);
  const classes = useMemo(() => new Map(rows.map((r) => [r.id, r.cls])), [rows]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  const describe = useCallback(
    (r: MapRow) => {
      const value = cellText(r.cell, decimals, unit, lang);
      return r.cls >= 0 ? `${value}, ${tx.classOf(r.cls + 1, n)}` : value;
    },
    [decimals, unit, lang, tx, n],
  );
  const tooltip = useCallback(
    (areaId: string) => {
      const r = byId.get(areaId);
      return r ? `${r.name}: ${describe(r)}` : '';
    },
    [byId, describe],
  );

  const hasGeometry = !!geometry && geometry.features.length > 0;
  const activeIndex = Math.min(active, Math.max(0, sorted.length - 1));

  function onKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    let next = i;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = Math.min(sorted.length - 1, i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = sorted.length - 1;
    else return;
    e.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="mon-map-panel">
      <div className="mon-map-main">
        <p id={`${id}-desc`} className="hint">
          {tx.mapDescription}
        </p>
        {!geometry ? (
          <p className="muted">{tx.mapLoading}</p>
        ) : !hasGeometry ? (
          <p className="alert alert-warning">{tx.mapNoGeometry}</p>
        ) : failed ? (
          <p className="alert alert-warning">{tx.mapUnavailable}</p>
        ) : (
          <Suspense fallback={<p className="muted">{tx.mapLoading}</p>}>
            <MapCanvas
              geometry={geometry}
              classes={classes}
              colors={colors}
              highlight={highlight}
              selectedId={selectedId}
              tooltip={tooltip}
              onHover={(areaId) => setHighlight(areaId ? { id: areaId, via: 'mouse' } : null)}
              onSelect={onSelect}
              onFailure={() => setFailed(true)}
              label={label}
              describedBy={`${id}-desc`}
              exportTitle={`${title} (${unit})`}
              exportLegend={legend.map((l) => ({
                color: l.color,
                text: `${l.text} (${tx.legendCount(l.count)})`,
              }))}
              fileName={fileName}
            />
          </Suspense>
        )}
        <div className="mon-legend" data-testid="map-legend">
          <h3 id={`${id}-legend`}>{tx.legend}</h3>
          <p className="hint">{tx.legendCaption(unit)}</p>
          <p className="hint">{tx.classHint}</p>
          <ul aria-labelledby={`${id}-legend`}>
            {legend.map((l, i) => (
              <li key={i}>
                <span
                  className={l.color ? 'mon-swatch' : 'mon-swatch mon-swatch-nodata'}
                  style={l.color ? { background: l.color } : undefined}
                  aria-hidden="true"
                />
                <span>
                  {l.color ? <span className="sr-only">{tx.classOf(i + 1, n)}: </span> : null}
                  {l.text} <span className="muted">({tx.legendCount(l.count)})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="mon-arealist">
        <h3 id={`${id}-list`}>{tx.areaList(unit)}</h3>
        <p id={`${id}-list-hint`} className="hint">
          {tx.areaListHint}
        </p>
        <ul aria-labelledby={`${id}-list`} aria-describedby={`${id}-list-hint`} data-testid="map-area-list">
          {sorted.map((r, i) => {
            const selected = r.id === selectedId;
            return (
              <li key={r.id}>
                <button
                  ref={(el) => {
                    buttons.current[i] = el;
                  }}
                  type="button"
                  tabIndex={i === activeIndex ? 0 : -1}
                  aria-current={selected ? 'true' : undefined}
                  className={highlight?.id === r.id ? 'mon-area-button is-highlighted' : 'mon-area-button'}
                  onFocus={() => {
                    setActive(i);
                    setHighlight({ id: r.id, via: 'keyboard' });
                  }}
                  onBlur={() => setHighlight((h) => (h?.id === r.id && h.via === 'keyboard' ? null : h))}
                  onMouseEnter={() => setHighlight({ id: r.id, via: 'keyboard' })}
                  onMouseLeave={() => setHighlight(null)}
                  onKeyDown={(e) => onKey(e, i)}
                  onClick={() => onSelect(r.id)}
                >
                  <span
                    className={r.cls >= 0 ? 'mon-swatch' : 'mon-swatch mon-swatch-nodata'}
                    style={r.cls >= 0 ? { background: colors[r.cls] } : undefined}
                    aria-hidden="true"
                  />
                  <span className="mon-area-name">{r.name}</span>
                  <span className="mon-area-value">{describe(r)}</span>
                  {selected ? <span className="mon-area-selected">({tx.selectedMark})</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
