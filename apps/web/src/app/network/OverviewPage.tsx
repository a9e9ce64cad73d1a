/** Netzwerk & Gremien: bodies, upcoming and past meetings, creating a body. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { BODY_TYPE_LABELS, type Actor, type Body, type BodyType, type MeetingSummary } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';

export function OverviewPage() {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const bodies = useLoad(`${base}/bodies`, () => api.get<Body[]>(`${base}/bodies`));
  const meetings = useLoad(`${base}/meetings`, () => api.get<MeetingSummary[]>(`${base}/meetings`));
  const canEdit = useCanEdit();
  const now = Date.now();
  const upcoming = (meetings.data ?? []).filter((m) => Date.parse(m.endsAt) >= now).toReversed();
  const past = (meetings.data ?? []).filter((m) => Date.parse(m.endsAt) < now);

  const meetingTable = (list: MeetingSummary[], which: string) =>
    list.length === 0 ? (
      <p>{x.noMeetings}</p>
    ) : (
      <DataTable
        caption={x.meetingsCaption(which)}
        head={
          <tr>
            <th scope="col">{x.colWhen}</th>
            <th scope="col">{x.colMeeting}</th>
            <th scope="col">{x.colBody}</th>
            <th scope="col">{x.colState}</th>
          </tr>
        }
      >
        {list.map((m) => (
          <tr key={m.id}>
            <td>{formatDateTime(m.startsAt, lang)}</td>
            <td>
              <Link to={`${app}/sitzungen/${seg(m.id)}`}>{m.title}</Link>
            </td>
            <td>{m.bodyName}</td>
            <td>{m.minutesApprovedAt ? x.stateApproved : m.invitedAt ? x.stateInvited : x.statePlanned}</td>
          </tr>
        ))}
      </DataTable>
    );

  return (
    <NetworkFrame title={x.moduleTitle}>
      <p className="lead">{x.lead}</p>
      <Section id="nw-bodies" title={x.bodiesHeading}>
        <LoadState loaded={bodies} />
        {bodies.data && bodies.data.length === 0 ? <p>{x.noBodies}</p> : null}
        {bodies.data && bodies.data.length > 0 ? (
          <DataTable
            caption={x.bodiesCaption}
            head={
              <tr>
                <th scope="col">{x.colName}</th>
                <th scope="col">{x.colType}</th>
                <th scope="col">{x.colChair}</th>
                <th scope="col">{x.colMembers}</th>
              </tr>
            }
          >
            {bodies.data.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`${app}/gremien/${seg(b.id)}`}>{b.name}</Link>
                </td>
                <td>{BODY_TYPE_LABELS[b.bodyType][lang]}</td>
                <td>{b.chairName ?? x.none}</td>
                <td>{b.activeMembers}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>
      <Section id="nw-upcoming" title={x.upcomingHeading}>
        <LoadState loaded={meetings} />
        {meetings.data ? meetingTable(upcoming, x.upcomingHeading) : null}
      </Section>
      <Section id="nw-past" title={x.pastHeading}>
        {meetings.data ? meetingTable(past, x.pastHeading) : null}
      </Section>
      {canEdit ? <NewBody onCreated={bodies.reload} /> : null}
    </NetworkFrame>
  );
}

function NewBody({ onCreated }: { onCreated: () => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const actors = useLoad(`${base}/actors`, () => api.get<Actor[]>(`${base}/actors`));
  const [name, setName] = useState('');
  const [bodyType, setBodyType] = useState<BodyType>('arbeitskreis');
  const [mandate, setMandate] = useState('');
  const [chair, setChair] = useState('');
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    if (!name.trim()) {
      setError(x.errBodyName);
      document.getElementById('nb-name')?.focus();
      return;
    }
    setError('');
    try {
      const b = await api.post<Body>(`${base}/bodies`, {
        name,
        bodyType,
        mandate: mandate || null,
        chairActorId: chair || null,
      });
      setStatus(x.bodyCreated(b.name));
      setName('');
      setMandate('');
      setChair('');
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="nw-new-body" title={x.newBodyHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="nb-name"
          label={x.fBodyName}
          value={name}
          onChange={setName}
          error={error || undefined}
        />
        <SelectField
          id="nb-type"
          label={x.fBodyType}
          value={bodyType}
          onChange={setBodyType}
          options={Object.entries(BODY_TYPE_LABELS).map(([value, l]) => ({
            value: value as BodyType,
            label: l[lang],
          }))}
        />
        <div className="field">
          <label htmlFor="nb-mandate">{x.fMandate}</label>
          <textarea id="nb-mandate" rows={3} value={mandate} onChange={(e) => setMandate(e.target.value)} />
        </div>
        <SelectField
          id="nb-chair"
          label={x.fChair}
          value={chair}
          onChange={setChair}
          options={[
            { value: '', label: x.noChair },
            ...(actors.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <button type="submit" className="button">
          {x.createBody}
        </button>
      </form>
    </Section>
  );
}
