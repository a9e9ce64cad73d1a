/** „Meine Angebote“: a provider's (Anbieter's) own offers, changes for review, new offers, messages. */
import { useRef, useState, type FormEvent } from 'react';
import type { DirectoryOutboxMessage, ProviderEntry, ProviderOverview } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useTenant } from '../tenantContext';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { TextField, focusFirstInvalid } from '../components/Fields';
import { NewOffer } from './DirectoryPage';
import { changeBody, changeDraftOf, type ChangeDraft } from './providerForm';
import { useDirectoryTexts } from './texts';
import { useProviderTexts } from './providerTexts';

export const deDate = (iso: string) => iso.slice(0, 10).split('-').toReversed().join('.');
const today = () => new Date().toISOString().slice(0, 10);

export function ProviderPage() {
  const y = useProviderTexts();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}/directory`;
  const o = useLoad(`${base}/provider`, () => api.get<ProviderOverview>(`${base}/provider`));
  const data = o.data;
  return (
    <Page title={y.providerTitle}>
      <ErrorAlert error={o.error} />
      {!data ? (
        o.error ? null : (
          <Loading />
        )
      ) : !data.provider ? (
        <p>{y.noProvider}</p>
      ) : (
        <>
          <p className="lead">{y.providerLead(data.provider.name)}</p>
          <OwnEntries entries={data.entries} slug={tenant.slug} base={base} reload={o.reload} />
          <NewOffer
            base={base}
            city={tenant.name.replace(/ \(Demo\)$/, '')}
            url={`${base}/provider/offers`}
            heading={y.newHeading}
            submitLabel={y.newSubmit}
            message={(e) => y.changed(e.name)}
            onCreated={o.reload}
          />
          <Messages messages={data.messages} />
        </>
      )}
    </Page>
  );
}

function OwnEntries(p: { entries: ProviderEntry[]; slug: string; base: string; reload: () => void }) {
  const y = useProviderTexts();
  const x = useDirectoryTexts();
  const now = today();
  return (
    <Section id="prov-entries" title={y.ownHeading}>
      <DataTable
        caption={y.ownCaption(p.entries.length)}
        head={
          <tr>
            <th scope="col">{y.colName}</th>
            <th scope="col">{y.colStatus}</th>
            <th scope="col">{y.colValid}</th>
            <th scope="col">{y.colMessage}</th>
          </tr>
        }
      >
        {p.entries.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              {e.status === 'veroeffentlicht' && (e.validUntil === null || e.validUntil >= now) ? (
                <a href={`/kommune/${seg(p.slug)}/wegweiser/${seg(e.slug)}`}>{e.name}</a>
              ) : (
                e.name
              )}
            </th>
            <td>
              {x.status[e.status]}
              {e.pending ? <>, {y.pendingNote}</> : null}
            </td>
            <td>
              {e.validUntil ? deDate(e.validUntil) : y.noDate}
              {e.validUntil && e.validUntil < now ? <> ({y.expired})</> : null}
            </td>
            <td>{e.reviewMessage ?? ''}</td>
          </tr>
        ))}
      </DataTable>
      {p.entries
        .filter((e) => e.kind === 'angebot')
        .map((e) => (
          <ChangeOffer key={`${e.id}-${e.updatedAt}`} entry={e} base={p.base} reload={p.reload} />
        ))}
    </Section>
  );
}

function ChangeOffer({ entry, base, reload }: { entry: ProviderEntry; base: string; reload: () => void }) {
  const y = useProviderTexts();
  const x = useDirectoryTexts();
  const [d, setD] = useState<ChangeDraft>(() => changeDraftOf(entry));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = (k: keyof ChangeDraft) => (v: string) => setD((o) => ({ ...o, [k]: v }));
  const id = `chg-${entry.id}`;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setFailure(null);
    setStatus('');
    const r = changeBody(
      entry,
      d,
      { title: x.fTitle, price: x.fPrice, validUntil: x.fValidUntil },
      y.required,
    );
    if (r.errors) {
      setErrors(r.errors);
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.put(`${base}/provider/entries/${seg(entry.id)}`, r.body);
      setStatus(y.changed(d.title));
      reload();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="change-offer">
      <summary>{y.changeSummary(entry.name)}</summary>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form ref={form} className="form" noValidate onSubmit={(ev) => void submit(ev)}>
        <TextField
          id={`${id}-title`}
          label={x.fTitle}
          value={d.title}
          onChange={set('title')}
          error={errors.title}
        />
        <div className="field">
          <label htmlFor={`${id}-description`}>{x.fDescription}</label>
          <textarea
            id={`${id}-description`}
            rows={3}
            value={d.description}
            onChange={(ev) => set('description')(ev.target.value)}
          />
        </div>
        {entry.details.cost !== 'kostenlos' ? (
          <TextField
            id={`${id}-price`}
            label={x.fPrice}
            value={d.price}
            onChange={set('price')}
            error={errors.price}
            inputMode="decimal"
            className="input-short"
          />
        ) : null}
        <TextField
          id={`${id}-valid`}
          label={x.fValidUntil}
          hint={x.fValidUntilHint}
          type="date"
          value={d.validUntil}
          onChange={set('validUntil')}
          error={errors.validUntil}
        />
        <button type="submit" className="button" disabled={busy}>
          {y.changeSubmit}
          <span className="sr-only"> {entry.name}</span>
        </button>
      </form>
    </details>
  );
}

export function Messages({ messages }: { messages: DirectoryOutboxMessage[] }) {
  const y = useProviderTexts();
  return (
    <Section id="prov-messages" title={y.messagesHeading}>
      {messages.length === 0 ? <p>{y.noMessages}</p> : null}
      <ul className="messages">
        {messages.map((m) => (
          <li key={m.id}>
            <p>
              <strong>{m.subject}</strong> ({deDate(m.createdAt)})
            </p>
            <p className="pre-line">{m.body}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
