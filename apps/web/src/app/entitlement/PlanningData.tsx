/**
 * The planning data of „Rechtsanspruch & Plätze“: planning units, existing places and planned expansions —
 * lists for everyone, forms to create, change and delete (with confirmation) for the editors.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  ENTITLEMENT_CAPACITY_TYPES,
  PLANNING_UNIT_KINDS,
  schoolYearLabelOf,
  type Area,
  type EntitlementCapacity,
  type EntitlementExpansion,
  type EntitlementPlanDto,
  type EntitlementPupilCount,
  type EntitlementSavedIndicator,
  type EntitlementSlipChange,
  type PlanningUnit,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Section } from '../components/Page';
import { ErrorAlert } from '../components/Feedback';
import { DataTable } from '../components/Table';
import { SelectField, TextField } from '../components/Fields';
import { ConfirmAction } from '../components/ConfirmAction';
import { decimalToInput, inputToDecimal } from './planView';
import { useTexts, type EntitlementTexts } from './texts';

type Lang = 'de' | 'en';
type Errors = Partial<Record<string, string>>;

interface Shared {
  plan: EntitlementPlanDto;
  base: string;
  canEdit: boolean;
  /** Bumped after every change: the lists load again. */
  version: number;
  onChanged: (msg: string) => void;
}

function useFormat() {
  const { lang } = useI18n();
  return useMemo(() => {
    const locale = lang === 'de' ? 'de-DE' : 'en-GB';
    const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const euro = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    });
    return {
      lang: lang as Lang,
      num: (v: string | null) => (v === null ? '–' : int.format(Number(v))),
      whole: (v: string | null) => (v === null ? '–' : whole.format(Number(v))),
      euro: (v: string | null) => (v ? euro.format(Number(v)) : ''),
    };
  }, [lang]);
}

/** Submit with busy state and the API failure shown above the form. */
export function useSubmit() {
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(work: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }
  return { failure, busy, run };
}

/** A form with its heading; the heading takes focus when the form opens for an item. */
function EditForm({
  title,
  focusOnOpen,
  onSubmit,
  failure,
  children,
  submitLabel,
  busy,
  onCancel,
}: {
  title: string;
  focusOnOpen: boolean;
  onSubmit: (e: FormEvent) => void;
  failure: ApiFailure | null;
  children: ReactNode;
  submitLabel: string;
  busy: boolean;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen, title]);
  return (
    <form onSubmit={onSubmit} noValidate className="ent-data-form" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <ErrorAlert error={failure} />
      <div className="ent-share-grid">{children}</div>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel ? (
        <>
          {' '}
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </>
      ) : null}
    </form>
  );
}

function focusFirstError(formId: string, errs: Errors): boolean {
  const first = Object.keys(errs)[0];
  if (first) document.getElementById(`${formId}-${first}`)?.focus();
  return first !== undefined;
}

const yearOptions = (plan: EntitlementPlanDto, tx: EntitlementTexts, current: number | null) => {
  const years = new Set(plan.schoolYears);
  if (current !== null) years.add(current);
  return [
    { value: '', label: tx.data.always },
    ...[...years].toSorted().map((y) => ({ value: String(y), label: schoolYearLabelOf(y) })),
  ];
};

/* ---------- planning units ---------- */

