/** Bildungswegweiser in the workbench: entries (publish, withdraw, delete), a new place, list import. */
import { useRef, useState, type FormEvent } from 'react';
import {
  DIRECTORY_CATEGORIES,
  DIRECTORY_CATEGORY_LABELS,
  DIRECTORY_ENTRY_KIND_LABELS,
  COST_KIND_LABELS,
  costKindSchema,
  hasPermission,
  OFFERING_TYPE_LABELS,
  offeringTypeSchema,
  VENUE_TYPE_LABELS,
  venueTypeSchema,
  type DirectoryCategory,
  type DirectoryEntry,
  type DirectoryImportReport,
  type EntryStatus,
  type ReviewItem,
} from '@dkbm/contract';
import { Link } from 'react-router';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { useTenant } from '../tenantContext';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { TextField, SelectField, focusFirstInvalid } from '../components/Fields';
import { emptyOffer, emptyPlace, offerBody, placeBody } from './placeForm';
import { useDirectoryTexts } from './texts';
import { useProviderTexts } from './providerTexts';

export function DirectoryPage() {
  const x = useDirectoryTexts();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}/directory`;
  const entries = useLoad(`${base}/entries`, () => api.get<DirectoryEntry[]>(`${base}/entries`));
  const canWrite = hasPermission(tenant.role, 'data.write');
  return (
    <Page title={x.title}>
      <p className="lead">{x.lead}</p>
      <p>
        <a href={`/kommune/${tenant.slug}/wegweiser`}>{x.publicLink}</a>
      </p>
      {canWrite ? <ReviewLink base={base} /> : null}
      <Entries
        entries={entries.data}
        error={entries.error}
        reload={entries.reload}
        base={base}
        slug={tenant.slug}
        canWrite={canWrite}
      />
      {canWrite ? (
        <>
          <NewPlace base={base} city={tenant.name.replace(/ \(Demo\)$/, '')} onCreated={entries.reload} />
          <NewOffer base={base} city={tenant.name.replace(/ \(Demo\)$/, '')} onCreated={entries.reload} />
          <ImportList base={base} onImported={entries.reload} />
        </>
      ) : (
        <p>{x.noPermission}</p>
      )}
    </Page>
  );
}

/** How many submissions of providers wait, and the way to the review page. */
function ReviewLink({ base }: { base: string }) {
  const y = useProviderTexts();
  const q = useLoad(`${base}/review`, () => api.get<ReviewItem[]>(`${base}/review`));
  return (
    <p>
      <Link to="pruefung">{q.data ? y.reviewLink(q.data.length) : y.reviewTitle}</Link>
    </p>
  );
}

function Entries(p: {
  entries: DirectoryEntry[] | undefined;
  error: ApiFailure | undefined;
  reload: () => void;
  base: string;
  slug: string;
  canWrite: boolean;
}) {
  const x = useDirectoryTexts();
  const { lang } = useI18n();
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const all = p.entries ?? [];
  const f = filter.trim().toLowerCase();
  const shown = (
    f ? all.filter((e) => `${e.name} ${e.area?.name ?? ''} ${e.provider}`.toLowerCase().includes(f)) : all
  ).slice(0, 200);

  async function setEntryStatus(e: DirectoryEntry, s: EntryStatus) {
    setFailure(null);
    try {
      await api.patch(`${p.base}/entries/${seg(e.id)}`, { status: s });
      setStatus(x.statusChanged(e.name, x.status[s]));
      p.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }
  async function remove(e: DirectoryEntry) {
    setFailure(null);
    try {
      await api.del(`${p.base}/entries/${seg(e.id)}`);
      setStatus(x.removed(e.name));
      p.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="dir-entries" title={x.entriesHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure ?? p.error} />
      <div className="field">
        <label htmlFor="dir-filter">{x.filterLabel}</label>
        <input id="dir-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <p role="status">{x.showing(shown.length, all.length)}</p>
      <DataTable
        caption={x.entriesCaption(all.length)}
        head={
          <tr>
            <th scope="col">{x.colName}</th>
            <th scope="col">{x.colKind}</th>
            <th scope="col">{x.colArea}</th>
            <th scope="col">{x.colStatus}</th>
            {p.canWrite ? <th scope="col">{x.colActions}</th> : null}
          </tr>
        }
      >
        {shown.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              {e.status === 'veroeffentlicht' ? (
                <a href={`/kommune/${seg(p.slug)}/wegweiser/${seg(e.slug)}`}>{e.name}</a>
              ) : (
                e.name
              )}
            </th>
            <td>{DIRECTORY_ENTRY_KIND_LABELS[e.kind][lang]}</td>
            <td>{e.area?.name ?? x.noArea}</td>
            <td>{x.status[e.status]}</td>
            {p.canWrite ? (
              <td>
                <span className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() =>
                      void setEntryStatus(e, e.status === 'veroeffentlicht' ? 'entwurf' : 'veroeffentlicht')
                    }
                  >
                    {e.status === 'veroeffentlicht' ? x.withdraw : x.publish}
                    <span className="sr-only"> {e.name}</span>
                  </button>{' '}
                  <ConfirmAction
                    label={x.remove}
                    srSuffix={e.name}
                    question={x.removeQuestion(e.name)}
                    confirmLabel={x.removeConfirm}
                    onConfirm={() => void remove(e)}
                  />
                </span>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}

/**
 * A new place or offer: the draft, its checks (`toBody` gives the request body or the field errors), the
 * request, and the status/failure messages; the draft starts again empty after a success.
 */
function useEntryForm<D>(
  empty: () => D,
  toBody: (d: D) => { body: unknown; errors: null } | { body: null; errors: Record<string, string> },
  url: string,
  onCreated: () => void,
  message?: (created: DirectoryEntry) => string,
) {
  const x = useDirectoryTexts();
  const [d, setD] = useState<D>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set =
    <K extends keyof D>(k: K) =>
    (v: D[K]) =>
      setD((o) => ({ ...o, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setStatus('');
    const r = toBody(d);
    if (r.errors) {
      setErrors(r.errors);
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await api.post<DirectoryEntry>(url, r.body);
      setStatus(message ? message(created) : x.created(created.name, created.area?.name ?? null));
      setD(empty());
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }
  return { d, set, errors, failure, status, busy, form, submit };
}

function NewPlace({ base, city, onCreated }: { base: string; city: string; onCreated: () => void }) {
  const x = useDirectoryTexts();
  const { lang } = useI18n();
  const { d, set, errors, failure, status, busy, form, submit } = useEntryForm(
    () => emptyPlace(city),
    (draft) => placeBody(draft, x),
    `${base}/places`,
    onCreated,
  );

  return (
    <Section id="dir-new" title={x.newHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="dir-new">
        <TextField id="dir-name" label={x.fName} value={d.name} onChange={set('name')} error={errors.name} />
        <SelectField
          id="dir-type"
          label={x.fType}
          value={d.type}
          onChange={set('type')}
          options={venueTypeSchema.options.map((v) => ({ value: v, label: VENUE_TYPE_LABELS[v][lang] }))}
        />
        <Categories
          prefix="dir"
          value={d.categories}
          error={errors.categories}
          onChange={set('categories')}
        />
        <TextField
          id="dir-street"
          label={x.fStreet}
          value={d.street}
          onChange={set('street')}
          error={errors.street}
          autoComplete="off"
        />
        <TextField
          id="dir-postcode"
          label={x.fPostcode}
          value={d.postcode}
          onChange={set('postcode')}
          error={errors.postcode}
          inputMode="numeric"
          className="input-short"
        />
        <TextField id="dir-city" label={x.fCity} value={d.city} onChange={set('city')} error={errors.city} />
        <TextField
          id="dir-lat"
          label={x.fLat}
          hint={x.fCoordHint}
          value={d.lat}
          onChange={set('lat')}
          error={errors.lat}
          inputMode="decimal"
        />
        <TextField
          id="dir-lon"
          label={x.fLon}
          value={d.lon}
          onChange={set('lon')}
          error={errors.lon}
          inputMode="decimal"
        />
        <div className="field">
          <label htmlFor="dir-description">{x.fDescription}</label>
          <textarea
            id="dir-description"
            rows={3}
            value={d.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {x.create}
        </button>
      </form>
    </Section>
  );
}

function Categories(p: {
  prefix: string;
  value: DirectoryCategory[];
  error: string | undefined;
  onChange: (v: DirectoryCategory[]) => void;
}) {
  const x = useDirectoryTexts();
  const { lang } = useI18n();
  return (
    <fieldset className="checks" aria-describedby={p.error ? `${p.prefix}-cat-error` : undefined}>
      <legend>{x.fCategories}</legend>
      {DIRECTORY_CATEGORIES.map((c) => (
        <div className="check" key={c}>
          <input
            id={`${p.prefix}-cat-${c}`}
            type="checkbox"
            checked={p.value.includes(c)}
            aria-invalid={p.error ? true : undefined}
            onChange={(e) => p.onChange(e.target.checked ? [...p.value, c] : p.value.filter((y) => y !== c))}
          />{' '}
          <label htmlFor={`${p.prefix}-cat-${c}`}>{DIRECTORY_CATEGORY_LABELS[c][lang]}</label>
        </div>
      ))}
      {p.error ? (
        <p className="field-error" id={`${p.prefix}-cat-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A new offer: the Bildungsbüro's (published at once) or a provider's (`url`, submitted for review). */
