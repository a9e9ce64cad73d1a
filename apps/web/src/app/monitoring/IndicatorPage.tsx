import { lazy, Suspense, useCallback, useId, useMemo, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Area, AreaFeatureCollection, AreaLevel, IndicatorDetail, Observation } from '@dkbm/contract';
import { api, getObservations, seg } from '../api';
import { useLoad } from '../hooks';
import { formatDateTime, useI18n } from '../i18n';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { SelectField } from '../components/Fields';
import { MonitoringSubNav } from './SubNav';
import {
  CellValue,
  dimName,
  dimValueLabel,
  FlagLegend,
  indicatorName,
  levelLabel,
  prefersReducedMotion,
  Tag,
  tierLabel,
  topicLabel,
  useApiBase,
  useMonitoringPath,
  useSearchParamsUpdate,
} from './common';
import {
  classCount,
  classify,
  classOf,
  MAX_CLASSES,
  MIN_CLASSES,
  palette,
  type ClassMethod,
} from './classify';
import { compareCells, formatPeriod, numericValue, type Cell } from './format';
import { barsHeight, barsOption, timeSeriesOption } from './chartOptions';
import { MapPanel, type MapRow } from './MapPanel';
import { SortableTable, type Column } from './SortableTable';
import {
  apiQuery,
  availableDimValues,
  formatDims,
  parseDims,
  parseIndicatorParams,
  resolveArea,
  resolveDims,
  resolveSelection,
  withIndicatorParams,
  type IndicatorParams,
} from './urlState';
import { useTexts } from './texts';
import { IndicatorAdmin } from './IndicatorEdit';

const EChart = lazy(() => import('./EChart'));

interface ReferenceSeries {
  areaId: string;
  name: string;
  level: AreaLevel;
  source: 'imported' | 'aggregated';
  points: Array<{ period: string; value: string | null; flag: string | null }>;
}

interface Row extends MapRow {
  value: number | null;
}

const dimsMatch = (o: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => o[k] === v);

const validAt = (a: Area, date: string | null) =>
  !date || ((!a.validFrom || a.validFrom <= date) && (!a.validTo || a.validTo >= date));

/** Indicator page: metadata, selection, map, comparison, time series, tables and downloads. */
export function IndicatorPage() {
  const { indicatorId = '' } = useParams();
  const { lang } = useI18n();
  const tx = useTexts();
  const base = useApiBase();
  const detail = useLoad(`${base}/indicators/${indicatorId}`, () =>
    api.get<IndicatorDetail>(`${base}/indicators/${seg(indicatorId)}`),
  );
  const d = detail.data?.id === indicatorId ? detail.data : undefined;
  const title = d ? indicatorName(d, lang) : detail.error ? tx.loadFailed : tx.indicator;
  // One Page for loading and loaded state, so that the h1 (focused after navigation) stays the same element.
  return (
    <Page title={title} docTitle={`${title} – ${tx.moduleTitle}`}>
      <MonitoringSubNav />
      {d ? (
        <IndicatorView key={d.id} detail={d} onChanged={detail.reload} />
      ) : (
        <>
          {detail.loading ? <Loading /> : null}
          <ErrorAlert error={detail.error} />
        </>
      )}
    </Page>
  );
}