function UnitForm({
  unit,
  base,
  areas,
  onDone,
  onCancel,
}: {
  unit?: PlanningUnit;
  base: string;
  areas: Area[];
  onDone: (msg: string) => void;
  onCancel?: () => void;
}) {
  const tx = useTexts();
  const id = useId();
  const [kind, setKind] = useState<string>(unit?.kind ?? 'grundschule');
  const [name, setName] = useState(unit?.name ?? '');
  const [areaId, setAreaId] = useState(unit?.areaId ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const { failure, busy, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!name.trim()) errs.name = tx.data.nameError;
    if (!areaId) errs.area = tx.data.areaError;
    setErrors(errs);
    if (focusFirstError(id, errs)) return;
    void run(async () => {
      const body = { kind, name: name.trim(), areaId };
      if (unit) {
        await api.patch(`${base}/planning-units/${seg(unit.id)}`, body);
        onDone(tx.data.unitSaved(body.name));
      } else {
        await api.post(`${base}/planning-units`, body);
        onDone(tx.data.unitCreated(body.name));
        setName('');
        setAreaId('');
      }
    });
  };
  return (
    <EditForm
      title={unit ? tx.data.editUnit(unit.name) : tx.data.newUnit}
      focusOnOpen={!!unit}
      onSubmit={submit}
      failure={failure}
      submitLabel={unit ? tx.save : tx.data.createUnit}
      busy={busy}
      {...(onCancel ? { onCancel } : {})}
    >
      <TextField
        id={`${id}-name`}
        label={tx.name}
        value={name}
        onChange={setName}
        error={errors.name}
        maxLength={160}
      />
      <SelectField
        id={`${id}-kind`}
        label={tx.data.kind}
        value={kind}
        onChange={setKind}
        options={PLANNING_UNIT_KINDS.map((k) => ({ value: k, label: tx.data.kinds[k] ?? k }))}
      />
      <SelectField
        id={`${id}-area`}
        label={tx.data.area}
        value={areaId}
        onChange={setAreaId}
        error={errors.area}
        options={[
          { value: '', label: '–' },
          ...areas.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
        ]}
      />
    </EditForm>
  );
}

