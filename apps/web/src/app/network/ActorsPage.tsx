/** The actors directory with filters (name, affiliation, type) and a form for a new actor. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  ACTOR_TYPE_LABELS,
  INDICATOR_TOPIC_LABELS,
  type Actor,
  type ActorType,
  type IndicatorTopic,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';

export function ActorsPage() {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const actors = useLoad(`${base}/actors`, () => api.get<Actor[]>(`${base}/actors`));
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<'' | 'internal' | 'external'>('');
  const [type, setType] = useState<'' | ActorType>('');
  const [editing, setEditing] = useState<Actor | null>(null);
  const [saved, setSaved] = useState('');
  const canEdit = useCanEdit();
  const shown = (actors.data ?? []).filter(
    (a) =>
      (!q || a.name.toLocaleLowerCase('de').includes(q.toLocaleLowerCase('de'))) &&
      (!scope || a.scope === scope) &&
      (!type || a.actorType === type),
  );
  return (
    <NetworkFrame title={x.navActors}>
      <p className="lead">{x.actorsLead}</p>
      <form
        role="search"
        aria-label={x.filterLabel}
        className="nw-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <TextField id="af-q" type="search" label={x.fSearch} value={q} onChange={setQ} />
        <SelectField
          id="af-scope"
          label={x.fScope}
          value={scope}
          onChange={setScope}
          options={[
            { value: '', label: x.scopeAll },
            { value: 'internal', label: x.scope.internal! },
            { value: 'external', label: x.scope.external! },
          ]}
        />
        <SelectField
          id="af-type"
          label={x.colType}
          value={type}
          onChange={setType}
          options={[
            { value: '', label: x.typeAll },
            ...Object.entries(ACTOR_TYPE_LABELS).map(([v, l]) => ({ value: v as ActorType, label: l[lang] })),
          ]}
        />
      </form>
      <LoadState loaded={actors} />
      {actors.data ? (
        <DataTable
          caption={x.actorsCaption(shown.length)}
          head={
            <tr>
              <th scope="col">{x.colName}</th>
              <th scope="col">{x.colType}</th>
              <th scope="col">{x.colScope}</th>
              <th scope="col">{x.colTopics}</th>
              <th scope="col">{x.colAreas}</th>
              <th scope="col">{x.colProvider}</th>
              <th scope="col">{x.colBodies}</th>
              {canEdit ? <th scope="col">{x.colActions}</th> : null}
            </tr>
          }
        >
          {shown.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{ACTOR_TYPE_LABELS[a.actorType][lang]}</td>
              <td>{x.scope[a.scope]}</td>
              <td>{a.topics.map((t) => INDICATOR_TOPIC_LABELS[t][lang]).join(', ') || x.none}</td>
              <td>{a.areas.map((r) => r.name).join(', ') || x.none}</td>
              <td>{a.provider?.name ?? x.none}</td>
              <td>{a.bodies.map((b) => b.name).join(', ') || x.none}</td>
              {canEdit ? (
                <td>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={x.editActorLabel(a.name)}
                    onClick={() => {
                      setSaved('');
                      setEditing(a);
                    }}
                  >
                    {x.editActorButton}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}
      <StatusMessage>{saved || null}</StatusMessage>
      {canEdit && editing ? (
        <ActorForm
          key={editing.id}
          actor={editing}
          onDone={(a) => {
            setEditing(null);
            if (a) {
              setSaved(x.actorSaved(a.name));
              actors.reload();
            }
          }}
        />
      ) : null}
      {canEdit ? <ActorForm key="new" onDone={() => actors.reload()} /> : null}
    </NetworkFrame>
  );
}

/** A new actor, or (with `actor`) the changes of an existing one; `onDone` gets the saved actor or null. */
function ActorForm({ actor, onDone }: { actor?: Actor; onDone: (saved: Actor | null) => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base, tenantApi } = useBases();
  const areas = useLoad(`${tenantApi}/areas`, () =>
    api.get<Array<{ id: string; name: string; level: string }>>(`${tenantApi}/areas`),
  );
  const [areaIds, setAreaIds] = useState<string[]>(actor?.areas.map((r) => r.id) ?? []);
  const providers = useLoad(`${tenantApi}/directory/providers`, () =>
    api.get<Array<{ id: string; name: string }>>(`${tenantApi}/directory/providers`),
  );
  const [providerId, setProviderId] = useState(actor?.provider?.id ?? '');
  const [name, setName] = useState(actor?.name ?? '');
  const [scope, setScope] = useState<'internal' | 'external'>(actor?.scope ?? 'external');
  const [actorType, setActorType] = useState<ActorType>(actor?.actorType ?? 'verein');
  const [topics, setTopics] = useState<IndicatorTopic[]>(actor?.topics ?? []);
  const [address, setAddress] = useState(actor?.address ?? '');
  // The form for an existing actor opens below the table: the focus goes to its first field.
  useEffect(() => {
    if (actor) document.getElementById('ea-name')?.focus();
  }, [actor]);
  const f = actor ? 'ea' : 'na';
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    if (!name.trim()) {
      setError(x.errActorName);
      document.getElementById(`${f}-name`)?.focus();
      return;
    }
    setError('');
    const body = {
      name,
      scope,
      actorType,
      topics,
      areaIds,
      providerId: providerId || null,
      address: address || null,
    };
    try {
      if (actor) {
        onDone(await api.patch<Actor>(`${base}/actors/${actor.id}`, body));
        return;
      }
      const a = await api.post<Actor>(`${base}/actors`, body);
      setStatus(x.actorCreated(a.name));
      setName('');
      setAddress('');
      setTopics([]);
      setAreaIds([]);
      setProviderId('');
      onDone(a);
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section
      id={actor ? 'nw-edit-actor' : 'nw-new-actor'}
      title={actor ? x.editActor(actor.name) : x.newActorHeading}
    >
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate aria-label={actor ? x.editActor(actor.name) : x.newActorHeading}>
        <TextField
          id={`${f}-name`}
          label={x.fActorName}
          value={name}
          onChange={setName}
          error={error || undefined}
        />
        <SelectField
          id={`${f}-scope`}
          label={x.fScope}
          value={scope}
          onChange={setScope}
          options={[
            { value: 'external', label: x.scope.external! },
            { value: 'internal', label: x.scope.internal! },
          ]}
        />
        <SelectField
          id={`${f}-type`}
          label={x.colType}
          value={actorType}
          onChange={setActorType}
          options={Object.entries(ACTOR_TYPE_LABELS).map(([v, l]) => ({
            value: v as ActorType,
            label: l[lang],
          }))}
        />
        <fieldset>
          <legend>{x.fTopics}</legend>
          {Object.entries(INDICATOR_TOPIC_LABELS).map(([v, l]) => (
            <div key={v} className="checkbox">
              <input
                type="checkbox"
                id={`${f}-topic-${v}`}
                checked={topics.includes(v as IndicatorTopic)}
                onChange={(e) =>
                  setTopics(
                    e.target.checked ? [...topics, v as IndicatorTopic] : topics.filter((t) => t !== v),
                  )
                }
              />{' '}
              <label htmlFor={`${f}-topic-${v}`}>{l[lang]}</label>
            </div>
          ))}
        </fieldset>
        {areas.data && areas.data.length > 0 ? (
          <fieldset>
            <legend>{x.fAreas}</legend>
            <p className="hint" id={`${f}-areas-hint`}>
              {x.fAreasHint}
            </p>
            {areas.data.map((r) => (
              <div key={r.id} className="checkbox">
                <input
                  type="checkbox"
                  id={`${f}-area-${r.id}`}
                  aria-describedby={`${f}-areas-hint`}
                  checked={areaIds.includes(r.id)}
                  onChange={(e) =>
                    setAreaIds(e.target.checked ? [...areaIds, r.id] : areaIds.filter((a) => a !== r.id))
                  }
                />{' '}
                <label htmlFor={`${f}-area-${r.id}`}>{r.name}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <SelectField
          id={`${f}-provider`}
          label={x.fProvider}
          hint={x.fProviderHint}
          value={providerId}
          onChange={setProviderId}
          options={[
            { value: '', label: x.noProvider },
            ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <TextField id={`${f}-address`} label={x.fAddress} value={address} onChange={setAddress} />
        <button type="submit" className="button">
          {actor ? x.saveActor : x.createActor}
        </button>
        {actor ? (
          <>
            {' '}
            <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
              {x.cancelEdit}
            </button>
          </>
        ) : null}
      </form>
    </Section>
  );
}
