/** Kooperationsprojekte: list of projects several actors carry out together, and a form for a new one. */
import { useRef, useState, type FormEvent } from 'react';
import {
  INDICATOR_TOPIC_LABELS,
  type Actor,
  type CooperationProject,
  type IndicatorTopic,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, SelectField, TextField, type FieldErrors } from '../components/Fields';
import { LoadState, NetworkFrame, useBases, useCanEdit } from './common';
import { useProjectTexts } from './projectTexts';

export function ProjectsPage() {
  const p = useProjectTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const projects = useLoad(`${base}/cooperation-projects`, () =>
    api.get<CooperationProject[]>(`${base}/cooperation-projects`),
  );
  const period = (x: CooperationProject) =>
    x.endsOn
      ? p.period(formatDate(x.startsOn, lang), formatDate(x.endsOn, lang))
      : p.since(formatDate(x.startsOn, lang));
  return (
    <NetworkFrame title={p.title}>
      <p className="lead">{p.lead}</p>
      <LoadState loaded={projects} />
      {projects.data && projects.data.length === 0 ? <p>{p.none}</p> : null}
      {projects.data && projects.data.length > 0 ? (
        <DataTable
          caption={p.caption(projects.data.length)}
          head={
            <tr>
              <th scope="col">{p.colName}</th>
              <th scope="col">{p.colTopic}</th>
              <th scope="col">{p.colPeriod}</th>
              <th scope="col">{p.colActors}</th>
              <th scope="col">{p.colLead}</th>
            </tr>
          }
        >
          {projects.data.map((x) => (
            <tr key={x.id}>
              <td>
                {x.name}
                {x.description ? <div className="hint">{x.description}</div> : null}
              </td>
              <td>{INDICATOR_TOPIC_LABELS[x.topic][lang]}</td>
              <td>
                {period(x)} ({x.running ? p.running : p.ended})
              </td>
              <td>{x.actors.map((a) => a.name).join(', ')}</td>
              <td>{x.lead?.name ?? '–'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {useCanEdit() ? <NewProject onCreated={projects.reload} /> : null}
    </NetworkFrame>
  );
}

function NewProject({ onCreated }: { onCreated: () => void }) {
  const p = useProjectTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const actors = useLoad(`${base}/actors`, () => api.get<Actor[]>(`${base}/actors`));
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [topic, setTopic] = useState<IndicatorTopic>('fruehkindliche_bildung');
  const [description, setDescription] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [actorIds, setActorIds] = useState<string[]>([]);
  const [leadActorId, setLeadActorId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(null);
    const found: FieldErrors = {};
    if (!name.trim()) found.name = p.errName;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn)) found.startsOn = p.errStartsOn;
    if (endsOn && startsOn && endsOn < startsOn) found.endsOn = p.errEndsOn;
    if (actorIds.length < 2) found.actorIds = p.errActors;
    if (leadActorId && !actorIds.includes(leadActorId)) found.leadActorId = p.errLead;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setTimeout(() => {
        focusFirstInvalid(form.current);
        if (found.actorIds && Object.keys(found).length === 1) {
          form.current?.querySelector<HTMLInputElement>('#np-actors input')?.focus();
        }
      });
      return;
    }
    try {
      const created = await api.post<CooperationProject>(`${base}/cooperation-projects`, {
        name,
        topic,
        description: description || null,
        startsOn,
        endsOn: endsOn || null,
        actorIds,
        leadActorId: leadActorId || null,
      });
      setStatus(p.created(created.name));
      setName('');
      setDescription('');
      setStartsOn('');
      setEndsOn('');
      setActorIds([]);
      setLeadActorId('');
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  const chosen = (actors.data ?? []).filter((a) => actorIds.includes(a.id));
  return (
    <Section id="nw-new-project" title={p.newHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField id="np-name" label={p.fName} value={name} onChange={setName} error={errors.name} />
        <SelectField
          id="np-topic"
          label={p.fTopic}
          value={topic}
          onChange={setTopic}
          options={Object.entries(INDICATOR_TOPIC_LABELS).map(([v, l]) => ({
            value: v as IndicatorTopic,
            label: l[lang],
          }))}
        />
        <TextField id="np-description" label={p.fDescription} value={description} onChange={setDescription} />
        <TextField
          id="np-starts"
          type="date"
          label={p.fStartsOn}
          value={startsOn}
          onChange={setStartsOn}
          error={errors.startsOn}
        />
        <TextField
          id="np-ends"
          type="date"
          label={p.fEndsOn}
          value={endsOn}
          onChange={setEndsOn}
          error={errors.endsOn}
        />
        <fieldset
          id="np-actors"
          className={errors.actorIds ? 'field-invalid' : undefined}
          aria-describedby={errors.actorIds ? 'np-actors-error' : undefined}
        >
          <legend>{p.fActors}</legend>
          {errors.actorIds ? (
            <p className="field-error" id="np-actors-error">
              {errors.actorIds}
            </p>
          ) : null}
          {(actors.data ?? []).map((a) => (
            <div key={a.id} className="checkbox">
              <input
                type="checkbox"
                id={`np-actor-${a.id}`}
                checked={actorIds.includes(a.id)}
                onChange={(e) =>
                  setActorIds(e.target.checked ? [...actorIds, a.id] : actorIds.filter((x) => x !== a.id))
                }
              />{' '}
              <label htmlFor={`np-actor-${a.id}`}>{a.name}</label>
            </div>
          ))}
        </fieldset>
        <SelectField
          id="np-lead"
          label={p.fLead}
          value={leadActorId}
          onChange={setLeadActorId}
          error={errors.leadActorId}
          options={[{ value: '', label: p.noLead }, ...chosen.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <button type="submit" className="button">
          {p.create}
        </button>
      </form>
    </Section>
  );
}
