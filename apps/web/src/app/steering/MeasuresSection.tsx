/** The measures of the steering overview: timeline, table, progress notes, comments and history. */
import type { Measure, SteeringOverview } from '@dkbm/contract';
import { seg } from '../api';
import { formatDate, useI18n } from '../i18n';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { useCanContribute, useCanEdit } from './common';
import { MeasureForm, MeasureNoteForm } from './forms';
import { Comments, History } from './CommentsHistory';
import { formatEuro, timelineLayout } from './model';
import { useSteeringTexts } from './texts';

export function Measures({ data, reload }: { data: SteeringOverview; reload: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const canContribute = useCanContribute();
  // Contributors write progress notes on the measures their unit is responsible for.
  const mayNote = (m: Measure) =>
    canEdit || (canContribute && !!m.responsibleUnit && data.myUnitIds.includes(m.responsibleUnit.id));
  const goalTitles = (ids: string[]) =>
    ids.map((id) => data.goals.find((g) => g.id === id)?.title ?? '–').join('; ') || '–';
  const eur = (v: string | null) => formatEuro(v, lang);
  const sorted = data.measures.toSorted((a, b) => (a.startOn ?? '9999').localeCompare(b.startOn ?? '9999'));
  return (
    <Section id="st-measures" title={x.measures}>
      <MeasuresTimeline measures={sorted} />
      {sorted.length ? (
        <DataTable
          caption={x.measures}
          head={
            <tr>
              <th scope="col">{x.measureTitle}</th>
              <th scope="col">{x.responsibleUnit}</th>
              <th scope="col">{x.period}</th>
              <th scope="col">{x.status}</th>
              <th scope="col">{x.budget}</th>
              <th scope="col">{x.linkedGoals}</th>
              <th scope="col">{x.milestones}</th>
            </tr>
          }
        >
          {sorted.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.title}</th>
              <td>
                {m.responsibleUnit?.name ?? '–'}
                {m.partners ? <p className="muted">{`${x.partners}: ${m.partners}`}</p> : null}
              </td>
              <td>
                {m.startOn ? formatDate(m.startOn, lang) : '–'} – {m.endOn ? formatDate(m.endOn, lang) : '–'}
              </td>
              <td>{x.measureStatus[m.status]}</td>
              <td className="num">
                {eur(m.budgetPlanned)} / {eur(m.budgetSpent)}
              </td>
              <td>{goalTitles(m.goalIds)}</td>
              <td>
                <ul className="plain-list">
                  {m.milestones.map((ms) => (
                    <li key={ms.id}>
                      {ms.title}: {formatDate(ms.dueOn, lang)}
                      {ms.doneOn ? ` (${x.done} ${formatDate(ms.doneOn, lang)})` : ''}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{x.noMeasures}</p>
      )}
      {canEdit ? <MeasureForm data={data} onDone={reload} /> : null}
      {sorted.map((m) => (
        <details key={m.id} className="st-rec-details">
          <summary>{x.measureDetails(m.title)}</summary>
          <h3>{x.notes}</h3>
          {m.notes.length ? (
            <ul className="plain-list">
              {m.notes.map((n) => (
                <li key={n.id}>
                  <p className="muted">
                    {formatDate(n.notedOn, lang)} – {n.user ?? x.system}
                  </p>
                  <p>{n.text}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p>{x.noNotes}</p>
          )}
          {mayNote(m) ? <MeasureNoteForm measure={m} onDone={reload} /> : null}
          <Comments path={`measures/${seg(m.id)}`} title={m.title} />
          <History
            path={`measures/${seg(m.id)}`}
            title={m.title}
            stamp={JSON.stringify([m.status, m.notes.length, m.goalIds, m.milestones.length])}
          />
        </details>
      ))}
    </Section>
  );
}

/**
 * The measures on a timeline (bars from start to end, milestones as marks, today as a line). A picture
 * only: the table below holds the same dates, so the figure is described by a text and hidden from the
 * accessibility tree's details.
 */
function MeasuresTimeline({ measures }: { measures: Measure[] }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const t = timelineLayout(measures, today);
  if (!t) return null;
  const title = (id: string) => measures.find((m) => m.id === id)!.title;
  return (
    <figure className="st-timeline">
      <div role="img" aria-label={x.timelineAlt(t.rows.length, formatDate(today, lang))}>
        <div className="st-timeline-years" aria-hidden="true">
          {t.years.map((y) => (
            <span key={y.year} style={{ left: `${y.left}%` }}>
              {y.year}
            </span>
          ))}
        </div>
        {t.rows.map((r) => (
          <div key={r.id} className="st-timeline-row" aria-hidden="true">
            <span className="st-timeline-label">{title(r.id)}</span>
            <span className="st-timeline-track">
              <span
                className={`st-timeline-bar${r.open ? ' st-timeline-open' : ''}`}
                style={{ left: `${r.left}%`, width: `${r.width}%` }}
              />
              {r.milestones.map((m, i) => (
                <span key={i} className="st-timeline-milestone" style={{ left: `${m}%` }} />
              ))}
              <span className="st-timeline-today" style={{ left: `${t.today}%` }} />
            </span>
          </div>
        ))}
      </div>
      <figcaption className="muted">{x.timelineLegend}</figcaption>
    </figure>
  );
}