export function NewOffer({
  base,
  city,
  onCreated,
  url = `${base}/offers`,
  heading,
  submitLabel,
  message,
}: {
  base: string;
  city: string;
  onCreated: () => void;
  url?: string;
  heading?: string;
  submitLabel?: string;
  message?: (created: DirectoryEntry) => string;
}) {
  const x = useDirectoryTexts();
  const { lang } = useI18n();
  const { d, set, errors, failure, status, busy, form, submit } = useEntryForm(
    () => emptyOffer(city),
    (draft) => offerBody(draft, x),
    url,
    onCreated,
    message,
  );

  return (
    <Section id="dir-new-offer" title={heading ?? x.newOfferHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form
        ref={form}
        className="form"
        noValidate
        onSubmit={(e) => void submit(e)}
        aria-labelledby="dir-new-offer"
      >
        <TextField
          id="off-title"
          label={x.fTitle}
          value={d.title}
          onChange={set('title')}
          error={errors.title}
        />
        <SelectField
          id="off-type"
          label={x.fOfferType}
          value={d.type}
          onChange={set('type')}
          options={offeringTypeSchema.options.map((v) => ({
            value: v,
            label: OFFERING_TYPE_LABELS[v][lang],
          }))}
        />
        <Categories
          prefix="off"
          value={d.categories}
          error={errors.categories}
          onChange={set('categories')}
        />
        <SelectField
          id="off-cost"
          label={x.fCost}
          value={d.cost}
          onChange={set('cost')}
          options={costKindSchema.options.map((v) => ({ value: v, label: COST_KIND_LABELS[v][lang] }))}
        />
        {d.cost !== 'kostenlos' ? (
          <TextField
            id="off-price"
            label={x.fPrice}
            value={d.price}
            onChange={set('price')}
            error={errors.price}
            inputMode="decimal"
            className="input-short"
          />
        ) : null}
        <TextField
          id="off-start"
          label={x.fStart}
          type="datetime-local"
          value={d.start}
          onChange={set('start')}
          error={errors.start}
        />
        <TextField
          id="off-street"
          label={x.fStreet}
          hint={x.fAddressHint}
          value={d.street}
          onChange={set('street')}
          error={errors.street}
        />
        <TextField
          id="off-postcode"
          label={x.fPostcode}
          value={d.postcode}
          onChange={set('postcode')}
          error={errors.postcode}
          inputMode="numeric"
          className="input-short"
        />
        <div className="field">
          <label htmlFor="off-description">{x.fDescription}</label>
          <textarea
            id="off-description"
            rows={3}
            value={d.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <TextField
          id="off-valid-until"
          label={x.fValidUntil}
          hint={x.fValidUntilHint}
          type="date"
          value={d.validUntil}
          onChange={set('validUntil')}
          error={errors.validUntil}
        />
        <button type="submit" className="button" disabled={busy}>
          {submitLabel ?? x.createOffer}
        </button>
      </form>
    </Section>
  );
}

/** Base64 of a file's bytes (an Excel list travels in the JSON request). */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function ImportList({ base, onImported }: { base: string; onImported: () => void }) {
  const x = useDirectoryTexts();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DirectoryImportReport | null>(null);
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    setFailure(null);
    if (!file) {
      setFailure(x.chooseFile);
      return;
    }
    setBusy(true);
    try {
      const content = /\.xlsx$/i.test(file.name)
        ? { xlsxBase64: toBase64(new Uint8Array(await file.arrayBuffer())) }
        : { csv: await file.text() };
      const r = await api.post<DirectoryImportReport>(`${base}/import`, {
        fileName: file.name,
        ...content,
        dryRun,
      });
      setReport(r);
      if (!dryRun) onImported();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="dir-import" title={x.importHeading}>
      <p>{x.importLead}</p>
      <ErrorAlert error={failure} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
        aria-labelledby="dir-import"
      >
        <div className="field">
          <label htmlFor="dir-file">{x.fFile}</label>
          <input
            id="dir-file"
            type="file"
            accept=".csv,.geojson,.json,.xlsx,text/csv,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {x.dryRun}
        </button>{' '}
        {report?.dryRun && report.taken > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void run(false)}>
            {x.commit}
          </button>
        ) : null}
      </form>
      <StatusMessage>{report ? x.report(report, report.dryRun) : null}</StatusMessage>
      {report && report.problems.length > 0 ? (
        <DataTable
          caption={x.problemsCaption}
          head={
            <tr>
              <th scope="col">{x.colLine}</th>
              <th scope="col">{x.colField}</th>
              <th scope="col">{x.colMessage}</th>
            </tr>
          }
        >
          {report.problems.map((q, i) => (
            <tr key={i}>
              <td>{q.line}</td>
              <td>{q.field}</td>
              <td>{q.message}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}
