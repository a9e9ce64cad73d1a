/** Sharing the agreed profiles with a regional agency (administration of the municipality). */
import { useState, type FormEvent } from 'react';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { isTenantAdmin, useTenant } from '../tenant';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, NoPermission, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { describedBy } from '../components/Fields';
import { seg, useBases } from './client';
import { AssessmentFrame, LoadState } from './common';
import { useAssessmentTexts } from './texts';

/** A share as the API returns it (shareSchema). */
interface Share {
  agencyTenantId: string;
  agencyName: string;
  grantedAt: string;
  grantedBy: string | null;
}
interface Agency {
  id: string;
  name: string;
}

export function SharingPage() {
  const x = useAssessmentTexts();
  const tenant = useTenant();
  return (
    <AssessmentFrame title={x.sharingTitle}>
      {isTenantAdmin(tenant) ? <Sharing /> : <NoPermission text={x.noPermissionAdmin} />}
    </AssessmentFrame>
  );
}

function Sharing() {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const shares = useLoad(`${base}/shares`, () => api.get<Share[]>(`${base}/shares`));
  const agencies = useLoad(`${base}/agencies`, () => api.get<Agency[]>(`${base}/agencies`));
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const granted = new Set((shares.data ?? []).map((s) => s.agencyTenantId));
  const options = (agencies.data ?? []).filter((a) => !granted.has(a.id));

  async function grant(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setStatus('');
    if (!choice) {
      setError(x.errChooseAgency);
      document.getElementById('sh-agency')?.focus();
      return;
    }
    setError('');
    setBusy(true);
    try {
      const s = await api.post<Share>(`${base}/shares`, { agencyTenantId: choice });
      setStatus(x.shareGranted(s.agencyName));
      setChoice('');
      shares.reload();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(s: Share) {
    setFailure(null);
    setStatus('');
    try {
      await api.del(`${base}/shares/${seg(s.agencyTenantId)}`);
      setStatus(x.shareRevoked(s.agencyName));
      shares.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <>
      <p className="lead">{x.sharingLead}</p>
      <Section id="sh-what" title={x.sharingWhatHeading}>
        <p>{x.sharingSees}</p>
        <ul>
          {x.sharingSeesList.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        <p>{x.sharingNotSees}</p>
        <ul>
          {x.sharingNotSeesList.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        <p>{x.sharingRevokeInfo}</p>
      </Section>

      <Section id="sh-list" title={x.sharesHeading}>
        <StatusMessage>{status || null}</StatusMessage>
        <ErrorAlert error={failure} />
        <LoadState loaded={shares} />
        {shares.data && shares.data.length === 0 ? <p>{x.noShares}</p> : null}
        {shares.data && shares.data.length > 0 ? (
          <DataTable
            caption={x.sharesCaption}
            head={
              <tr>
                <th scope="col">{x.colAgency}</th>
                <th scope="col">{x.colGranted}</th>
                <th scope="col">{x.colActions}</th>
              </tr>
            }
          >
            {shares.data.map((s) => (
              <tr key={s.agencyTenantId}>
                <th scope="row">{s.agencyName}</th>
                <td>
                  {formatDateTime(s.grantedAt, lang)}
                  {s.grantedBy ? <span className="hint-block">{x.byWhom(s.grantedBy)}</span> : null}
                </td>
                <td>
                  <ConfirmAction
                    label={x.revokeShare}
                    srSuffix={s.agencyName}
                    question={x.revokeShareQuestion(s.agencyName)}
                    confirmLabel={x.revokeShareConfirm}
                    onConfirm={() => void revoke(s)}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>

      <Section id="sh-grant" title={x.grantHeading}>
        <LoadState loaded={agencies} />
        {agencies.data && agencies.data.length === 0 ? <p>{x.noAgencies}</p> : null}
        {agencies.data && agencies.data.length > 0 ? (
          <form className="form" noValidate onSubmit={(e) => void grant(e)} aria-labelledby="sh-grant">
            <div className={error ? 'field field-invalid' : 'field'}>
              <label htmlFor="sh-agency">{x.fAgency}</label>
              <select
                id="sh-agency"
                value={choice}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy('sh-agency-hint', error && 'sh-agency-error')}
                onChange={(e) => setChoice(e.target.value)}
              >
                <option value="">{x.chooseAgency}</option>
                {options.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <p className="hint" id="sh-agency-hint">
                {x.fAgencyHint}
              </p>
              {error ? (
                <p className="field-error" id="sh-agency-error">
                  {error}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              {x.grantShare}
            </button>
          </form>
        ) : null}
      </Section>
    </>
  );
}
