/** Comments and history („Verlauf“) of a goal, recommendation, decision or measure. */
import { useId, useState } from 'react';
import type { Comment, HistoryEntry } from '@dkbm/contract';
import { api } from '../api';
import { ErrorAlert } from '../components/Feedback';
import { useLoad } from '../hooks';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { FormBox, TextArea, useBases, useCanContribute, useSubmit } from './common';
import { useSteeringTexts } from './texts';

/** Comments on a goal, recommendation, decision or measure; contributors and editors write. */
export function Comments({ path, title }: { path: string; title: string }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const id = useId();
  const { api: base } = useBases();
  const canContribute = useCanContribute();
  const url = `${base}/${path}/comments`;
  const list = useLoad(url, () => api.get<Comment[]>(url));
  const [text, setText] = useState('');
  const state = useSubmit(
    () => api.post(url, { text }),
    () => {
      setText('');
      list.reload();
    },
  );
  return (
    <section aria-labelledby={`${id}-h`} className="st-comments">
      <h3 id={`${id}-h`}>{x.commentsOn(title)}</h3>
      {list.data?.length ? (
        <ul className="plain-list">
          {list.data.map((c) => (
            <li key={c.id}>
              <p className="muted">
                {c.user ?? x.unknownUser}, {formatDate(c.createdAt, lang)}
              </p>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{x.noComments}</p>
      )}
      {canContribute ? (
        <FormBox summary={x.writeComment} state={state} submitLabel={x.writeComment}>
          <TextArea id={`${id}-text`} label={x.comment} value={text} onChange={setText} required />
        </FormBox>
      ) : null}
    </section>
  );
}

/** The history of a goal, recommendation, decision or measure: who changed what, when (newest first). */
export function History({ path, title, stamp = '' }: { path: string; title: string; stamp?: string }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const id = useId();
  const { api: base } = useBases();
  const url = `${base}/${path}/history`;
  // `stamp` changes when the object changed (the overview reloaded): the history is loaded again.
  const list = useLoad(`${url}#${stamp}`, () => api.get<HistoryEntry[]>(url));
  return (
    <section aria-labelledby={`${id}-h`} className="st-history">
      <h3 id={`${id}-h`}>{x.historyOf(title)}</h3>
      <ErrorAlert error={list.error} />
      {list.data?.length ? (
        <ul className="plain-list">
          {list.data.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at, lang)} – {h.user ?? x.system}: {h.summary}
            </li>
          ))}
        </ul>
      ) : list.data ? (
        <p>{x.noHistory}</p>
      ) : null}
    </section>
  );
}
