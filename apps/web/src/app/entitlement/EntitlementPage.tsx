/** „Rechtsanspruch & Plätze“: the plan of the municipality with chart, gap map, tables, scenarios, expansion. */
import { lazy, Suspense, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import {
  hasPermission,
  schoolYearLabelOf,
  type EntitlementPlanDto,
  type EntitlementPlanRow,
  type EntitlementScenarioDto,
  type PlanningUnit,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n, formatDate } from '../i18n';
import { useTenant } from '../tenantContext';
import { Page, Section } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { DataTable } from '../components/Table';
import { SelectField, TextField } from '../components/Fields';
import {
  percentToShare,
  rateToSignedPercent,
  scopesOf,
  shareToPercent,
  signedPercentToRate,
  totalsOf,
  unitRowsOf,
  type PlanScope,
} from './planView';
import { useTexts, type EntitlementTexts } from './texts';
import { registerGeoJson } from './EntitlementChart';
import {
  CapacitiesEditor,
  ExpansionsEditor,
  PlanningUnitsEditor,
  PupilsEditor,
  SaveIndicators,
} from './PlanningData';
import { PlanSettings } from './PlanSettings';
import './entitlement.css';

const EntitlementChart = lazy(() => import('./EntitlementChart'));

const STATUS_COLOURS: Record<string, string> = { shortfall: '#d73027', tight: '#fdae61', covered: '#a6d96a' };

function useNumber() {
  const { lang } = useI18n();
  return useMemo(() => {
    const f0 = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 0 });
    const f1 = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    return {
      int: (v: string | null) => (v === null ? '–' : f0.format(Number(v))),
      one: (v: string | null) => (v === null ? '–' : f1.format(Number(v))),
      pct: (ratio: string | null) => (ratio === null ? '–' : `${f1.format(Number(ratio) * 100)} %`),
    };
  }, [lang]);
}

function StatusBadge({ status, tx }: { status: string; tx: EntitlementTexts }) {
  return <span className={`ent-status ent-status-${status}`}>{tx.status[status] ?? status}</span>;
}