function IndicatorView({ detail, onChanged }: { detail: IndicatorDetail; onChanged: () => void }) {
  const { lang } = useI18n();
  const tx = useTexts();
  const base = useApiBase();
  const path = useMonitoringPath();
  const uid = useId();
  const [sp, setSp] = useSearchParamsUpdate();
  const params = useMemo(() => parseIndicatorParams(sp), [sp]);
  const sel = resolveSelection(params, {
    periods: detail.periods,
    levels: detail.coverage.levels,
    canSeeInternal: detail.canSeeInternal,
  });
  const dimOrder = useMemo(() => detail.dimensionsDetail.map((d) => d.code), [detail]);
  const ind = `${base}/indicators/${seg(detail.id)}`;
  const name = indicatorName(detail, lang);
  const fmtPeriod = useCallback(
    (p: string) => formatPeriod(p, detail.periodType, lang),
    [detail.periodType, lang],
  );
  const periodLabel = sel.period ? fmtPeriod(sel.period) : '';
  const animation = !prefersReducedMotion();

  const update = useCallback(
    (patch: Partial<IndicatorParams>) => setSp((prev) => withIndicatorParams(prev, patch, dimOrder)),
    [setSp, dimOrder],
  );

  /* ----- data ----- */
  const periodUrl =
    sel.period && sel.level
      ? `${ind}/observations${apiQuery({ periods: sel.period, level: sel.level, view: sel.view })}`
      : null;
  const periodObs = useLoad(periodUrl ?? 'none', () =>
    periodUrl ? getObservations(periodUrl) : Promise.resolve(null),
  );
  const available = useMemo(
    () => (periodObs.data ? availableDimValues(periodObs.data.observations) : null),
    [periodObs.data],
  );
  const dimsParam = formatDims(resolveDims(params.dims, detail.dimensionsDetail, available), dimOrder);
  const dims = useMemo(() => parseDims(dimsParam), [dimsParam]);

  const areasUrl = sel.level ? `${base}/areas${apiQuery({ level: sel.level })}` : null;
  const areas = useLoad(areasUrl ?? 'none', () =>
    areasUrl ? api.get<Area[]>(areasUrl) : Promise.resolve([]),
  );
  const geoUrl = sel.level ? `${base}/areas/geometry${apiQuery({ level: sel.level, at: sel.at })}` : null;
  const geo = useLoad(geoUrl ?? 'none', () =>
    geoUrl ? api.get<AreaFeatureCollection>(geoUrl) : Promise.resolve(null),
  );

  const baseRows = useMemo(() => {
    const obs = (periodObs.data?.observations ?? []).filter(
      (o) => o.period === sel.period && dimsMatch(o.dims, dims),
    );
    const byArea = new Map(obs.map((o) => [o.areaId, o]));
    return (areas.data ?? [])
      .filter((a) => a.level === sel.level && (byArea.has(a.id) || validAt(a, sel.period)))
      .map((a) => {
        const cell = byArea.get(a.id);
        return { id: a.id, code: a.code, name: a.name, cell, value: numericValue(cell) };
      });
  }, [periodObs.data, areas.data, sel.period, sel.level, dims]);

  const classification = useMemo(
    () =>
      classify(
        baseRows.flatMap((r) => (r.value === null ? [] : [r.value])),
        params.method,
        params.classes,
      ),
    [baseRows, params.method, params.classes],
  );
  const colors = useMemo(() => palette(classCount(classification)), [classification]);
  const rows: Row[] = useMemo(
    () => baseRows.map((r) => ({ ...r, cls: classOf(classification, r.value) })),
    [baseRows, classification],
  );

  const area = resolveArea(params.area, rows);
  const areaId = area?.id ?? null;
  const dimsReady = detail.dimensionsDetail.length === 0 || available !== null || !!periodObs.error;
  const seriesUrl =
    area && dimsReady
      ? `${ind}/observations${apiQuery({ areas: area.id, dims: dimsParam, view: sel.view })}`
      : null;
  const refsUrl =
    area && dimsReady
      ? `${ind}/references${apiQuery({ area: area.id, dims: dimsParam, view: sel.view })}`
      : null;
  const series = useLoad(seriesUrl ?? 'none', () =>
    seriesUrl ? getObservations(seriesUrl) : Promise.resolve(null),
  );
  const refs = useLoad(refsUrl ?? 'none', () =>
    refsUrl ? api.get<ReferenceSeries[]>(refsUrl) : Promise.resolve([] as ReferenceSeries[]),
  );

  /* ----- derived ----- */
  const withValue = rows.filter((r) => r.value !== null).length;
  const withheld = rows.filter((r) => r.cell?.suppressed).length;
  const ready = !!periodObs.data && !!areas.data && !periodObs.loading;
  const summary =
    ready && sel.period && sel.level
      ? rows.length
        ? tx.summary(rows.length, withValue, withheld, periodLabel, levelLabel(sel.level, lang))
        : tx.noObservations
      : '';

  const periodsAsc = useMemo(() => detail.periods.toSorted(), [detail.periods]);
  const areaSeries = useMemo(() => {
    const m = new Map<string, Observation>();
    if (!series.data || !areaId) return m;
    for (const o of series.data.observations)
      if (o.areaId === areaId && dimsMatch(o.dims, dims)) m.set(o.period, o);
    return m;
  }, [series.data, areaId, dims]);
  const references = useMemo(() => refs.data ?? [], [refs.data]);
  const periodReferences = references
    .map((r) => ({ ref: r, point: r.points.find((p) => p.period === sel.period) }))
    .filter((x) => x.point);

  const timeOption = useMemo(() => {
    if (!area) return null;
    return timeSeriesOption({
      title: name,
      subtitle: area.name,
      unit: detail.unit,
      categories: periodsAsc.map(fmtPeriod),
      lines: [
        { name: area.name, role: 'area', values: periodsAsc.map((p) => numericValue(areaSeries.get(p))) },
        ...references.map((r) => ({
          name: `${r.name} (${levelLabel(r.level, lang)})`,
          role: 'reference' as const,
          values: periodsAsc.map((p) => numericValue(r.points.find((x) => x.period === p))),
        })),
      ],
      decimals: detail.decimals,
      lang,
      animation,
    });
  }, [
    area,
    name,
    detail.unit,
    detail.decimals,
    periodsAsc,
    fmtPeriod,
    areaSeries,
    references,
    lang,
    animation,
  ]);

  const barItems = useMemo(
    () => rows.flatMap((r) => (r.value === null ? [] : [{ id: r.id, name: r.name, value: r.value }])),
    [rows],
  );
  const firstRef = periodReferences[0];
  const firstRefValue = firstRef ? numericValue(firstRef.point) : null;
  const firstRefName = firstRef?.ref.name ?? null;
  const barOption = useMemo(
    () =>
      barsOption({
        title: name,
        subtitle: periodLabel,
        unit: detail.unit,
        items: barItems,
        selectedId: areaId,
        referenceText: tx.referenceLine,
        reference:
          firstRefName !== null && firstRefValue !== null
            ? { name: firstRefName, value: firstRefValue }
            : null,
        decimals: detail.decimals,
        lang,
        animation,
      }),
    [
      barItems,
      areaId,
      name,
      periodLabel,
      detail.unit,
      detail.decimals,
      lang,
      firstRefValue,
      firstRefName,
      animation,
      tx,
    ],
  );

  const fileBase = `${detail.code}_${sel.period ?? 'alle'}${sel.view === 'internal' ? '_intern' : ''}`;

  /* ----- table ----- */
  const columns: Column<Row>[] = [
    {
      key: 'code',
      header: tx.colCode,
      headerText: tx.colCode,
      render: (r) => r.code,
      sort: (a, b) => a.code.localeCompare(b.code, 'de', { numeric: true }),
    },
    {
      key: 'name',
      header: tx.colArea,
      headerText: tx.colArea,
      rowHeader: true,
      render: (r) => (
        <>
          <Link to={`${path}/gebiete/${r.id}`}>{r.name}</Link>
          {r.id === area?.id ? <span className="mon-area-selected"> ({tx.selectedMark})</span> : null}
        </>
      ),
      sort: (a, b) => a.name.localeCompare(b.name, lang),
    },
    {
      key: 'value',
      header: tx.colValue(detail.unit),
      headerText: tx.colValue(detail.unit),
      num: true,
      render: (r) => <CellValue cell={r.cell} decimals={detail.decimals} lang={lang} />,
      sort: (a, b) => compareCells(a.cell, b.cell),
    },
  ];

  const exportLink = (format: string, all: boolean) =>
    `${ind}/export${apiQuery(
      all
        ? { format, view: sel.view }
        : { format, periods: sel.period, level: sel.level, dims: dimsParam, view: sel.view },
    )}`;

  const hasData = detail.periods.length > 0 && !!sel.level;

  return (
    <>
      <p className="mon-tags">
        <Tag kind="tier">{tierLabel(detail.tier, lang)}</Tag>
        {detail.isComputed ? <Tag kind="computed">{tx.computedLong}</Tag> : null}
        {detail.visibility === 'internal' ? <Tag kind="internal">{tx.visibilityInternal}</Tag> : null}
        <span className="muted">
          {tx.code}: <code>{detail.code}</code> · {tx.unit}: {detail.unit} · {topicLabel(detail.topic, lang)}
        </span>
      </p>
      {detail.description ? <p className="lead">{detail.description}</p> : null}
      <IndicatorAdmin detail={detail} onChanged={onChanged} />

      {!hasData ? <p className="alert alert-warning">{tx.noDataAtAll}</p> : null}

      {hasData ? (
        <Section id={`${uid}-sel`} title={tx.selection}>
          <p className="hint">{tx.selectionHint}</p>
          <form className="mon-controls-form" onSubmit={(e) => e.preventDefault()}>
            <fieldset className="mon-controls">
              <legend>{tx.dataLegend}</legend>
              <SelectField
                id={`${uid}-period`}
                label={tx.period}
                value={sel.period ?? ''}
                onChange={(v) => update({ period: v })}
                options={detail.periods
                  .toSorted()
                  .toReversed()
                  .map((p) => ({ value: p, label: fmtPeriod(p) }))}
              />
              {detail.dimensionsDetail.map((d) => {
                const has = available?.get(d.code);
                const values = d.values.filter((v) => !has || has.has(v.code));
                return (
                  <SelectField
                    key={d.code}
                    id={`${uid}-dim-${d.code}`}
                    label={dimName(d, lang)}
                    value={dims[d.code] ?? ''}
                    onChange={(v) => update({ dims: { ...dims, [d.code]: v } })}
                    options={(values.length ? values : d.values).map((v) => ({
                      value: v.code,
                      label: dimValueLabel(v, lang),
                    }))}
                  />
                );
              })}
              <SelectField
                id={`${uid}-level`}
                label={tx.level}
                value={sel.level ?? ''}
                onChange={(v) => update({ level: v as AreaLevel, area: null })}
                options={detail.coverage.levels.map((l) => ({ value: l, label: levelLabel(l, lang) }))}
              />
              {rows.length ? (
                <SelectField
                  id={`${uid}-area`}
                  label={tx.area}
                  value={area?.id ?? ''}
                  onChange={(v) => update({ area: v })}
                  options={rows
                    .toSorted((a, b) => a.name.localeCompare(b.name, lang))
                    .map((r) => ({ value: r.id, label: r.name }))}
                />
              ) : null}
            </fieldset>
            <fieldset className="mon-controls">
              <legend>{tx.mapLegend}</legend>
              <SelectField
                id={`${uid}-method`}
                label={tx.classMethod}
                value={params.method}
                onChange={(v) => update({ method: v as ClassMethod })}
                options={[
                  { value: 'quantile', label: tx.classQuantile },
                  { value: 'equal', label: tx.classEqual },
                  { value: 'jenks', label: tx.classJenks },
                ]}
              />
              <SelectField
                id={`${uid}-classes`}
                label={tx.classCount}
                value={String(params.classes)}
                onChange={(v) => update({ classes: Number(v) })}
                options={Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => {
                  const k = String(MIN_CLASSES + i);
                  return { value: k, label: k };
                })}
              />
              <div className="field">
                <label htmlFor={`${uid}-at`}>{tx.boundaryDate}</label>
                <p className="hint" id={`${uid}-at-hint`}>
                  {tx.boundaryDateHint}
                </p>
                <input
                  id={`${uid}-at`}
                  type="date"
                  value={params.at ?? ''}
                  aria-describedby={`${uid}-at-hint`}
                  onChange={(e) => update({ at: e.target.value || null })}
                />
              </div>
            </fieldset>
            {detail.canSeeInternal ? (
              <fieldset className="mon-view">
                <legend>{tx.view}</legend>
                {(['internal', 'public'] as const).map((v) => (
                  <label key={v} className="radio">
                    <input
                      type="radio"
                      name={`${uid}-view`}
                      value={v}
                      checked={sel.view === v}
                      onChange={() => update({ view: v === 'internal' ? null : 'public' })}
                    />{' '}
                    {v === 'internal' ? tx.viewInternal : tx.viewPublic}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </form>
          <p className={sel.view === 'internal' ? 'alert alert-warning' : 'mon-note'} data-testid="view-note">
            {sel.view === 'internal' ? tx.viewInternalNote : tx.viewPublicOnly}
          </p>
          <p role="status" className="mon-status" data-testid="selection-summary">
            {summary}
          </p>
          <p className="hint">
            <Link
              data-testid="permalink"
              replace
              preventScrollReset
              to={`?${withIndicatorParams(
                sp,
                {
                  period: sel.period,
                  dims: Object.keys(dims).length ? dims : undefined,
                  level: sel.level,
                  area: areaId,
                  view: sel.view === 'public' && detail.canSeeInternal ? 'public' : null,
                  method: params.method,
                  classes: params.classes,
                },
                dimOrder,
              ).toString()}`}
            >
              {tx.permalink}
            </Link>{' '}
            {tx.permalinkHint}
          </p>
          <ErrorAlert error={periodObs.error ?? areas.error} />
        </Section>
      ) : null}

      {hasData ? (
        <Section id={`${uid}-map`} title={tx.mapHeading}>
          <MapPanel
            rows={rows}
            classification={classification}
            colors={colors}
            geometry={geo.data ?? undefined}
            unit={detail.unit}
            decimals={detail.decimals}
            title={`${name}, ${periodLabel}`}
            label={tx.mapLabel(name, periodLabel)}
            selectedId={area?.id ?? null}
            onSelect={(id) => update({ area: id })}
            fileName={`${fileBase}_karte`}
          />
          <ErrorAlert error={geo.error} />
        </Section>
      ) : null}

      {hasData && barItems.length ? (
        <Section id={`${uid}-bars`} title={tx.barsHeading}>
          <p id={`${uid}-bars-desc`} className="hint">
            {tx.barsDescription(area?.name ?? '')}{' '}
            {rows.length - barItems.length > 0 ? tx.barsWithout(rows.length - barItems.length) : null}{' '}
            <a href={`#${uid}-table`}>{tx.tableHeading}</a>
          </p>
          <ChartSlot>
            <EChart
              option={barOption}
              height={barsHeight(barItems.length)}
              label={tx.barsLabel(name, periodLabel)}
              describedBy={`${uid}-bars-desc`}
              fileName={`${fileBase}_vergleich`}
              downloadWhat={tx.barsHeading}
              testId="bars-chart"
            />
          </ChartSlot>
        </Section>
      ) : null}

      {hasData && area ? (
        <Section id={`${uid}-series`} title={tx.seriesHeading}>
          <p id={`${uid}-series-desc`} className="hint">
            {tx.seriesDescription}
          </p>
          {timeOption ? (
            <ChartSlot>
              <EChart
                option={timeOption}
                height={360}
                label={tx.seriesLabel(name, area.name)}
                describedBy={`${uid}-series-desc`}
                fileName={`${detail.code}_${area.code}_zeitverlauf`}
                downloadWhat={tx.seriesHeading}
                testId="series-chart"
              />
            </ChartSlot>
          ) : null}
          {series.loading || refs.loading ? <Loading /> : null}
          <ErrorAlert error={series.error ?? refs.error} />
          <DataTable
            caption={tx.seriesCaption(name, area.name, detail.unit)}
            head={
              <tr>
                <th scope="col">{tx.colPeriod}</th>
                <th scope="col" className="num">
                  {area.name}
                </th>
                {references.map((r) => (
                  <th key={r.areaId} scope="col" className="num">
                    {r.name} ({levelLabel(r.level, lang)}
                    {r.source === 'aggregated' ? `, ${tx.aggregated}` : ''})
                  </th>
                ))}
              </tr>
            }
          >
            {periodsAsc.map((p) => (
              <tr key={p}>
                <th scope="row">{fmtPeriod(p)}</th>
                <td className="num">
                  <CellValue cell={areaSeries.get(p)} decimals={detail.decimals} lang={lang} />
                </td>
                {references.map((r) => (
                  <td key={r.areaId} className="num">
                    <CellValue
                      cell={r.points.find((x) => x.period === p)}
                      decimals={detail.decimals}
                      lang={lang}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
          {refs.data && references.length === 0 ? <p className="muted">{tx.noReferences}</p> : null}
          <FlagLegend
            cells={[...areaSeries.values(), ...references.flatMap((r) => r.points as Cell[])]}
            lang={lang}
          />
        </Section>
      ) : null}

      {hasData ? (
        <section aria-labelledby={`${uid}-table`}>
          <h2 id={`${uid}-table`} tabIndex={-1}>
            {tx.tableHeading}
          </h2>
          {rows.length ? (
            <>
              <SortableTable
                testId="period-table"
                caption={tx.tableCaption(name, periodLabel, detail.unit)}
                columns={columns}
                rows={rows}
                rowKey={(r) => r.id}
                initialSort={{ key: 'code', dir: 'asc' }}
                rowClassName={(r) => (r.id === area?.id ? 'is-selected' : undefined)}
                foot={
                  periodReferences.length
                    ? periodReferences.map(({ ref, point }) => (
                        <tr key={ref.areaId}>
                          <th scope="row" colSpan={2}>
                            {ref.name} ({tx.referenceRow(levelLabel(ref.level, lang))}
                            {ref.source === 'aggregated' ? `, ${tx.aggregated}` : ''})
                          </th>
                          <td className="num">
                            <CellValue cell={point} decimals={detail.decimals} lang={lang} />
                          </td>
                        </tr>
                      ))
                    : undefined
                }
              />
              <FlagLegend cells={rows.map((r) => r.cell)} lang={lang} />
            </>
          ) : ready ? (
            <p>{tx.noObservations}</p>
          ) : (
            <Loading />
          )}
        </section>
      ) : null}

      {hasData ? (
        <Section id={`${uid}-downloads`} title={tx.downloadsHeading}>
          <p className={sel.view === 'internal' ? 'alert alert-warning' : 'hint'}>
            {sel.view === 'internal' ? tx.downloadInternalNote : tx.downloadPublicNote}
          </p>
          <div className="mon-downloads">
            {[false, true].map((all) => (
              <div key={String(all)}>
                <h3>{all ? tx.downloadsAll : tx.downloadsSelection}</h3>
                <ul className="mon-download-list">
                  {(['csv', 'xlsx', 'json'] as const).map((f) => (
                    <li key={f}>
                      <a href={exportLink(f, all)} download data-testid={`export-${f}${all ? '-all' : ''}`}>
                        {tx[f]}
                        <span className="sr-only"> – {all ? tx.downloadsAll : tx.downloadsSelection}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <div>
              <h3>{tx.downloadsCharts}</h3>
              <p>{tx.chartDownloadsHint}</p>
            </div>
          </div>
        </Section>
      ) : null}

      <Section id={`${uid}-meta`} title={tx.metaHeading}>
        <Metadata detail={detail} />
      </Section>
    </>
  );
}

function ChartSlot({ children }: { children: ReactNode }) {
  const tx = useTexts();
  return <Suspense fallback={<p className="muted">{tx.chartLoading}</p>}>{children}</Suspense>;
}

function Metadata({ detail }: { detail: IndicatorDetail }) {
  const { lang } = useI18n();
  const tx = useTexts();
  const path = useMonitoringPath();
  const c = detail.coverage;
  const fmt = (p: string) => formatPeriod(p, detail.periodType, lang);
  const computed = detail.computed as { formula?: unknown } | null;
  const formula = computed && typeof computed.formula === 'string' ? computed.formula : null;
  const or = (v: string | null) => v || <span className="muted">{tx.notGiven}</span>;
  const polarity =
    detail.polarity === 'higher_better'
      ? tx.polarityHigher
      : detail.polarity === 'lower_better'
        ? tx.polarityLower
        : tx.polarityNeutral;
  const items: Array<[string, ReactNode]> = [
    [tx.description, or(detail.description)],
    [tx.unit, `${detail.unit}`],
    [tx.topic, topicLabel(detail.topic, lang)],
    [tx.tier, tierLabel(detail.tier, lang)],
    [
      tx.type,
      `${detail.kind === 'dynamic' ? tx.kindDynamic : tx.kindStatus}, ${
        detail.measure === 'relative' ? tx.measureRelative : tx.measureAbsolute
      }`,
    ],
    [tx.polarity, polarity],
    [tx.periodType, tx.periodTypes[detail.periodType] ?? detail.periodType],
    [tx.visibility, detail.visibility === 'public' ? tx.visibilityPublicOption : tx.visibilityInternalOption],
    [
      tx.threshold,
      detail.sdcThreshold === null
        ? tx.thresholdDefault
        : detail.sdcThreshold === 0
          ? tx.thresholdNone
          : tx.thresholdValue(detail.sdcThreshold),
    ],
    [tx.source, or(detail.source)],
    [tx.licence, or(detail.licence)],
    [tx.attribution, or(detail.attribution)],
    [tx.updateInterval, or(detail.updateInterval)],
    [tx.contact, or(detail.contact)],
    [tx.statisticsCode, or(detail.statisticsCode)],
    [
      tx.coverage,
      c.periods > 0 && c.firstPeriod && c.lastPeriod
        ? `${tx.coverageText(c.periods, fmt(c.firstPeriod), fmt(c.lastPeriod))}; ${c.observations.toLocaleString(
            lang === 'de' ? 'de-DE' : 'en-GB',
          )} ${tx.observations}; ${tx.levels}: ${c.levels.map((l) => levelLabel(l, lang)).join(', ')}`
        : tx.noData,
    ],
    [tx.updatedAt, formatDateTime(detail.updatedAt, lang)],
  ];
  if (detail.isComputed) {
    items.push([tx.formula, formula ? <code>{formula}</code> : tx.notGiven]);
    items.push([
      tx.inputs,
      detail.inputs.length ? (
        <ul className="mon-inline-list">
          {detail.inputs.map((i) => (
            <li key={i.id}>
              <Link to={`${path}/indikatoren/${i.id}`}>{i.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        tx.notGiven
      ),
    ]);
  }
  if (detail.dependents.length) {
    items.push([
      tx.dependents,
      <ul className="mon-inline-list" key="dep">
        {detail.dependents.map((i) => (
          <li key={i.id}>
            <Link to={`${path}/indikatoren/${i.id}`}>{i.name}</Link>
          </li>
        ))}
      </ul>,
    ]);
  }
  return (
    <dl className="mon-meta" data-testid="metadata">
      {items.map(([k, v]) => (
        <div key={k} className="mon-meta-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