export function PlanningUnitsEditor({ plan, base, canEdit, onChanged }: Shared) {
  const tx = useTexts();
  const tenantBase = base.replace(/\/entitlement$/, '');
  const areas = useLoad(`areas:${tenantBase}`, () => api.get<Area[]>(`${tenantBase}/areas`));
  const [editing, setEditing] = useState<string | null>(null);
  const { failure, run } = useSubmit();
  const unit = plan.planningUnits.find((u) => u.id === editing);
  const done = (msg: string) => {
    setEditing(null);
    onChanged(msg);
  };
  return (
    <Section id="ent-planning-units" title={tx.data.unitsTitle}>
      <ErrorAlert error={failure} />
      {plan.planningUnits.length > 0 ? (
        <DataTable
          caption={tx.data.unitsCaption}
          head={
            <tr>
              <th scope="col">{tx.unit}</th>
              <th scope="col">{tx.data.kind}</th>
              <th scope="col">{tx.data.areaCol}</th>
              {canEdit ? <th scope="col">{tx.data.actions}</th> : null}
            </tr>
          }
        >
          {plan.planningUnits.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{tx.data.kinds[u.kind] ?? u.kind}</td>
              <td>{`${u.areaName} (${u.areaCode})`}</td>
              {canEdit ? (
                <td className="ent-actions">
                  <button type="button" className="button button-secondary" onClick={() => setEditing(u.id)}>
                    {tx.data.change}
                    <span className="sr-only"> {u.name}</span>
                  </button>{' '}
                  <ConfirmAction
                    label={tx.data.remove}
                    srSuffix={u.name}
                    question={tx.data.deleteUnitQuestion(u.name)}
                    confirmLabel={tx.data.confirmRemove}
                    onConfirm={() =>
                      void run(async () => {
                        await api.del(`${base}/planning-units/${seg(u.id)}`);
                        done(tx.data.unitDeleted(u.name));
                      })
                    }
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}
      {canEdit ? (
        <>
          <ErrorAlert error={areas.error} />
          {unit ? (
            <UnitForm
              key={unit.id}
              unit={unit}
              base={base}
              areas={areas.data ?? []}
              onDone={done}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <UnitForm base={base} areas={areas.data ?? []} onDone={done} />
          )}
        </>
      ) : null}
    </Section>
  );
}

/* ---------- existing places ---------- */

/** Planning unit, type of place and number of places: the fields an existing place and an expansion share. */
function PlaceFields({
  id,
  plan,
  unit: [planningUnitId, setUnit],
  type: [type, setType],
  places: [places, setPlaces],
  error,
}: {
  id: string;
  plan: EntitlementPlanDto;
  unit: [string, (v: string) => void];
  type: [string, (v: string) => void];
  places: [string, (v: string) => void];
  error: string | undefined;
}) {
  const tx = useTexts();
  return (
    <>
      <SelectField
        id={`${id}-unit`}
        label={tx.unit}
        value={planningUnitId}
        onChange={setUnit}
        options={plan.planningUnits.map((u) => ({ value: u.id, label: u.name }))}
      />
      <SelectField
        id={`${id}-type`}
        label={tx.type}
        value={type}
        onChange={setType}
        options={ENTITLEMENT_CAPACITY_TYPES.map((c) => ({ value: c, label: tx.capacityTypes[c] ?? c }))}
      />
      <TextField
        id={`${id}-places`}
        label={tx.places}
        hint={tx.data.placesHint}
        inputMode="decimal"
        value={places}
        onChange={setPlaces}
        error={error}
      />
    </>
  );
}

function CapacityForm({
  capacity,
  plan,
  base,
  onDone,
  onCancel,
}: {
  capacity?: EntitlementCapacity;
  plan: EntitlementPlanDto;
  base: string;
  onDone: (msg: string) => void;
  onCancel?: () => void;
}) {
  const tx = useTexts();
  const { lang } = useFormat();
  const id = useId();
  const [planningUnitId, setUnit] = useState(capacity?.planningUnitId ?? plan.planningUnits[0]?.id ?? '');
  const [type, setType] = useState<string>(capacity?.type ?? 'offene_ganztagsschule');
  const [places, setPlaces] = useState(decimalToInput(capacity?.places ?? null, lang));
  const [from, setFrom] = useState(capacity?.fromSchoolYear ? String(capacity.fromSchoolYear) : '');
  const [to, setTo] = useState(capacity?.toSchoolYear ? String(capacity.toSchoolYear) : '');
  const [note, setNote] = useState(capacity?.note ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const { failure, busy, run } = useSubmit();
  const unitName = plan.planningUnits.find((u) => u.id === capacity?.planningUnitId)?.name ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Errors = {};
    const p = inputToDecimal(places, lang);
    if (!p) errs.places = tx.data.placesError;
    setErrors(errs);
    if (focusFirstError(id, errs)) return;
    void run(async () => {
      const body = {
        planningUnitId,
        type,
        places: p,
        fromSchoolYear: from ? Number(from) : null,
        toSchoolYear: to ? Number(to) : null,
        note: note.trim(),
      };
      if (capacity) await api.patch(`${base}/capacities/${seg(capacity.id)}`, body);
      else {
        await api.post(`${base}/capacities`, body);
        setPlaces('');
        setNote('');
      }
      onDone(tx.data.capacitySaved);
    });
  };
  return (
    <EditForm
      title={
        capacity
          ? tx.data.editCapacity(unitName, tx.capacityTypes[capacity.type] ?? capacity.type)
          : tx.data.newCapacity
      }
      focusOnOpen={!!capacity}
      onSubmit={submit}
      failure={failure}
      submitLabel={capacity ? tx.save : tx.data.createCapacity}
      busy={busy}
      {...(onCancel ? { onCancel } : {})}
    >
      <PlaceFields
        id={id}
        plan={plan}
        unit={[planningUnitId, setUnit]}
        type={[type, setType]}
        places={[places, setPlaces]}
        error={errors.places}
      />
      <SelectField
        id={`${id}-from`}
        label={tx.data.from}
        value={from}
        onChange={setFrom}
        options={yearOptions(plan, tx, capacity?.fromSchoolYear ?? null)}
      />
      <SelectField
        id={`${id}-to`}
        label={tx.data.to}
        value={to}
        onChange={setTo}
        options={yearOptions(plan, tx, capacity?.toSchoolYear ?? null)}
      />
      <TextField id={`${id}-note`} label={tx.data.note} value={note} onChange={setNote} maxLength={2000} />
    </EditForm>
  );
}

export function CapacitiesEditor({ plan, base, canEdit, version, onChanged }: Shared) {
  const tx = useTexts();
  const fmt = useFormat();
  const list = useLoad(`caps:${base}:${version}`, () => api.get<EntitlementCapacity[]>(`${base}/capacities`));
  const [editing, setEditing] = useState<string | null>(null);
  const { failure, run } = useSubmit();
  const unitName = (uid: string) => plan.planningUnits.find((u) => u.id === uid)?.name ?? '';
  const rows = list.data ?? [];
  const capacity = rows.find((c) => c.id === editing);
  const done = (msg: string) => {
    setEditing(null);
    onChanged(msg);
  };
  const year = (y: number | null) => (y === null ? '' : schoolYearLabelOf(y));
  return (
    <Section id="ent-capacities" title={tx.data.capacitiesTitle}>
      <ErrorAlert error={list.error ?? failure} />
      {rows.length === 0 && !list.loading ? <p>{tx.data.noCapacities}</p> : null}
      {rows.length > 0 ? (
        <DataTable
          caption={tx.data.capacitiesCaption}
          head={
            <tr>
              <th scope="col">{tx.unit}</th>
              <th scope="col">{tx.type}</th>
              <th scope="col">{tx.places}</th>
              <th scope="col">{tx.data.from}</th>
              <th scope="col">{tx.data.to}</th>
              <th scope="col">{tx.data.note}</th>
              {canEdit ? <th scope="col">{tx.data.actions}</th> : null}
            </tr>
          }
        >
          {rows.map((c) => {
            const label = `${unitName(c.planningUnitId)}, ${tx.capacityTypes[c.type] ?? c.type}`;
            return (
              <tr key={c.id}>
                <th scope="row">{unitName(c.planningUnitId)}</th>
                <td>{tx.capacityTypes[c.type] ?? c.type}</td>
                <td className="num">{fmt.num(c.places)}</td>
                <td>{year(c.fromSchoolYear)}</td>
                <td>{year(c.toSchoolYear)}</td>
                <td>{c.note ?? ''}</td>
                {canEdit ? (
                  <td className="ent-actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setEditing(c.id)}
                    >
                      {tx.data.change}
                      <span className="sr-only"> {label}</span>
                    </button>{' '}
                    <ConfirmAction
                      label={tx.data.remove}
                      srSuffix={label}
                      question={tx.data.deleteCapacityQuestion(
                        unitName(c.planningUnitId),
                        tx.capacityTypes[c.type] ?? c.type,
                      )}
                      confirmLabel={tx.data.confirmRemove}
                      onConfirm={() =>
                        void run(async () => {
                          await api.del(`${base}/capacities/${seg(c.id)}`);
                          done(tx.data.capacityDeleted);
                        })
                      }
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      {canEdit && plan.planningUnits.length > 0 ? (
        capacity ? (
          <CapacityForm
            key={capacity.id}
            capacity={capacity}
            plan={plan}
            base={base}
            onDone={done}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <CapacityForm plan={plan} base={base} onDone={done} />
        )
      ) : null}
    </Section>
  );
}

/* ---------- planned expansions ---------- */

function ExpansionForm({
  expansion,
  plan,
  base,
  onDone,
  onCancel,
}: {
  expansion?: EntitlementExpansion;
  plan: EntitlementPlanDto;
  base: string;
  onDone: (msg: string) => void;
  onCancel?: () => void;
}) {
  const tx = useTexts();
  const { lang } = useFormat();
  const id = useId();
  const [planningUnitId, setUnit] = useState(expansion?.planningUnitId ?? plan.planningUnits[0]?.id ?? '');
  const [type, setType] = useState<string>(expansion?.type ?? 'offene_ganztagsschule');
  const [places, setPlaces] = useState(decimalToInput(expansion?.places ?? null, lang));
  const [schoolYear, setYear] = useState(String(expansion?.schoolYear ?? plan.schoolYears[1] ?? 2027));
  const [funding, setFunding] = useState(expansion?.fundingProgramme ?? '');
  const [amount, setAmount] = useState(decimalToInput(expansion?.amount ?? null, lang));
  const [note, setNote] = useState(expansion?.note ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const { failure, busy, run } = useSubmit();
  const unitName = plan.planningUnits.find((u) => u.id === expansion?.planningUnitId)?.name ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Errors = {};
    const p = inputToDecimal(places, lang);
    if (!p) errs.places = tx.data.placesError;
    const a = inputToDecimal(amount, lang);
    if (a === undefined || a.startsWith('-')) errs.amount = tx.data.amountError;
    setErrors(errs);
    if (focusFirstError(id, errs)) return;
    void run(async () => {
      const body = {
        planningUnitId,
        type,
        places: p,
        schoolYear: Number(schoolYear),
        fundingProgramme: funding.trim() || null,
        amount: a || null,
        note: note.trim(),
      };
      if (expansion) await api.patch(`${base}/expansions/${seg(expansion.id)}`, body);
      else {
        await api.post(`${base}/expansions`, body);
        setPlaces('');
        setAmount('');
        setNote('');
      }
      onDone(tx.data.expansionSaved);
    });
  };
  const years = yearOptions(plan, tx, expansion?.schoolYear ?? null).slice(1);
  return (
    <EditForm
      title={expansion ? tx.data.editExpansion(unitName) : tx.data.newExpansion}
      focusOnOpen={!!expansion}
      onSubmit={submit}
      failure={failure}
      submitLabel={expansion ? tx.save : tx.data.createExpansion}
      busy={busy}
      {...(onCancel ? { onCancel } : {})}
    >
      <PlaceFields
        id={id}
        plan={plan}
        unit={[planningUnitId, setUnit]}
        type={[type, setType]}
        places={[places, setPlaces]}
        error={errors.places}
      />
      <SelectField
        id={`${id}-year`}
        label={tx.available}
        value={schoolYear}
        onChange={setYear}
        options={years}
      />
      <TextField
        id={`${id}-funding`}
        label={tx.funding}
        value={funding}
        onChange={setFunding}
        maxLength={200}
      />
      <TextField
        id={`${id}-amount`}
        label={tx.amount}
        hint={tx.data.amountHint}
        inputMode="decimal"
        value={amount}
        onChange={setAmount}
        error={errors.amount}
      />
      <TextField id={`${id}-note`} label={tx.data.note} value={note} onChange={setNote} maxLength={2000} />
    </EditForm>
  );
}

export function ExpansionsEditor({ plan, base, canEdit, version, onChanged }: Shared) {
  const tx = useTexts();
  const fmt = useFormat();
  const list = useLoad(`exp:${base}:${version}`, () => api.get<EntitlementExpansion[]>(`${base}/expansions`));
  const [slip, setSlip] = useState<{ x: EntitlementExpansion; changes: EntitlementSlipChange[] } | null>(
    null,
  );
  const [editing, setEditing] = useState<string | null>(null);
  const { failure, run } = useSubmit();
  const unitName = (uid: string | null) =>
    uid ? (plan.planningUnits.find((u) => u.id === uid)?.name ?? '') : tx.total;
  const rows = list.data ?? [];
  const expansion = rows.find((x) => x.id === editing);
  const done = (msg: string) => {
    setEditing(null);
    setSlip(null);
    onChanged(msg);
  };
  const showSlip = (x: EntitlementExpansion) =>
    void run(async () => {
      setSlip({ x, changes: await api.get<EntitlementSlipChange[]>(`${base}/expansions/${seg(x.id)}/slip`) });
    });
  return (
    <Section id="ent-expansions" title={tx.expansionsTitle}>
      <ErrorAlert error={list.error ?? failure} />
      {rows.length === 0 && !list.loading ? <p>{tx.noExpansions}</p> : null}
      {rows.length > 0 ? (
        <DataTable
          caption={tx.expansionsCaption}
          head={
            <tr>
              <th scope="col">{tx.unit}</th>
              <th scope="col">{tx.type}</th>
              <th scope="col">{tx.places}</th>
              <th scope="col">{tx.available}</th>
              <th scope="col">{tx.funding}</th>
              <th scope="col">{tx.amount}</th>
              <th scope="col">{tx.data.actions}</th>
            </tr>
          }
        >
          {rows.map((x) => {
            const label = `${unitName(x.planningUnitId)}, ${schoolYearLabelOf(x.schoolYear)}`;
            return (
              <tr key={x.id}>
                <th scope="row">{unitName(x.planningUnitId)}</th>
                <td>{tx.capacityTypes[x.type] ?? x.type}</td>
                <td className="num">{fmt.num(x.places)}</td>
                <td>{schoolYearLabelOf(x.schoolYear)}</td>
                <td className="ent-hyphens">{x.fundingProgramme ?? ''}</td>
                <td className="num">{fmt.euro(x.amount)}</td>
                <td className="ent-actions">
                  <button
                    type="button"
                    className="button button-secondary button-slip"
                    aria-label={tx.slipButton(unitName(x.planningUnitId))}
                    onClick={() => showSlip(x)}
                  >
                    {tx.slip}
                  </button>
                  {canEdit ? (
                    <>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing(x.id)}
                      >
                        {tx.data.change}
                        <span className="sr-only"> {label}</span>
                      </button>{' '}
                      <ConfirmAction
                        label={tx.data.remove}
                        srSuffix={label}
                        question={tx.data.deleteExpansionQuestion(unitName(x.planningUnitId))}
                        confirmLabel={tx.data.confirmRemove}
                        onConfirm={() =>
                          void run(async () => {
                            await api.del(`${base}/expansions/${seg(x.id)}`);
                            done(tx.data.expansionDeleted);
                          })
                        }
                      />
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      {slip ? (
        slip.changes.length === 0 ? (
          <p role="status">{tx.slipNone}</p>
        ) : (
          <DataTable
            caption={tx.slipCaption(unitName(slip.x.planningUnitId))}
            head={
              <tr>
                <th scope="col">{tx.scenario}</th>
                <th scope="col">{tx.unit}</th>
                <th scope="col">{tx.schoolYear}</th>
                <th scope="col">{`${tx.gap} (${tx.before})`}</th>
                <th scope="col">{`${tx.gap} (${tx.after})`}</th>
                <th scope="col">{`${tx.statusCol} (${tx.after})`}</th>
              </tr>
            }
          >
            {slip.changes.map((c) => (
              <tr key={`${c.scenario}-${c.planningUnitId}-${c.schoolYear}-${c.scope}`}>
                <td>{c.scenario}</td>
                <th scope="row">{unitName(c.planningUnitId)}</th>
                <td>{schoolYearLabelOf(c.schoolYear)}</td>
                <td className="num">{fmt.whole(c.before.gap)}</td>
                <td className="num">{fmt.whole(c.after.gap)}</td>
                <td>
                  <span className={`ent-status ent-status-${c.after.status}`}>
                    {tx.status[c.after.status] ?? c.after.status}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
      {canEdit && plan.planningUnits.length > 0 ? (
        expansion ? (
          <ExpansionForm
            key={expansion.id}
            expansion={expansion}
            plan={plan}
            base={base}
            onDone={done}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <ExpansionForm plan={plan} base={base} onDone={done} />
        )
      ) : null}
    </Section>
  );
}

/* ---------- pupil numbers ---------- */

export function PupilsEditor({ plan, base, canEdit, version, onChanged }: Shared) {
  const tx = useTexts();
  const fmt = useFormat();
  const id = useId();
  const list = useLoad(`pupils:${base}:${version}`, () => api.get<EntitlementPupilCount[]>(`${base}/pupils`));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const { failure, busy, run } = useSubmit();
  const rows = list.data ?? [];
  // One row per school and school year, grades 1–4 side by side.
  const table = useMemo(() => {
    const byKey = new Map<string, { unitId: string; year: number; grades: Record<number, string> }>();
    for (const p of rows) {
      const key = `${p.planningUnitId}|${p.schoolYear}`;
      const r = byKey.get(key) ?? { unitId: p.planningUnitId, year: p.schoolYear, grades: {} };
      r.grades[p.grade] = p.pupils;
      byKey.set(key, r);
    }
    const name = (uid: string) => plan.planningUnits.find((u) => u.id === uid)?.name ?? '';
    return [...byKey.values()].toSorted(
      (a, b) => name(a.unitId).localeCompare(name(b.unitId), 'de') || a.year - b.year,
    );
  }, [rows, plan.planningUnits]);
  const unitName = (uid: string) => plan.planningUnits.find((u) => u.id === uid)?.name ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(tx.data.chooseFile);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setFileError(undefined);
    void run(async () => {
      const r = await api.post<{ imported: number }>(`${base}/pupils/import`, { csv: await file.text() });
      onChanged(tx.data.pupilsImported(r.imported));
    });
  };
  return (
    <Section id="ent-pupils" title={tx.data.pupilsTitle}>
      <p>{tx.data.pupilsLead}</p>
      <ErrorAlert error={list.error} />
      {rows.length === 0 && !list.loading ? <p>{tx.data.noPupils}</p> : null}
      {table.length > 0 ? (
        <DataTable
          caption={tx.data.pupilsCaption}
          head={
            <tr>
              <th scope="col">{tx.unit}</th>
              <th scope="col">{tx.schoolYear}</th>
              {[1, 2, 3, 4].map((g) => (
                <th scope="col" key={g}>
                  {tx.data.grade(g)}
                </th>
              ))}
            </tr>
          }
        >
          {table.map((r) => (
            <tr key={`${r.unitId}-${r.year}`}>
              <th scope="row">{unitName(r.unitId)}</th>
              <td>{schoolYearLabelOf(r.year)}</td>
              {[1, 2, 3, 4].map((g) => (
                <td className="num" key={g}>
                  {r.grades[g] !== undefined ? fmt.num(r.grades[g]!) : ''}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      ) : null}
      {canEdit ? (
        <>
          <form onSubmit={submit} noValidate className="ent-data-form" aria-labelledby={`${id}-title`}>
            <h3 id={`${id}-title`}>{tx.data.importPupils}</h3>
            <ErrorAlert error={failure} />
            <p className="muted" id={`${id}-hint`}>
              {tx.data.pupilsFormat}
            </p>
            <div className="field">
              <label htmlFor={`${id}-file`}>{tx.data.csvFile}</label>
              {fileError ? (
                <p className="field-error" id={`${id}-error`}>
                  {fileError}
                </p>
              ) : null}
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`}
                aria-invalid={fileError ? true : undefined}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {tx.data.importPupils}
            </button>
          </form>
          {rows.length > 0 ? (
            <ConfirmAction
              label={tx.data.deletePupils}
              question={tx.data.deletePupilsQuestion}
              confirmLabel={tx.data.confirmRemove}
              onConfirm={() =>
                void run(async () => {
                  await api.del(`${base}/pupils`);
                  onChanged(tx.data.pupilsDeleted);
                })
              }
            />
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

/* ---------- results as monitoring indicators ---------- */

export function SaveIndicators({
  base,
  scenarioId,
  scenarioName,
  onChanged,
}: {
  base: string;
  scenarioId: string;
  scenarioName: string;
  onChanged: (msg: string) => void;
}) {
  const tx = useTexts();
  const id = useId();
  const { failure, busy, run } = useSubmit();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tx.data.indicatorsTitle}</h2>
      <p>{tx.data.indicatorsLead(scenarioName)}</p>
      <ErrorAlert error={failure} />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const saved = await api.post<EntitlementSavedIndicator[]>(`${base}/plan/indicators`, {
              scenarioId,
            });
            onChanged(
              tx.data.indicatorsSaved(saved.map((x) => `${x.name} (${tx.data.values(x.values)})`).join(', ')),
            );
          })
        }
      >
        {tx.data.saveIndicators}
      </button>
    </section>
  );
}
