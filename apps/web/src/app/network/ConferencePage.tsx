/** One Bildungskonferenz: public link, registration open/closed, occupancy, registrations, exports, feedback. */
import { useState } from 'react';
import { useParams } from 'react-router';
import { conferenceSchema, registrationSchema, REGISTRATION_STATUS_LABELS } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, formatDateTime, formatNumber, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable, Email } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { useTenant } from '../tenant';
import { LoadState, NetworkFrame, seg, useBases, useCanEdit } from './common';
import { useConferenceTexts } from './conferenceTexts';

export function ConferencePage() {
  const x = useConferenceTexts();
  const { lang } = useI18n();
  const { conferenceId = '' } = useParams();
  const { api: base } = useBases();
  const tenant = useTenant();
  const canEdit = useCanEdit();
  const url = `${base}/conferences/${seg(conferenceId)}`;
  const conf = useLoad(url, () => api.get(url, conferenceSchema));
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const c = conf.data;

  async function toggle(open: boolean) {
    setStatus('');
    setFailure(null);
    try {
      await api.patch(url, { registrationOpen: open });
      setStatus(x.registrationIs(open));
      conf.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  const publicPath = c ? `/kommune/${tenant.slug}/konferenz/${c.slug}` : '';
  return (
    <NetworkFrame title={c?.title ?? x.navConferences}>
      <LoadState loaded={conf} />
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      {c ? (
        <>
          <p>
            {formatDateTime(c.startsAt, lang)} – {formatDateTime(c.endsAt, lang)}
            {c.place ? ` · ${c.place}` : ''}
          </p>
          <p>
            {x.publicPage}: <a href={publicPath}>{publicPath}</a>
          </p>
          <p>
            {x.registrationIs(c.registrationOpen)}{' '}
            {canEdit ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => void toggle(!c.registrationOpen)}
              >
                {c.registrationOpen ? x.closeRegistration : x.openRegistration}
              </button>
            ) : null}
          </p>
          <Section id="cf-occupancy" title={x.occupancy}>
            <DataTable
              caption={x.occupancyCaption}
              head={
                <tr>
                  <th scope="col">{x.colWorkshop}</th>
                  <th scope="col" className="num">
                    {x.colCapacity}
                  </th>
                  <th scope="col" className="num">
                    {x.colConfirmed}
                  </th>
                  <th scope="col" className="num">
                    {x.colWaitlist}
                  </th>
                </tr>
              }
            >
              <tr>
                <th scope="row">{x.total}</th>
                <td className="num">{formatNumber(c.capacity, lang)}</td>
                <td className="num">{formatNumber(c.confirmed, lang)}</td>
                <td className="num">{formatNumber(c.waitlisted, lang)}</td>
              </tr>
              {c.workshops.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.title}</th>
                  <td className="num">{formatNumber(w.capacity, lang)}</td>
                  <td className="num">{formatNumber(w.confirmed, lang)}</td>
                  <td className="num">{formatNumber(w.waitlisted, lang)}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
          <Section id="cf-participants" title={x.participants}>
            {canEdit ? <Registrations url={url} onChange={conf.reload} /> : <p>{x.onlyEditors}</p>}
          </Section>
          <Section id="cf-privacy" title={x.privacy}>
            <p className="nw-consent">{c.consentText}</p>
            <p>
              {c.purgedAt ? x.purged(formatDate(c.purgedAt, lang)) : x.purgeOn(formatDate(c.purgeOn, lang))}
            </p>
          </Section>
          <Section id="cf-feedback" title={x.feedback}>
            <p>
              {x.feedbackSummary(
                c.feedback.count,
                c.feedback.meanRating === null ? null : formatNumber(Number(c.feedback.meanRating), lang, 1),
              )}
            </p>
            {c.feedback.comments.length ? (
              <>
                <h3>{x.comments}</h3>
                <ul>
                  {c.feedback.comments.map((t, i) => (
                    <li key={i}>{t}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </Section>
        </>
      ) : null}
    </NetworkFrame>
  );
}

function Registrations({ url, onChange }: { url: string; onChange: () => void }) {
  const x = useConferenceTexts();
  const { lang } = useI18n();
  const regs = useLoad(`${url}/registrations`, () =>
    api.get(`${url}/registrations`, registrationSchema.array()),
  );
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function cancel(id: string) {
    setStatus('');
    setFailure(null);
    try {
      await api.post(`${url}/registrations/${seg(id)}/cancel`);
      setStatus(x.cancelled);
      regs.reload();
      onChange();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <>
      <p>
        <a href={`${url}/participants.csv`} download>
          {x.exportCsv}
        </a>{' '}
        ·{' '}
        <a href={`${url}/participants.xlsx`} download>
          {x.exportXlsx}
        </a>
      </p>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <LoadState loaded={regs} />
      {regs.data ? (
        <DataTable
          caption={x.participantsCaption(regs.data.length)}
          head={
            <tr>
              <th scope="col">{x.colNumber}</th>
              <th scope="col">{x.colName}</th>
              <th scope="col">{x.colEmail}</th>
              <th scope="col">{x.colOrganisation}</th>
              <th scope="col">{x.colWorkshop}</th>
              <th scope="col">{x.colStatus}</th>
              <th scope="col">{x.colRegistered}</th>
              <th scope="col">{x.colActions}</th>
            </tr>
          }
        >
          {regs.data.map((r) => (
            <tr key={r.id}>
              <td>{r.number}</td>
              <td>{r.name}</td>
              <td>{r.email.includes('@') ? <Email value={r.email} /> : r.email}</td>
              <td>{r.organisation ?? '–'}</td>
              <td>{r.workshopTitle ?? '–'}</td>
              <td>{REGISTRATION_STATUS_LABELS[r.status][lang]}</td>
              <td>{formatDateTime(r.createdAt, lang)}</td>
              <td>
                {r.status !== 'cancelled' ? (
                  <ConfirmAction
                    label={x.cancel}
                    srSuffix={r.name}
                    question={x.cancelQuestion(r.name)}
                    confirmLabel={x.cancelConfirm}
                    onConfirm={() => void cancel(r.id)}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
