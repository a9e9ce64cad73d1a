/** „Prüfung und Träger“: the Bildungsbüro's review queue (with diff), providers and accounts, outbox. */
import { useState, type FormEvent } from 'react';
import {
  hasPermission,
  type DirectoryOutboxMessage,
  type DirectoryProvider,
  type ReminderReport,
  type ReviewItem,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useTenant } from '../tenantContext';
import { Page, Section } from '../components/Page';
import { DataTable, Email } from '../components/Table';
import { ErrorAlert, NoPermission, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { deDate } from './ProviderPage';
import { useProviderTexts } from './providerTexts';

export function ReviewPage() {
  const y = useProviderTexts();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}/directory`;
  // A decision writes a message to the outbox (and changes a provider's count): those reload after it.
  const [decisions, setDecisions] = useState(0);
  if (!hasPermission(tenant.role, 'data.write'))
    return (
      <Page title={y.reviewTitle}>
        <NoPermission text={y.reviewLead} />
      </Page>
    );
  return (
    <Page title={y.reviewTitle}>
      <p className="lead">{y.reviewLead}</p>
      <Queue base={base} onDecided={() => setDecisions((n) => n + 1)} />
      <Providers base={base} version={decisions} />
      <Outbox base={base} version={decisions} />
    </Page>
  );
}

function Queue({ base, onDecided }: { base: string; onDecided: () => void }) {
  const y = useProviderTexts();
  const q = useLoad(`${base}/review`, () => api.get<ReviewItem[]>(`${base}/review`));
  const [status, setStatus] = useState('');
  return (
    <Section id="rev-queue" title={y.queueHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={q.error} />
      {q.data?.length === 0 ? <p>{y.queueEmpty}</p> : null}
      {q.data?.map((item) => (
        <Submission
          key={item.entryId}
          item={item}
          base={base}
          done={(text) => {
            setStatus(text);
            q.reload();
            onDecided();
          }}
        />
      ))}
    </Section>
  );
}

function Submission({ item, base, done }: { item: ReviewItem; base: string; done: (s: string) => void }) {
  const y = useProviderTexts();
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `rev-${item.entryId}`;

  async function decide(decision: 'freigeben' | 'ablehnen') {
    setFailure(null);
    setBusy(true);
    try {
      await api.post(`${base}/review/${seg(item.entryId)}`, { decision, message });
      done(decision === 'freigeben' ? y.approved(item.name) : y.rejected(item.name));
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="review-item" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {item.name} ({item.isNew ? y.isNew : y.isChange})
      </h3>
      <p>{y.submittedBy(item.provider?.name ?? '—', deDate(item.submittedAt))}</p>
      <DataTable
        caption={y.changesCaption(item.name)}
        head={
          <tr>
            <th scope="col">{y.colField}</th>
            <th scope="col">{y.colBefore}</th>
            <th scope="col">{y.colAfter}</th>
          </tr>
        }
      >
        {item.changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.label}</th>
            <td>{c.before ? <del>{c.before}</del> : y.empty}</td>
            <td>{c.after ? <ins>{c.after}</ins> : y.empty}</td>
          </tr>
        ))}
      </DataTable>
      <ErrorAlert error={failure} />
      <div className="field">
        <label htmlFor={`${id}-msg`}>{y.message}</label>
        <p className="hint" id={`${id}-msg-hint`}>
          {y.messageHint}
        </p>
        <textarea
          id={`${id}-msg`}
          rows={2}
          aria-describedby={`${id}-msg-hint`}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <span className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void decide('freigeben')}>
          {y.approve}
          <span className="sr-only"> {item.name}</span>
        </button>{' '}
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void decide('ablehnen')}
        >
          {y.reject}
          <span className="sr-only"> {item.name}</span>
        </button>
      </span>
    </article>
  );
}

function Providers({ base, version }: { base: string; version: number }) {
  const y = useProviderTexts();
  const list = useLoad(`${base}/providers#${version}`, () =>
    api.get<DirectoryProvider[]>(`${base}/providers`),
  );
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [providerId, setProviderId] = useState('');
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const providers = list.data ?? [];
  const chosen = providerId || providers[0]?.id || '';

  async function run(ev: FormEvent, work: () => Promise<string>) {
    ev.preventDefault();
    setFailure(null);
    setStatus('');
    try {
      setStatus(await work());
      list.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="rev-providers" title={y.providersHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure ?? list.error} />
      <DataTable
        caption={y.providersCaption(providers.length)}
        head={
          <tr>
            <th scope="col">{y.colProvider}</th>
            <th scope="col">{y.colContact}</th>
            <th scope="col">{y.colAccounts}</th>
            <th scope="col">{y.colEntries}</th>
          </tr>
        }
      >
        {providers.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            <td>
              <Email value={p.contactEmail} />
            </td>
            <td>{p.accounts.map((a) => `${a.displayName} (${a.email})`).join(', ')}</td>
            <td>{p.entries}</td>
          </tr>
        ))}
      </DataTable>
      <form
        className="form"
        noValidate
        aria-labelledby="rev-new-provider"
        onSubmit={(ev) =>
          void run(ev, async () => {
            const p = await api.post<DirectoryProvider>(`${base}/providers`, { name, contactEmail: contact });
            setName('');
            setContact('');
            return y.providerCreated(p.name);
          })
        }
      >
        <h3 id="rev-new-provider">{y.newProvider}</h3>
        <TextField id="rev-pname" label={y.fProviderName} value={name} onChange={setName} />
        <TextField id="rev-pmail" label={y.fContact} type="email" value={contact} onChange={setContact} />
        <button type="submit" className="button">
          {y.newProvider}
        </button>
      </form>
      {providers.length > 0 ? (
        <form
          className="form"
          noValidate
          aria-labelledby="rev-account"
          onSubmit={(ev) =>
            void run(ev, async () => {
              const p = await api.post<DirectoryProvider>(`${base}/providers/${seg(chosen)}/accounts`, {
                email,
              });
              setEmail('');
              return y.assigned(email, p.name);
            })
          }
        >
          <h3 id="rev-account">{y.accountHeading}</h3>
          <p>{y.accountLead}</p>
          <SelectField
            id="rev-aprovider"
            label={y.fProvider}
            value={chosen}
            onChange={setProviderId}
            options={providers.map((p) => ({ value: p.id, label: p.name }))}
          />
          <TextField id="rev-amail" label={y.fEmail} type="email" value={email} onChange={setEmail} />
          <button type="submit" className="button">
            {y.assign}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

function Outbox({ base, version }: { base: string; version: number }) {
  const y = useProviderTexts();
  const out = useLoad(`${base}/outbox#${version}`, () => api.get<DirectoryOutboxMessage[]>(`${base}/outbox`));
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const messages = out.data ?? [];

  async function remind() {
    setFailure(null);
    try {
      const r = await api.post<ReminderReport>(`${base}/reminders`, { days: 14 });
      setStatus(y.reminded(r.messages, r.entries.length));
      out.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="rev-outbox" title={y.outboxHeading}>
      <p>{y.outboxLead}</p>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure ?? out.error} />
      <p>
        <button type="button" className="button button-secondary" onClick={() => void remind()}>
          {y.remind}
        </button>
      </p>
      <DataTable
        caption={y.outboxCaption(messages.length)}
        head={
          <tr>
            <th scope="col">{y.colDate}</th>
            <th scope="col">{y.colKind}</th>
            <th scope="col">{y.colRecipient}</th>
            <th scope="col">{y.colSubject}</th>
          </tr>
        }
      >
        {messages.map((m) => (
          <tr key={m.id}>
            <td>{deDate(m.createdAt)}</td>
            <td>{y.kinds[m.kind]}</td>
            <td>
              <Email value={m.recipient} />
            </td>
            <th scope="row">
              <details className="disclosure">
                <summary>{m.subject}</summary>
                <p className="pre-line">{m.body}</p>
              </details>
            </th>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
