/** Reminders on the start page: overdue milestones and recommendations waiting for a statement. */
import { Link } from 'react-router';
import type { SteeringOverview } from '@dkbm/contract';
import { api } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { useBases, useCanContribute, useCanEdit } from './common';
import { useSteeringTexts } from './texts';

export function SteeringStartPanel() {
  const canContribute = useCanContribute();
  if (!canContribute) return null;
  return <Reminders />;
}

function Reminders() {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const { api: base, app } = useBases();
  const overview = useLoad(`${base}/overview`, () => api.get<SteeringOverview>(`${base}/overview`));
  const data = overview.data;
  if (!data) return null;
  const overdue = canEdit ? data.overdueMilestones : [];
  // Waiting for a statement: for editors every open one, for others those addressed to their units.
  const waiting = data.recommendations.filter(
    (r) =>
      !r.statement &&
      ['draft', 'agreed', 'submitted'].includes(r.status) &&
      (canEdit || r.units.some((u) => data.myUnitIds.includes(u.id))),
  );
  if (!overdue.length && !waiting.length) return null;
  return (
    <Section id="start-steering" title={x.reminders}>
      {overdue.length ? (
        <>
          <h3>{x.overdue}</h3>
          <ul>
            {overdue.map((m) => (
              <li key={`${m.measureId}-${m.title}`}>
                {m.title} ({m.measureTitle}) – {x.milestoneDue} {formatDate(m.dueOn, lang)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {waiting.length ? (
        <>
          <h3>{x.waitingStatement}</h3>
          <ul>
            {waiting.map((r) => (
              <li key={r.id}>
                {r.title}
                {r.units.length ? ` (${r.units.map((u) => u.name).join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={app}>{x.toOverview}</Link>
      </p>
    </Section>
  );
}
