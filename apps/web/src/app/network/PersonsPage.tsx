/** Contacts (persons): minimal personal data, DSGVO export and erasure, retention flag. Editors only. */
import { useState, type FormEvent } from 'react';
import { LEGAL_BASIS_LABELS, type Actor, type Person } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable, Email } from '../components/Table';
import { ErrorAlert, NoPermission, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, todayIso, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';

type LegalBasis = Person['legalBasis'];

export function PersonsPage() {
  const x = useNetworkTexts();
  return (
    <NetworkFrame title={x.navPersons}>
      {useCanEdit() ? <Persons /> : <NoPermission text={x.noPermissionEdit} />}
    </NetworkFrame>
  );
}

function Persons() {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const persons = useLoad(`${base}/persons`, () => api.get<Person[]>(`${base}/persons`));
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function erase(p: Person) {
    setStatus('');
    setFailure(null);
    try {
      await api.post(`${base}/persons/${seg(p.id)}/erase`);
      setStatus(x.personErased);
      persons.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <>
      <p className="lead">{x.personsLead}</p>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <LoadState loaded={persons} />
      {persons.data ? (
        <DataTable
          caption={x.personsCaption(persons.data.length)}
          head={
            <tr>
              <th scope="col">{x.colPerson}</th>
              <th scope="col">{x.colFunction}</th>
              <th scope="col">{x.colActor}</th>
              <th scope="col">{x.colEmail}</th>
              <th scope="col">{x.colLegalBasis}</th>
              <th scope="col">{x.colLastActivity}</th>
              <th scope="col">{x.colActions}</th>
            </tr>
          }
        >
          {persons.data.map((p) => (
            <tr key={p.id}>
              <td>
                {p.name}
                {p.erased ? ` (${x.erasedMark})` : ''}
              </td>
              <td>{p.function ?? x.none}</td>
              <td>{p.actorName ?? x.none}</td>
              <td>{p.email ? <Email value={p.email} /> : x.none}</td>
              <td>{LEGAL_BASIS_LABELS[p.legalBasis][lang]}</td>
              <td>
                {formatDate(p.lastActivityOn, lang)}
                {p.reviewDue ? (
                  <>
                    <br />
                    <strong className="nw-overdue">{x.reviewDue}</strong>
                  </>
                ) : null}
              </td>
              <td>
                {p.erased ? null : (
                  <>
                    <a
                      href={`${base}/persons/${seg(p.id)}/export`}
                      download="person.json"
                      aria-label={x.exportPerson(p.name)}
                    >
                      {x.exportShort}
                    </a>{' '}
                    <ConfirmAction
                      label={x.erasePerson}
                      srSuffix={p.name}
                      question={x.eraseQuestion(p.name)}
                      confirmLabel={x.eraseConfirm}
                      onConfirm={() => void erase(p)}
                    />
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <NewPerson onCreated={persons.reload} />
    </>
  );
}

function NewPerson({ onCreated }: { onCreated: () => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const actors = useLoad(`${base}/actors`, () => api.get<Actor[]>(`${base}/actors`));
  const [v, setV] = useState({
    name: '',
    function: '',
    actorId: '',
    email: '',
    phone: '',
    purpose: 'Einladungen und Protokolle der Gremien',
    legalBasis: 'public_task' as LegalBasis,
    consentOn: todayIso(),
  });
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const set =
    <K extends keyof typeof v>(k: K) =>
    (value: (typeof v)[K]) =>
      setV({ ...v, [k]: value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    if (!v.name.trim()) {
      setError(x.errRequired(x.fPersonName));
      document.getElementById('np-name')?.focus();
      return;
    }
    setError('');
    try {
      await api.post(`${base}/persons`, {
        name: v.name,
        function: v.function || null,
        actorId: v.actorId || null,
        email: v.email || null,
        phone: v.phone || null,
        purpose: v.purpose,
        legalBasis: v.legalBasis,
        consentOn: v.legalBasis === 'consent' ? v.consentOn : null,
      });
      setStatus(x.personCreated);
      setV({ ...v, name: '', function: '', email: '', phone: '' });
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="nw-new-person" title={x.newPersonHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="np-name"
          label={x.fPersonName}
          value={v.name}
          onChange={set('name')}
          error={error || undefined}
        />
        <TextField id="np-function" label={x.fFunction} value={v.function} onChange={set('function')} />
        <SelectField
          id="np-actor"
          label={x.fActor}
          value={v.actorId}
          onChange={set('actorId')}
          options={[
            { value: '', label: x.noActor },
            ...(actors.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <TextField id="np-email" type="email" label={x.fEmail} value={v.email} onChange={set('email')} />
        <TextField id="np-phone" type="tel" label={x.fPhone} value={v.phone} onChange={set('phone')} />
        <TextField id="np-purpose" label={x.fPurpose} value={v.purpose} onChange={set('purpose')} />
        <SelectField
          id="np-basis"
          label={x.fLegalBasis}
          value={v.legalBasis}
          onChange={set('legalBasis')}
          options={Object.entries(LEGAL_BASIS_LABELS).map(([k, l]) => ({
            value: k as LegalBasis,
            label: l[lang],
          }))}
        />
        {v.legalBasis === 'consent' ? (
          <TextField
            id="np-consent"
            type="date"
            label={x.fConsentOn}
            value={v.consentOn}
            onChange={set('consentOn')}
          />
        ) : null}
        <button type="submit" className="button">
          {x.createPerson}
        </button>
      </form>
    </Section>
  );
}
