/**
 * „Planeinstellungen“ of Rechtsanspruch & Plätze: the population indicator, the Stichtag of the school
 * entry (with the Länder as presets), the planned school years and where the Kita places come from.
 * Editors change them in a form (PUT …/entitlement/settings); everyone else reads them in one sentence.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SCHOOL_ENTRY_CUTOFFS_BY_LAND, schoolYearLabelOf, type EntitlementSettings } from '@dkbm/contract';
import { api } from '../api';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { SelectField, TextField, focusFirstInvalid, type FieldErrors } from '../components/Fields';
import { useSubmit } from './PlanningData';
import { germanDay, normaliseCutoff, settingsBody, type SettingsDraft } from './planView';
import { useTexts } from './texts';

/** School years offered in the form: 2020/21 … 2050/51 (the API allows 2000–2100). */
const YEARS = Array.from({ length: 31 }, (_, i) => 2020 + i);

const draftOf = (s: EntitlementSettings): SettingsDraft => ({
  populationIndicatorCode: s.populationIndicatorCode,
  ageDimensionCode: s.ageDimensionCode,
  schoolEntryCutoff: s.schoolEntryCutoff,
  firstSchoolYear: String(s.firstSchoolYear),
  lastSchoolYear: String(s.lastSchoolYear),
  kitaPlacesSource: s.kitaPlacesSource,
});

export function PlanSettings({
  base,
  canEdit,
  onChanged,
}: {
  base: string;
  canEdit: boolean;
  /** Called after a save: the plan is loaded again. */
  onChanged: (msg: string) => void;
}) {
  const tx = useTexts().settings;
  const settings = useLoad(`settings:${base}`, () => api.get<EntitlementSettings>(`${base}/settings`));
  const s = settings.data;
  return (
    <Section id="ent-settings" title={tx.title}>
      <p>{tx.lead}</p>
      <ErrorAlert error={settings.error} />
      {!s ? (
        settings.loading ? (
          <Loading />
        ) : null
      ) : canEdit ? (
        <SettingsForm settings={s} base={base} onSaved={onChanged} />
      ) : (
        <p>
          {tx.current(
            germanDay(s.schoolEntryCutoff),
            schoolYearLabelOf(s.firstSchoolYear),
            schoolYearLabelOf(s.lastSchoolYear),
            s.kitaPlacesSource === 'directory' ? tx.kitaDirectory : tx.kitaOwn,
          )}
        </p>
      )}
    </Section>
  );
}

function SettingsForm({
  settings,
  base,
  onSaved,
}: {
  settings: EntitlementSettings;
  base: string;
  onSaved: (msg: string) => void;
}) {
  const tx = useTexts().settings;
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [d, setD] = useState<SettingsDraft>(() => draftOf(settings));
  const [land, setLand] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState('');
  const { failure, busy, run } = useSubmit();
  const set =
    <K extends keyof SettingsDraft>(k: K) =>
    (v: SettingsDraft[K]) => {
      setStatus('');
      setD((o) => ({ ...o, [k]: v }));
    };
  useEffect(() => {
    if (attempt) focusFirstInvalid(form.current);
  }, [attempt]);

  // The Land stays chosen only while the Stichtag is its preset.
  const preset = SCHOOL_ENTRY_CUTOFFS_BY_LAND.find((l) => l.land === land);
  const landValue = preset && preset.cutoff === normaliseCutoff(d.schoolEntryCutoff) ? land : '';
  const years = YEARS.map((y) => ({ value: String(y), label: schoolYearLabelOf(y) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    const r = settingsBody(d, tx);
    setErrors(r.errors ?? {});
    if (r.errors) {
      setAttempt((a) => a + 1);
      return;
    }
    await run(async () => {
      const saved = await api.put<EntitlementSettings>(`${base}/settings`, r.body);
      setD(draftOf(saved));
      setStatus(tx.saved);
      onSaved('');
    });
  }

  return (
    <form
      ref={form}
      className="ent-data-form"
      noValidate
      aria-labelledby="ent-settings"
      onSubmit={(e) => void submit(e)}
    >
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <div className="ent-share-grid">
        <SelectField
          id={`${id}-land`}
          label={tx.land}
          hint={tx.landHint}
          value={landValue}
          onChange={(v) => {
            setLand(v);
            const l = SCHOOL_ENTRY_CUTOFFS_BY_LAND.find((x) => x.land === v);
            if (l) set('schoolEntryCutoff')(l.cutoff);
          }}
          options={[
            { value: '', label: tx.ownCutoff },
            ...SCHOOL_ENTRY_CUTOFFS_BY_LAND.map((l) => ({
              value: l.land,
              label: `${l.name} (${germanDay(l.cutoff)})`,
            })),
          ]}
        />
        <TextField
          id={`${id}-cutoff`}
          label={tx.cutoff}
          hint={tx.cutoffHint}
          value={d.schoolEntryCutoff}
          onChange={set('schoolEntryCutoff')}
          error={errors.schoolEntryCutoff}
          maxLength={10}
          autoComplete="off"
          className="input-short"
        />
        <SelectField
          id={`${id}-first`}
          label={tx.firstYear}
          value={d.firstSchoolYear}
          onChange={set('firstSchoolYear')}
          options={years}
        />
        <SelectField
          id={`${id}-last`}
          label={tx.lastYear}
          value={d.lastSchoolYear}
          onChange={set('lastSchoolYear')}
          error={errors.lastSchoolYear}
          options={years}
        />
        <TextField
          id={`${id}-indicator`}
          label={tx.indicator}
          hint={tx.indicatorHint}
          value={d.populationIndicatorCode}
          onChange={set('populationIndicatorCode')}
          error={errors.populationIndicatorCode}
          maxLength={100}
          autoComplete="off"
        />
        <TextField
          id={`${id}-age`}
          label={tx.ageDimension}
          hint={tx.ageDimensionHint}
          value={d.ageDimensionCode}
          onChange={set('ageDimensionCode')}
          error={errors.ageDimensionCode}
          maxLength={100}
          autoComplete="off"
        />
        <SelectField
          id={`${id}-kita`}
          label={tx.kitaSource}
          value={d.kitaPlacesSource}
          onChange={set('kitaPlacesSource')}
          options={[
            { value: 'own', label: tx.kitaOwn },
            { value: 'directory', label: tx.kitaDirectory },
          ]}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {tx.save}
      </button>
    </form>
  );
}
