/** Bildungskonferenzen: list with occupancy and the form for a new conference with its workshops. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { conferenceSchema } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { TextField, type FieldErrors } from '../components/Fields';
import { useTenant } from '../tenant';
import { LoadState, NetworkFrame, seg, useBases, useCanEdit } from './common';
import { useConferenceTexts } from './conferenceTexts';

export function ConferencesPage() {
  const x = useConferenceTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const list = useLoad(`${base}/conferences`, () => api.get(`${base}/conferences`, conferenceSchema.array()));
  return (
    <NetworkFrame title={x.navConferences}>
      <p className="lead">{x.lead}</p>
      <LoadState loaded={list} />
      {list.data && list.data.length === 0 ? <p>{x.none}</p> : null}
      {list.data && list.data.length ? (
        <DataTable
          caption={x.caption(list.data.length)}
          head={
            <tr>
              <th scope="col">{x.colTitle}</th>
              <th scope="col">{x.colWhen}</th>
              <th scope="col" className="num">
                {x.colPlaces}
              </th>
              <th scope="col" className="num">
                {x.colWaitlist}
              </th>
              <th scope="col">{x.colOpen}</th>
            </tr>
          }
        >
          {list.data.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`${app}/konferenzen/${seg(c.id)}`}>{c.title}</Link>
              </td>
              <td>{formatDateTime(c.startsAt, lang)}</td>
              <td className="num">
                {c.confirmed} / {c.capacity}
              </td>
              <td className="num">{c.waitlisted}</td>
              <td>{c.registrationOpen ? x.open : x.closed}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {useCanEdit() ? <NewConference onCreated={list.reload} /> : null}
    </NetworkFrame>
  );
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function NewConference({ onCreated }: { onCreated: () => void }) {
  const x = useConferenceTexts();
  const { api: base } = useBases();
  const tenant = useTenant();
  const [v, setV] = useState({
    title: '',
    slug: '',
    date: '',
    start: '09:00',
    end: '16:00',
    place: '',
    capacity: '100',
    description: '',
    consentText: x.consentDefault,
    retentionDays: '90',
  });
  const [workshops, setWorkshops] = useState([{ title: '', capacity: '30' }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  const whole = (s: string) => /^\d+$/.test(s) && Number(s) >= 1;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    const errs: FieldErrors = {};
    if (!v.title.trim()) errs['nc-title'] = x.errRequired(x.fTitle);
    if (!SLUG.test(v.slug)) errs['nc-slug'] = x.errSlug;
    if (!v.date) errs['nc-date'] = x.errRequired(x.fDate);
    if (v.date && v.end <= v.start) errs['nc-end'] = x.errEnd;
    if (!whole(v.capacity)) errs['nc-capacity'] = x.errCapacity(x.fCapacity);
    if (!whole(v.retentionDays)) errs['nc-retention'] = x.errCapacity(x.fRetention);
    if (!v.consentText.trim()) errs['nc-consent'] = x.errRequired(x.fConsent);
    workshops.forEach((w, i) => {
      if (!w.title.trim()) errs[`nc-ws-${i}`] = x.errRequired(x.fWorkshop(i + 1));
      if (!whole(w.capacity)) errs[`nc-wsc-${i}`] = x.errCapacity(x.fWorkshopCapacity(i + 1));
    });
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    try {
      await api.post(`${base}/conferences`, {
        title: v.title,
        slug: v.slug,
        startsAt: new Date(`${v.date}T${v.start}`).toISOString(),
        endsAt: new Date(`${v.date}T${v.end}`).toISOString(),
        place: v.place || null,
        capacity: Number(v.capacity),
        description: v.description || null,
        consentText: v.consentText,
        retentionDays: Number(v.retentionDays),
        workshops: workshops.map((w) => ({ title: w.title, capacity: Number(w.capacity) })),
      });
      setStatus(x.created);
      setV({ ...v, title: '', slug: '', description: '' });
      setWorkshops([{ title: '', capacity: '30' }]);
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="nc-heading" title={x.newHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="nc-title"
          label={x.fTitle}
          value={v.title}
          onChange={set('title')}
          error={errors['nc-title']}
        />
        <TextField
          id="nc-slug"
          label={x.fSlug}
          hint={x.slugHint(`/kommune/${tenant.slug}/konferenz/`)}
          value={v.slug}
          onChange={set('slug')}
          error={errors['nc-slug']}
        />
        <TextField
          id="nc-date"
          type="date"
          label={x.fDate}
          value={v.date}
          onChange={set('date')}
          error={errors['nc-date']}
        />
        <TextField id="nc-start" type="time" label={x.fStart} value={v.start} onChange={set('start')} />
        <TextField
          id="nc-end"
          type="time"
          label={x.fEnd}
          value={v.end}
          onChange={set('end')}
          error={errors['nc-end']}
        />
        <TextField id="nc-place" label={x.fPlace} value={v.place} onChange={set('place')} />
        <TextField
          id="nc-capacity"
          inputMode="numeric"
          label={x.fCapacity}
          value={v.capacity}
          onChange={set('capacity')}
          error={errors['nc-capacity']}
        />
        <div className="field">
          <label htmlFor="nc-description">{x.fDescription}</label>
          <textarea
            id="nc-description"
            rows={3}
            value={v.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>{x.workshopsLegend}</legend>
          {workshops.map((w, i) => (
            <div key={i} className="nw-workshop-row">
              <TextField
                id={`nc-ws-${i}`}
                label={x.fWorkshop(i + 1)}
                value={w.title}
                onChange={(title) => setWorkshops(workshops.map((o, j) => (j === i ? { ...o, title } : o)))}
                error={errors[`nc-ws-${i}`]}
              />
              <TextField
                id={`nc-wsc-${i}`}
                inputMode="numeric"
                label={x.fWorkshopCapacity(i + 1)}
                value={w.capacity}
                onChange={(capacity) =>
                  setWorkshops(workshops.map((o, j) => (j === i ? { ...o, capacity } : o)))
                }
                error={errors[`nc-wsc-${i}`]}
              />
              <button
                type="button"
                className="button secondary"
                onClick={() => setWorkshops(workshops.filter((_, j) => j !== i))}
              >
                {x.removeWorkshop(i + 1)}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button secondary"
            onClick={() => setWorkshops([...workshops, { title: '', capacity: '30' }])}
          >
            {x.addWorkshop}
          </button>
        </fieldset>
        <div className={errors['nc-consent'] ? 'field field-invalid' : 'field'}>
          <label htmlFor="nc-consent">{x.fConsent}</label>
          <textarea
            id="nc-consent"
            rows={4}
            value={v.consentText}
            aria-invalid={errors['nc-consent'] ? true : undefined}
            aria-describedby={errors['nc-consent'] ? 'nc-consent-error' : undefined}
            onChange={(e) => set('consentText')(e.target.value)}
          />
          {errors['nc-consent'] ? (
            <p className="field-error" id="nc-consent-error">
              {errors['nc-consent']}
            </p>
          ) : null}
        </div>
        <TextField
          id="nc-retention"
          inputMode="numeric"
          label={x.fRetention}
          value={v.retentionDays}
          onChange={set('retentionDays')}
          error={errors['nc-retention']}
        />
        <button type="submit" className="button">
          {x.create}
        </button>
      </form>
    </Section>
  );
}