export function EntitlementPage() {
  const tx = useTexts();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}/entitlement`;
  const canEdit = hasPermission(tenant.role, 'data.write');
  const plan = useLoad(`plan:${tenant.tenantId}`, () => api.get<EntitlementPlanDto>(`${base}/plan`));
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);
  const reload = (msg: string) => {
    setMessage(msg);
    setVersion((v) => v + 1);
    plan.reload();
  };

  return (
    <Page title={tx.title}>
      <p className="lead">{tx.lead}</p>
      {!canEdit ? <p className="muted">{tx.readOnly}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      <ErrorAlert error={plan.error} />
      {plan.loading && !plan.data ? <Loading /> : null}
      {plan.data ? (
        <PlanView plan={plan.data} base={base} canEdit={canEdit} version={version} onChanged={reload} />
      ) : null}
    </Page>
  );
}

function PlanView({
  plan,
  base,
  canEdit,
  version,
  onChanged,
}: {
  plan: EntitlementPlanDto;
  base: string;
  canEdit: boolean;
  version: number;
  onChanged: (msg: string) => void;
}) {
  const tx = useTexts();
  const { lang } = useI18n();
  const id = useId();
  const [scenarioId, setScenarioId] = useState(plan.scenarios[0]?.id ?? '');
  const scenario = plan.scenarios.find((s) => s.id === scenarioId) ?? plan.scenarios[0];
  const scopes = scenario ? scopesOf(plan, scenario.id) : [];
  const [scopeChoice, setScope] = useState<PlanScope>('ganztag');
  const scope = scopes.includes(scopeChoice) ? scopeChoice : (scopes[0] ?? 'ganztag');
  const [year, setYear] = useState(plan.schoolYears[0] ?? 2026);
  const shared = { plan, base, canEdit, version, onChanged };

  return (
    <>
      {plan.referenceDate ? (
        <p className="muted">{tx.referenceDate(formatDate(plan.referenceDate, lang))}</p>
      ) : null}
      {plan.planningUnits.length === 0 ? <p className="alert alert-info">{tx.noUnits}</p> : null}
      {plan.withoutPopulation.length > 0 ? (
        <p className="alert alert-warning">{tx.withoutPopulation(plan.withoutPopulation.length)}</p>
      ) : null}
      {!scenario ? <p className="alert alert-info">{tx.noScenarios}</p> : null}
      {scenario ? (
        <>
          <form className="ent-choice" aria-labelledby={`${id}-choose`} onSubmit={(e) => e.preventDefault()}>
            <h2 id={`${id}-choose`} className="sr-only">
              {tx.choose}
            </h2>
            <SelectField
              id={`${id}-scenario`}
              label={tx.scenario}
              value={scenario.id}
              onChange={setScenarioId}
              options={plan.scenarios.map((s) => ({ value: s.id, label: s.name }))}
            />
            <SelectField
              id={`${id}-scope`}
              label={tx.scope}
              value={scope}
              onChange={(v) => setScope(v)}
              options={scopes.map((s) => ({ value: s, label: tx.scopes[s] ?? s }))}
            />
            <SelectField
              id={`${id}-year`}
              label={tx.schoolYear}
              value={String(year)}
              onChange={(v) => setYear(Number(v))}
              options={plan.schoolYears.map((y) => ({ value: String(y), label: schoolYearLabelOf(y) }))}
            />
          </form>
          <CityTotals plan={plan} scenario={scenario} scope={scope} />
          <UnitsView plan={plan} base={base} scenario={scenario} scope={scope} year={year} />
          <section aria-labelledby={`${id}-export`}>
            <h2 id={`${id}-export`}>{tx.exportTitle}</h2>
            <ul className="ent-downloads">
              <li>
                <a href={`${base}/plan/export?format=xlsx`} download>
                  {tx.exportXlsx}
                </a>
              </li>
              <li>
                <a href={`${base}/plan/export?format=pdf`} download>
                  {tx.exportPdf}
                </a>
              </li>
              <li>
                <a href={`${base}/plan/export?format=docx`} download>
                  {tx.exportDocx}
                </a>
              </li>
              <li>
                <a href={`${base}/plan/export?format=csv`} download>
                  {tx.exportCsv}
                </a>
              </li>
            </ul>
          </section>
          {canEdit ? (
            <SaveIndicators
              base={base}
              scenarioId={scenario.id}
              scenarioName={scenario.name}
              onChanged={onChanged}
            />
          ) : null}
        </>
      ) : null}
      <Scenarios plan={plan} base={base} canEdit={canEdit} onChanged={onChanged} />
      <PlanSettings base={base} canEdit={canEdit} onChanged={onChanged} />
      <PlanningUnitsEditor {...shared} />
      <CapacitiesEditor {...shared} />
      <ExpansionsEditor {...shared} />
      <PupilsEditor {...shared} />
    </>
  );
}

function CityTotals({
  plan,
  scenario,
  scope,
}: {
  plan: EntitlementPlanDto;
  scenario: EntitlementScenarioDto;
  scope: PlanScope;
}) {
  const tx = useTexts();
  const fmt = useNumber();
  const totals = totalsOf(plan, scenario.id, scope);
  const scopeLabel = tx.scopes[scope] ?? scope;
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: totals.map((r) => schoolYearLabelOf(r.schoolYear)) },
      yAxis: { type: 'value' },
      series: [
        {
          name: tx.demandSeries,
          type: 'bar',
          data: totals.map((r) => Number(r.demand)),
          itemStyle: { color: '#4a6fa5' },
        },
        {
          name: tx.placesSeries,
          type: 'bar',
          data: totals.map((r) => Number(r.places)),
          itemStyle: { color: '#9ab973' },
        },
      ],
    }),
    [totals, tx],
  );
  return (
    <Section id="ent-city" title={tx.cityTitle}>
      {totals.length === 0 ? (
        <p>{tx.noRows}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <EntitlementChart
              option={option}
              height={280}
              label={tx.chartLabel(scopeLabel, scenario.name)}
              testId="ent-bars"
            />
          </Suspense>
          <DataTable
            caption={tx.totalsCaption(scopeLabel, scenario.name)}
            head={
              <tr>
                <th scope="col">{tx.schoolYear}</th>
                <th scope="col">{tx.entitled}</th>
                <th scope="col">{tx.demand}</th>
                <th scope="col">{tx.places}</th>
                <th scope="col">{tx.gap}</th>
                <th scope="col">{tx.ratio}</th>
                <th scope="col">{tx.statusCol}</th>
              </tr>
            }
          >
            {totals.map((r) => (
              <tr key={r.schoolYear}>
                <th scope="row">{schoolYearLabelOf(r.schoolYear)}</th>
                <td className="num">{fmt.int(r.entitledChildren)}</td>
                <td className="num">{fmt.int(r.demand)}</td>
                <td className="num">{fmt.int(r.places)}</td>
                <td className="num">{fmt.int(r.gap)}</td>
                <td className="num">{fmt.pct(r.ratio)}</td>
                <td>
                  <StatusBadge status={r.status} tx={tx} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Section>
  );
}

interface FeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ properties: { areaId: string; name: string }; geometry: unknown; type: 'Feature' }>;
}

function useGeometry(base: string) {
  const tenantBase = base.replace(/\/entitlement$/, '');
  return useLoad(`geo:${base}`, async () => {
    const levels = ['schulbezirk', 'stadtbezirk', 'sozialraum'];
    const all = await Promise.all(
      levels.map((l) =>
        api.get<FeatureCollection>(`${tenantBase}/areas/geometry?level=${l}`).catch(() => null),
      ),
    );
    return all.flatMap((fc) => fc?.features ?? []).filter((f) => f.geometry);
  });
}

function UnitsView({
  plan,
  base,
  scenario,
  scope,
  year,
}: {
  plan: EntitlementPlanDto;
  base: string;
  scenario: EntitlementScenarioDto;
  scope: PlanScope;
  year: number;
}) {
  const tx = useTexts();
  const fmt = useNumber();
  const rows = unitRowsOf(plan, scenario.id, scope, year);
  const geo = useGeometry(base);
  const scopeLabel = tx.scopes[scope] ?? scope;
  const mapName = `ent-${scope}-${rows.length}`;
  const option = useMemo(() => {
    if (!geo.data) return null;
    const areaIds = new Set(rows.map((r) => r.unit.areaId));
    const features = geo.data.filter((f) => areaIds.has(f.properties.areaId));
    if (features.length === 0) return null;
    registerGeoJson(mapName, { type: 'FeatureCollection', features });
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'areaId',
          roam: false,
          label: { show: false },
          emphasis: { disabled: true },
          select: { disabled: true },
          data: rows.map(({ unit, row }) => ({
            name: unit.areaId,
            value: Number(row.gapPercent ?? 0),
            itemStyle: { areaColor: STATUS_COLOURS[row.status], borderColor: '#333' },
            tooltip: { formatter: `${unit.name}: ${tx.status[row.status]} (${fmt.one(row.gapPercent)} %)` },
          })),
        },
      ],
    };
  }, [geo.data, rows, mapName, tx, fmt]);
  const yearLabel = schoolYearLabelOf(year);
  return (
    <Section id="ent-units" title={tx.unitsTitle}>
      {rows.length === 0 ? (
        <p>{tx.noRows}</p>
      ) : (
        <>
          {option ? (
            <Suspense fallback={<Loading />}>
              <EntitlementChart
                option={option}
                height={360}
                label={tx.mapLabel(scopeLabel, yearLabel)}
                testId="ent-map"
              />
            </Suspense>
          ) : null}
          <ul className="ent-legend" aria-label={tx.statusCol}>
            {(['shortfall', 'tight', 'covered'] as const).map((s) => (
              <li key={s}>
                <span className="ent-swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
                {tx.status[s]}
              </li>
            ))}
          </ul>
          <DataTable
            caption={tx.unitsCaption(scopeLabel, yearLabel, scenario.name)}
            head={
              <tr>
                <th scope="col">{tx.unit}</th>
                <th scope="col">{tx.entitled}</th>
                <th scope="col">{tx.demand}</th>
                <th scope="col">{tx.places}</th>
                <th scope="col">{tx.gap}</th>
                <th scope="col">{tx.gapPercent}</th>
                <th scope="col">{tx.statusCol}</th>
              </tr>
            }
          >
            {rows.map(({ unit, row }) => (
              <tr key={unit.id}>
                <th scope="row">{unit.name}</th>
                <td className="num">{fmt.int(row.entitledChildren)}</td>
                <td className="num">{fmt.int(row.demand)}</td>
                <td className="num">{fmt.int(row.places)}</td>
                <td className="num">{fmt.int(row.gap)}</td>
                <td className="num">{fmt.one(row.gapPercent)}</td>
                <td>
                  <StatusBadge status={row.status} tx={tx} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Section>
  );
}

type ShareField = 'ganztagShare' | 'kitaU3Rate' | 'kitaUe3Rate' | 'deferralShare' | 'specialSchoolShare';
const SHARE_FIELDS: readonly ShareField[] = [
  'ganztagShare',
  'kitaU3Rate',
  'kitaUe3Rate',
  'deferralShare',
  'specialSchoolShare',
];

type UnitShareField = 'ganztagShare' | 'kitaU3Rate' | 'kitaUe3Rate' | 'netMigration';
/**
 * The values a planning unit of a kind can differ in (Ganztag on schools, Kita on Sozialräume, the
 * Wanderungssaldo on both). netMigration is a signed rate per year, entered in percent.
 */
const UNIT_SHARE_FIELDS: Record<PlanningUnit['kind'], readonly UnitShareField[]> = {
  grundschule: ['ganztagShare', 'netMigration'],
  sozialraum: ['kitaU3Rate', 'kitaUe3Rate', 'netMigration'],
};
/** Form text → API text of a unit field, and back. */
const toApi = (f: UnitShareField, text: string) =>
  f === 'netMigration' ? signedPercentToRate(text) : percentToShare(text);
const toForm = (f: UnitShareField, value: string) =>
  f === 'netMigration' ? rateToSignedPercent(value) : shareToPercent(value);
type UnitShares = Record<string, Partial<Record<UnitShareField, string>>>;

function ScenarioForm({
  scenario,
  units,
  base,
  onDone,
}: {
  scenario?: EntitlementScenarioDto;
  units: PlanningUnit[];
  base: string;
  onDone: (msg: string) => void;
}) {
  const tx = useTexts();
  const id = useId();
  const [name, setName] = useState(scenario?.name ?? '');
  const [description, setDescription] = useState(scenario?.description ?? '');
  const [published, setPublished] = useState(scenario?.published ?? false);
  const [shares, setShares] = useState<Record<ShareField, string>>(() => ({
    ganztagShare: shareToPercent(scenario?.ganztagShare ?? null),
    kitaU3Rate: shareToPercent(scenario?.kitaU3Rate ?? null),
    kitaUe3Rate: shareToPercent(scenario?.kitaUe3Rate ?? null),
    deferralShare: shareToPercent(scenario?.deferralShare ?? null),
    specialSchoolShare: shareToPercent(scenario?.specialSchoolShare ?? null),
  }));
  const [unitShares, setUnitShares] = useState<UnitShares>(() => {
    const out: UnitShares = {};
    for (const [unitId, v] of Object.entries(scenario?.byPlanningUnit ?? {})) {
      out[unitId] = {};
      for (const f of ['ganztagShare', 'kitaU3Rate', 'kitaUe3Rate', 'netMigration'] as const) {
        if (v[f]) out[unitId][f] = toForm(f, v[f]);
      }
    }
    return out;
  });
  const [netMigration, setNetMigration] = useState(rateToSignedPercent(scenario?.netMigration ?? null));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setFailure(null), [name, shares, netMigration, unitShares]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<string, string>> = {};
    const body: Record<string, string | null> = {};
    for (const f of SHARE_FIELDS) {
      const v = percentToShare(shares[f]);
      if (v === undefined) errs[f] = tx.percentError(tx[f]);
      else body[f] = v;
    }
    const migration = signedPercentToRate(netMigration);
    if (migration === undefined) errs.netMigration = tx.netMigrationError(tx.netMigration);
    else body.netMigration = migration;
    const byPlanningUnit: Record<string, Partial<Record<UnitShareField, string>>> = {};
    for (const u of units) {
      for (const f of UNIT_SHARE_FIELDS[u.kind]) {
        const v = toApi(f, unitShares[u.id]?.[f] ?? '');
        const label = tx.unitShareLabel(tx.unitShareShort[f], u.name);
        if (v === undefined)
          errs[`${u.id}-${f}`] = f === 'netMigration' ? tx.netMigrationError(label) : tx.percentError(label);
        else if (v !== null) byPlanningUnit[u.id] = { ...byPlanningUnit[u.id], [f]: v };
      }
    }
    if (!name.trim()) errs.name = tx.nameError;
    setErrors(errs);
    if (Object.keys(errs).length) {
      const first = Object.keys(errs)[0]!;
      if (first.includes('-'))
        (document.getElementById(`${id}-units`) as HTMLDetailsElement | null)?.setAttribute('open', '');
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const payload = {
        ...body,
        name: name.trim(),
        description: description.trim() || null,
        byPlanningUnit,
        published,
      };
      if (scenario) await api.patch(`${base}/scenarios/${seg(scenario.id)}`, payload);
      else await api.post(`${base}/scenarios`, payload);
      onDone(scenario ? tx.saved(name.trim()) : tx.created(name.trim()));
      if (!scenario) {
        setName('');
        setDescription('');
        setPublished(false);
        setNetMigration('');
        setUnitShares({});
      }
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="ent-scenario-form">
      <ErrorAlert error={failure} />
      <TextField
        id={`${id}-name`}
        label={tx.name}
        value={name}
        onChange={setName}
        error={errors.name}
        maxLength={160}
      />
      <div className="ent-share-grid">
        {SHARE_FIELDS.map((f) => (
          <TextField
            key={f}
            id={`${id}-${f}`}
            label={tx[f]}
            hint={tx.percentHint}
            inputMode="decimal"
            value={shares[f]}
            onChange={(v) => setShares((s) => ({ ...s, [f]: v }))}
            error={errors[f]}
          />
        ))}
        <TextField
          id={`${id}-netMigration`}
          label={tx.netMigration}
          hint={tx.netMigrationHint}
          inputMode="text"
          value={netMigration}
          onChange={setNetMigration}
          error={errors.netMigration}
        />
      </div>
      {units.length ? (
        <details className="ent-unit-shares" id={`${id}-units`}>
          <summary>
            {tx.unitSharesTitle} (
            {tx.unitShares(Object.values(unitShares).filter((v) => Object.values(v).some(Boolean)).length)})
          </summary>
          <p className="hint">{tx.unitSharesHint}</p>
          <div className="ent-share-grid">
            {units.flatMap((u) =>
              UNIT_SHARE_FIELDS[u.kind].map((f) => (
                <TextField
                  key={`${u.id}-${f}`}
                  id={`${id}-${u.id}-${f}`}
                  label={tx.unitShareLabel(tx.unitShareShort[f], u.name)}
                  hint={f === 'netMigration' ? tx.netMigrationHint : tx.percentHint}
                  inputMode={f === 'netMigration' ? 'text' : 'decimal'}
                  value={unitShares[u.id]?.[f] ?? ''}
                  onChange={(v) => setUnitShares((all) => ({ ...all, [u.id]: { ...all[u.id], [f]: v } }))}
                  error={errors[`${u.id}-${f}`]}
                />
              )),
            )}
          </div>
        </details>
      ) : null}
      <TextField
        id={`${id}-description`}
        label={tx.description}
        value={description}
        onChange={setDescription}
        maxLength={2000}
      />
      <div className="check">
        <input
          type="checkbox"
          id={`${id}-published`}
          checked={published}
          aria-describedby={`${id}-published-hint`}
          onChange={(e) => setPublished(e.target.checked)}
        />
        <label htmlFor={`${id}-published`}>{tx.published}</label>
        <p className="hint" id={`${id}-published-hint`}>
          {tx.publishedHint}
        </p>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {scenario ? tx.save : tx.create}
      </button>
    </form>
  );
}

function Scenarios({
  plan,
  base,
  canEdit,
  onChanged,
}: {
  plan: EntitlementPlanDto;
  base: string;
  canEdit: boolean;
  onChanged: (msg: string) => void;
}) {
  const tx = useTexts();
  const tenant = useTenant();
  const fmt = (v: string | null) => (v === null ? tx.notSet : `${shareToPercent(v)}\u00a0%`);
  return (
    <Section id="ent-scenarios" title={tx.scenariosTitle}>
      <DataTable
        caption={tx.scenariosTitle}
        head={
          <tr>
            <th scope="col">{tx.scenario}</th>
            {SHARE_FIELDS.map((f) => (
              <th scope="col" key={f}>
                {tx.shareCols[f]}
              </th>
            ))}
            <th scope="col">{tx.shareCols.netMigration}</th>
            <th scope="col">{tx.unitSharesCol}</th>
            <th scope="col">{tx.description}</th>
            <th scope="col">{tx.portal}</th>
          </tr>
        }
      >
        {plan.scenarios.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.name}</th>
            <td className="num">{fmt(s.ganztagShare)}</td>
            <td className="num">{fmt(s.kitaU3Rate)}</td>
            <td className="num">{fmt(s.kitaUe3Rate)}</td>
            <td className="num">{fmt(s.deferralShare)}</td>
            <td className="num">{fmt(s.specialSchoolShare)}</td>
            <td className="num">
              {s.netMigration === null
                ? tx.noMigration
                : `${rateToSignedPercent(s.netMigration).replace('-', '\u2212')}\u00a0%`}
            </td>
            <td>{tx.unitShares(Object.keys(s.byPlanningUnit).length)}</td>
            <td>{s.description}</td>
            <td>
              {s.published ? (
                <>
                  {tx.isPublished} ·{' '}
                  <a href={`/kommune/${encodeURIComponent(tenant.slug)}/rechtsanspruch`}>{tx.publicPage}</a>
                </>
              ) : (
                tx.notPublished
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {canEdit
        ? plan.scenarios.map((s) => (
            <details key={s.id} className="ent-edit">
              <summary>{tx.edit(s.name)}</summary>
              <ScenarioForm scenario={s} units={plan.planningUnits} base={base} onDone={onChanged} />
            </details>
          ))
        : null}
      {canEdit ? (
        <details className="ent-edit">
          <summary>{tx.newScenario}</summary>
          <ScenarioForm units={plan.planningUnits} base={base} onDone={onChanged} />
        </details>
      ) : null}
    </Section>
  );
}

export type { EntitlementPlanRow };
