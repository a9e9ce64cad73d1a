/** One body: mandate, memberships (begin and end), its meetings and a new meeting. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BODY_TYPE_LABELS, type Actor, type BodyDetail, type MeetingDetail } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, todayIso, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';

export function BodyPage() {
  const x = useNetworkTexts();
  const { bodyId = '' } = useParams();
  const { api: base } = useBases();
  const url = `${base}/bodies/${seg(bodyId)}`;
  const body = useLoad(url, () => api.get<BodyDetail>(url));
  return (
    <NetworkFrame title={body.data?.name ?? x.bodiesHeading}>
      <LoadState loaded={body} />
      {body.data ? <BodyView body={body.data} reload={body.reload} /> : null}
    </NetworkFrame>
  );
}

function BodyView({ body, reload }: { body: BodyDetail; reload: () => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const canEdit = useCanEdit();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function end(m: BodyDetail['memberships'][number]) {
    setStatus('');
    setFailure(null);
    try {
      await api.post(`${base}/bodies/${seg(body.id)}/memberships/${seg(m.id)}/end`, { validTo: todayIso() });
      setStatus(x.membershipEnded(m.actorName));
      reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <>
      <p className="lead">
        {BODY_TYPE_LABELS[body.bodyType][lang]}
        {body.chairName ? ` · ${x.colChair}: ${body.chairName}` : ''}
      </p>
      {body.mandate ? (
        <Section id="bd-mandate" title={x.mandateHeading}>
          <p>{body.mandate}</p>
        </Section>
      ) : null}
      <Section id="bd-members" title={x.membersHeading}>
        <StatusMessage>{status || null}</StatusMessage>
        <ErrorAlert error={failure} />
        <DataTable
          caption={x.membersCaption(body.name)}
          head={
            <tr>
              <th scope="col">{x.colActor}</th>
              <th scope="col">{x.colFunction}</th>
              <th scope="col">{x.colFrom}</th>
              <th scope="col">{x.colTo}</th>
              {canEdit ? <th scope="col">{x.colActions}</th> : null}
            </tr>
          }
        >
          {body.memberships.map((m) => (
            <tr key={m.id}>
              <td>{m.actorName}</td>
              <td>{m.function}</td>
              <td>{formatDate(m.validFrom, lang)}</td>
              <td>{m.validTo ? formatDate(m.validTo, lang) : x.none}</td>
              {canEdit ? (
                <td>
                  {m.validTo === null ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={x.endMembership(m.actorName)}
                      onClick={() => void end(m)}
                    >
                      {x.endMembershipShort}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
        {canEdit ? <AddMember body={body} onAdded={reload} /> : null}
      </Section>
      <Section id="bd-meetings" title={x.meetingsHeading}>
        {body.meetings.length === 0 ? (
          <p>{x.noMeetings}</p>
        ) : (
          <ul>
            {body.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`${app}/sitzungen/${seg(m.id)}`}>{m.title}</Link> (
                {formatDateTime(m.startsAt, lang)}
                {m.minutesApprovedAt ? `, ${x.stateApproved}` : ''})
              </li>
            ))}
          </ul>
        )}
        {canEdit ? <NewMeeting bodyId={body.id} /> : null}
      </Section>
    </>
  );
}

function AddMember({ body, onAdded }: { body: BodyDetail; onAdded: () => void }) {
  const x = useNetworkTexts();
  const { api: base } = useBases();
  const actors = useLoad(`${base}/actors`, () => api.get<Actor[]>(`${base}/actors`));
  const [actorId, setActorId] = useState('');
  const [fn, setFn] = useState('Mitglied');
  const [from, setFrom] = useState(todayIso());
  const [errors, setErrors] = useState<{ actor?: string; fn?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const active = new Set(body.memberships.filter((m) => m.active).map((m) => m.actorId));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    const next = {
      ...(actorId ? {} : { actor: x.errChooseActor }),
      ...(fn.trim() ? {} : { fn: x.errFunction }),
    };
    setErrors(next);
    if (next.actor || next.fn) {
      document.getElementById(next.actor ? 'am-actor' : 'am-function')?.focus();
      return;
    }
    try {
      await api.post(`${base}/bodies/${seg(body.id)}/memberships`, {
        actorId,
        function: fn,
        validFrom: from,
      });
      setStatus(x.memberAdded(actors.data?.find((a) => a.id === actorId)?.name ?? ''));
      setActorId('');
      onAdded();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="am-heading">
      <h3 id="am-heading">{x.addMemberHeading}</h3>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <SelectField
        id="am-actor"
        label={x.fActor}
        value={actorId}
        onChange={setActorId}
        error={errors.actor}
        options={[
          { value: '', label: x.chooseActor },
          ...(actors.data ?? [])
            .filter((a) => !active.has(a.id))
            .map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <TextField id="am-function" label={x.fFunction} value={fn} onChange={setFn} error={errors.fn} />
      <TextField id="am-from" type="date" label={x.fFrom} value={from} onChange={setFrom} />
      <button type="submit" className="button">
        {x.addMember}
      </button>
    </form>
  );
}

function NewMeeting({ bodyId }: { bodyId: string }) {
  const x = useNetworkTexts();
  const { api: base, app } = useBases();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [start, setStart] = useState('14:00');
  const [end, setEnd] = useState('16:00');
  const [place, setPlace] = useState('');
  const [online, setOnline] = useState('');
  const [series, setSeries] = useState(false);
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('monthly');
  const [every, setEvery] = useState('1');
  const [count, setCount] = useState('6');
  const [errors, setErrors] = useState<{ title?: string; date?: string; count?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const next = {
      ...(title.trim() ? {} : { title: x.errTitle }),
      ...(date && start && end ? {} : { date: x.errDate }),
      ...(!series ||
      (/^\d+$/.test(count) &&
        +count >= 2 &&
        +count <= 24 &&
        /^\d+$/.test(every) &&
        +every >= 1 &&
        +every <= 12)
        ? {}
        : { count: x.errSeries }),
    };
    setErrors(next);
    if (next.title || next.date || next.count) {
      document.getElementById(next.title ? 'nm-title' : next.date ? 'nm-date' : 'nm-count')?.focus();
      return;
    }
    try {
      const m = await api.post<MeetingDetail>(`${base}/meetings`, {
        bodyId,
        title,
        startsAt: new Date(`${date}T${start}`).toISOString(),
        endsAt: new Date(`${date}T${end}`).toISOString(),
        place: place || null,
        onlineLink: online || null,
        repeat: series ? { frequency, interval: Number(every), count: Number(count) } : null,
      });
      void navigate(`${app}/sitzungen/${seg(m.id)}`);
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="nm-heading">
      <h3 id="nm-heading">{x.newMeetingHeading}</h3>
      <ErrorAlert error={failure} />
      <TextField id="nm-title" label={x.fTitle} value={title} onChange={setTitle} error={errors.title} />
      <TextField
        id="nm-date"
        type="date"
        label={x.fDate}
        value={date}
        onChange={setDate}
        error={errors.date}
      />
      <TextField id="nm-start" type="time" label={x.fStart} value={start} onChange={setStart} />
      <TextField id="nm-end" type="time" label={x.fEnd} value={end} onChange={setEnd} />
      <TextField id="nm-place" label={x.fPlace} value={place} onChange={setPlace} />
      <TextField id="nm-online" type="url" label={x.fOnline} value={online} onChange={setOnline} />
      <div className="checkbox">
        <input
          type="checkbox"
          id="nm-series"
          checked={series}
          onChange={(e) => setSeries(e.target.checked)}
        />
        <label htmlFor="nm-series">{x.fSeries}</label>
      </div>
      {series ? (
        <fieldset>
          <legend>{x.seriesLegend}</legend>
          <SelectField
            id="nm-frequency"
            label={x.fFrequency}
            value={frequency}
            onChange={setFrequency}
            options={[
              { value: 'weekly', label: x.weekly },
              { value: 'monthly', label: x.monthly },
            ]}
          />
          <TextField
            id="nm-interval"
            inputMode="numeric"
            label={x.fInterval}
            value={every}
            onChange={setEvery}
          />
          <TextField
            id="nm-count"
            inputMode="numeric"
            label={x.fCount}
            value={count}
            onChange={setCount}
            error={errors.count}
          />
        </fieldset>
      ) : null}
      <button type="submit" className="button">
        {series ? x.createSeries : x.createMeeting}
      </button>
    </form>
  );
}
