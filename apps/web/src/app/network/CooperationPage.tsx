/** The cooperation map: a network graph and, always, the table (pairs of actors and the bodies they share), with filters and CSV. */
import { useState } from 'react';
import {
  ACTOR_TYPE_LABELS,
  INDICATOR_TOPIC_LABELS,
  type ActorType,
  type CooperationEdge,
  type IndicatorTopic,
} from '@dkbm/contract';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { DataTable } from '../components/Table';
import { SelectField } from '../components/Fields';
import { LoadState, NetworkFrame, useBases } from './common';
import { useNetworkTexts } from './texts';
import { CooperationGraph } from './CooperationGraph';

export function CooperationPage() {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base, tenantApi } = useBases();
  const areas = useLoad(`${tenantApi}/areas`, () =>
    api.get<Array<{ id: string; name: string }>>(`${tenantApi}/areas`),
  );
  const [areaId, setAreaId] = useState('');
  const [topic, setTopic] = useState<'' | IndicatorTopic>('');
  const [actorType, setActorType] = useState<'' | ActorType>('');
  const query = new URLSearchParams({
    ...(topic ? { topic } : {}),
    ...(actorType ? { actorType } : {}),
    ...(areaId ? { areaId } : {}),
  }).toString();
  const suffix = query ? `?${query}` : '';
  const edges = useLoad(`${base}/cooperation${suffix}`, () =>
    api.get<CooperationEdge[]>(`${base}/cooperation${suffix}`),
  );
  return (
    <NetworkFrame title={x.navCooperation}>
      <p className="lead">{x.cooperationLead}</p>
      <form
        role="search"
        aria-label={x.cooperationFilter}
        className="nw-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          id="cf-topic"
          label={x.fTopic}
          value={topic}
          onChange={setTopic}
          options={[
            { value: '', label: x.topicAll },
            ...Object.entries(INDICATOR_TOPIC_LABELS).map(([v, l]) => ({
              value: v as IndicatorTopic,
              label: l[lang],
            })),
          ]}
        />
        <SelectField
          id="cf-type"
          label={x.colType}
          value={actorType}
          onChange={setActorType}
          options={[
            { value: '', label: x.typeAll },
            ...Object.entries(ACTOR_TYPE_LABELS).map(([v, l]) => ({ value: v as ActorType, label: l[lang] })),
          ]}
        />
        <SelectField
          id="cf-area"
          label={x.fArea}
          value={areaId}
          onChange={setAreaId}
          options={[
            { value: '', label: x.areaAll },
            ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
      </form>
      <p>
        <a
          className="button button-secondary"
          href={`${base}/cooperation.csv${suffix}`}
          download="kooperationen.csv"
        >
          {x.cooperationCsv}
        </a>
      </p>
      <LoadState loaded={edges} />
      {edges.data && edges.data.length === 0 ? <p>{x.noCooperation}</p> : null}
      {edges.data && edges.data.length > 0 ? <CooperationGraph edges={edges.data} /> : null}
      {edges.data && edges.data.length > 0 ? (
        <DataTable
          caption={x.cooperationCaption(edges.data.length)}
          head={
            <tr>
              <th scope="col">{x.colActorA}</th>
              <th scope="col">{x.colActorB}</th>
              <th scope="col">{x.colSharedBodies}</th>
              <th scope="col">{x.colSharedProjects}</th>
            </tr>
          }
        >
          {edges.data.map((e) => (
            <tr key={`${e.actorA.id}-${e.actorB.id}`}>
              <td>{e.actorA.name}</td>
              <td>{e.actorB.name}</td>
              <td>{e.bodies.map((b) => b.name).join(', ') || '–'}</td>
              <td>{e.projects.map((p) => p.name).join(', ') || '–'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </NetworkFrame>
  );
}
