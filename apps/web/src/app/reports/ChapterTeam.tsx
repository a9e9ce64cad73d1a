import { useId, useState } from 'react';
import {
  CHAPTER_REVIEW_TRANSITIONS,
  type Chapter,
  type ChapterReviewStatus,
  type MyChapter,
  type ReportDetail,
  type ReportPerson,
} from '@dkbm/contract';
import { Link } from 'react-router';
import { api, seg } from '../api';
import { useLoad } from '../hooks';
import { useTenant } from '../tenant';
import { SelectField } from '../components/Fields';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { useReportTexts } from './texts';

/** The reports API of the tenant (as `useReportsApi`, without importing the list page). */
const useApi = () => `/api/tenants/${seg(useTenant().tenantId)}/reports`;

type Act = (run: () => Promise<ReportDetail>, message?: string) => Promise<boolean>;

/** Which review status changes the caller may make (the server checks the same). */
function reviewSteps(chapter: Chapter, me: string | null, editor: boolean): ChapterReviewStatus[] {
  const author = !!me && chapter.authors.some((a) => a.id === me);
  const reviewer = !!me && chapter.reviewer?.id === me;
  return CHAPTER_REVIEW_TRANSITIONS[chapter.reviewStatus].filter(
    (s) =>
      editor ||
      (s === 'in_review' && author) ||
      (s === 'reviewed' && reviewer) ||
      (s === 'in_progress' && (author || reviewer)),
  );
}

/** The Redaktion names the authors and the reviewer of a chapter. */
function TeamForm({ chapter, act, base }: { chapter: Chapter; act: Act; base: string }) {
  const x = useReportTexts();
  const id = useId();
  const peopleUrl = `${useApi()}/people`;
  const people = useLoad(peopleUrl, () => api.get<ReportPerson[]>(peopleUrl));
  const [authors, setAuthors] = useState<string[]>(chapter.authors.map((a) => a.id));
  const [reviewer, setReviewer] = useState(chapter.reviewer?.id ?? '');
  if (!people.data) return people.loading ? <Loading /> : <ErrorAlert error={people.error} />;
  return (
    <form
      className="report-team-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () =>
            api.put(`${base}/chapters/${chapter.id}/team`, {
              authorIds: authors,
              reviewerId: reviewer || null,
            }),
          x.saved,
        );
      }}
    >
      <fieldset>
        <legend>{x.chapterAuthors}</legend>
        {people.data.map((p) => (
          <div className="checkbox" key={p.id}>
            <input
              type="checkbox"
              id={`${id}-a-${p.id}`}
              checked={authors.includes(p.id)}
              onChange={(e) =>
                setAuthors((a) => (e.target.checked ? [...a, p.id] : a.filter((v) => v !== p.id)))
              }
            />
            <label htmlFor={`${id}-a-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <SelectField
        id={`${id}-reviewer`}
        label={x.chapterReviewer}
        value={reviewer}
        onChange={setReviewer}
        options={[
          { value: '', label: x.noReviewer },
          ...people.data.map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <button type="submit" className="button button-secondary">
        {x.saveTeam}
      </button>
    </form>
  );
}

/** Authors, reviewer and review status of a chapter; the buttons the caller may use. */
export function ChapterTeam(props: {
  chapter: Chapter;
  act: Act;
  base: string;
  me: string | null;
  editor: boolean;
  open: boolean;
}) {
  const { chapter, act, base, me, editor, open } = props;
  const x = useReportTexts();
  const steps = open ? reviewSteps(chapter, me, editor) : [];
  return (
    <div className="report-team">
      <dl className="report-meta">
        <dt>{x.chapterAuthors}</dt>
        <dd>{chapter.authors.map((a) => a.name).join(', ') || x.nobody}</dd>
        <dt>{x.chapterReviewer}</dt>
        <dd>{chapter.reviewer?.name ?? x.nobody}</dd>
        <dt>{x.reviewStatus}</dt>
        <dd>{x.reviewStatuses[chapter.reviewStatus]}</dd>
      </dl>
      {steps.length ? (
        <p className="actions">
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              className={s === 'in_progress' ? 'button button-secondary' : 'button'}
              onClick={() =>
                act(() => api.post(`${base}/chapters/${chapter.id}/review`, { reviewStatus: s }), x.saved)
              }
            >
              {x.toReview[s]}
            </button>
          ))}
        </p>
      ) : null}
      {open && editor ? (
        <details>
          <summary>{x.team}</summary>
          <TeamForm chapter={chapter} act={act} base={base} />
        </details>
      ) : null}
    </div>
  );
}

/** „Meine Kapitel“: the chapters the signed-in person writes or reviews. */
export function MyChapters() {
  const x = useReportTexts();
  const tenant = useTenant();
  const url = `${useApi()}/my-chapters`;
  const list = useLoad(url, () => api.get<MyChapter[]>(url));
  if (!list.data) return list.loading ? <Loading /> : <ErrorAlert error={list.error} />;
  if (!list.data.length) return <p>{x.myChaptersNone}</p>;
  return (
    <DataTable
      caption={x.myChapters}
      head={
        <tr>
          <th scope="col">{x.colChapter}</th>
          <th scope="col">{x.colReport}</th>
          <th scope="col">{x.colMyRole}</th>
          <th scope="col">{x.reviewStatus}</th>
        </tr>
      }
    >
      {list.data.map((c) => (
        <tr key={c.chapterId}>
          <th scope="row">
            <Link to={`/t/${tenant.slug}/berichte/${c.reportId}`}>{c.chapterTitle}</Link>
          </th>
          <td>
            {c.reportTitle} ({x.status[c.reportStatus]})
          </td>
          <td>{x.myRole(c.author, c.reviewer)}</td>
          <td>{x.reviewStatuses[c.reviewStatus]}</td>
        </tr>
      ))}
    </DataTable>
  );
}
