/** The enquiry log: figures, the list with due dates, a form for a new enquiry. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  INDICATOR_TOPIC_LABELS,
  REQUESTER_TYPE_LABELS,
  type Enquiry,
  type EnquiryStats,
  type IndicatorTopic,
  type RequesterType,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, todayIso, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';
import { useEnquiryTexts } from './enquiryTexts';

export function EnquiriesPage() {
  const x = useNetworkTexts();
  const y = useEnquiryTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const list = useLoad(`${base}/enquiries`, () => api.get<Enquiry[]>(`${base}/enquiries`));
  const stats = useLoad(`${base}/enquiries/stats`, () => api.get<EnquiryStats>(`${base}/enquiries/stats`));
  const reload = () => {
    list.reload();
    stats.reload();
  };
  return (
    <NetworkFrame title={x.navEnquiries}>
      <p className="lead">{x.enquiriesLead}</p>
      <p>
        <Link to={`${app}/anfragen/vorlagen`}>{y.templatesNav}</Link>
      </p>
      <Section id="eq-stats" title={x.statsHeading}>
        <LoadState loaded={stats} />
        {stats.data ? (
          <>
            <ul className="nw-stats">
              <li>
                <strong>{stats.data.total}</strong> {x.statTotal}
              </li>
              <li>
                <strong>{stats.data.open}</strong> {x.statOpen}
              </li>
              <li>
                <strong>{stats.data.overdue}</strong> {x.statOverdue}
              </li>
              <li>
                <strong>{stats.data.dueSoon}</strong> {x.statDueSoon}
              </li>
              <li>
                <strong>
                  {stats.data.answeredInTime}/{stats.data.answered}
                </strong>{' '}
                {x.statInTime}
              </li>
            </ul>
            <DataTable
              caption={x.byRequesterCaption}
              head={
                <tr>
                  <th scope="col">{x.colRequesterType}</th>
                  <th scope="col" className="num">
                    {x.colCount}
                  </th>
                </tr>
              }
            >
              {stats.data.byRequesterType.map((r) => (
                <tr key={r.requesterType}>
                  <td>{REQUESTER_TYPE_LABELS[r.requesterType][lang]}</td>
                  <td className="num">{r.count}</td>
                </tr>
              ))}
            </DataTable>
            <DataTable
              caption={x.byTopicCaption}
              head={
                <tr>
                  <th scope="col">{x.colTopic}</th>
                  <th scope="col" className="num">
                    {x.colCount}
                  </th>
                </tr>
              }
            >
              {stats.data.byTopic.map((r) => (
                <tr key={r.topic}>
                  <td>{INDICATOR_TOPIC_LABELS[r.topic][lang]}</td>
                  <td className="num">{r.count}</td>
                </tr>
              ))}
            </DataTable>
          </>
        ) : null}
      </Section>
      <Section id="eq-list" title={x.navEnquiries}>
        <LoadState loaded={list} />
        {list.data ? (
          <DataTable
            caption={x.enquiriesCaption}
            head={
              <tr>
                <th scope="col">{x.colReceived}</th>
                <th scope="col">{x.fTitle}</th>
                <th scope="col">{x.colRequester}</th>
                <th scope="col">{x.colDue}</th>
                <th scope="col">{x.colStatus}</th>
              </tr>
            }
          >
            {list.data.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.receivedOn, lang)}</td>
                <td>
                  <Link to={`${app}/anfragen/${seg(e.id)}`}>{e.title}</Link>
                </td>
                <td>
                  {e.requester} ({REQUESTER_TYPE_LABELS[e.requesterType][lang]})
                </td>
                <td>{e.dueOn ? formatDate(e.dueOn, lang) : x.none}</td>
                <td>
                  {x.status[e.status]}
                  {e.overdue ? <strong className="nw-overdue">, {x.overdue}</strong> : null}
                  {e.dueSoon ? <strong>, {x.dueSoon}</strong> : null}
                  {e.inTime === true ? `, ${x.inTime}` : e.inTime === false ? `, ${x.late}` : ''}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>
      {useCanEdit() ? <NewEnquiry onCreated={reload} /> : null}
    </NetworkFrame>
  );
}

function NewEnquiry({ onCreated }: { onCreated: () => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const [v, setV] = useState({
    title: '',
    question: '',
    requester: '',
    requesterType: 'politik' as RequesterType,
    topic: 'grundinformationen' as IndicatorTopic,
    receivedOn: todayIso(),
    dueOn: '',
    assignee: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
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
    const next: Record<string, string> = {};
    if (!v.title.trim()) next['eq-title'] = x.errRequired(x.fTitle);
    if (!v.question.trim()) next['eq-question'] = x.errRequired(x.fQuestion);
    if (!v.requester.trim()) next['eq-requester'] = x.errRequired(x.fRequester);
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    try {
      await api.post(`${base}/enquiries`, { ...v, dueOn: v.dueOn || null, assignee: v.assignee || null });
      setStatus(x.enquiryCreated);
      setV({ ...v, title: '', question: '', requester: '', dueOn: '' });
      onCreated();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="eq-new" title={x.newEnquiryHeading}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="eq-title"
          label={x.fTitle}
          value={v.title}
          onChange={set('title')}
          error={errors['eq-title']}
        />
        <div className={errors['eq-question'] ? 'field field-invalid' : 'field'}>
          <label htmlFor="eq-question">{x.fQuestion}</label>
          <textarea
            id="eq-question"
            rows={3}
            value={v.question}
            aria-invalid={errors['eq-question'] ? true : undefined}
            aria-describedby={errors['eq-question'] ? 'eq-question-error' : undefined}
            onChange={(e) => set('question')(e.target.value)}
          />
          {errors['eq-question'] ? (
            <p className="field-error" id="eq-question-error">
              {errors['eq-question']}
            </p>
          ) : null}
        </div>
        <TextField
          id="eq-requester"
          label={x.fRequester}
          value={v.requester}
          onChange={set('requester')}
          error={errors['eq-requester']}
        />
        <SelectField
          id="eq-requester-type"
          label={x.fRequesterType}
          value={v.requesterType}
          onChange={set('requesterType')}
          options={Object.entries(REQUESTER_TYPE_LABELS).map(([k, l]) => ({
            value: k as RequesterType,
            label: l[lang],
          }))}
        />
        <SelectField
          id="eq-topic"
          label={x.fTopic}
          value={v.topic}
          onChange={set('topic')}
          options={Object.entries(INDICATOR_TOPIC_LABELS).map(([k, l]) => ({
            value: k as IndicatorTopic,
            label: l[lang],
          }))}
        />
        <TextField
          id="eq-received"
          type="date"
          label={x.fReceived}
          value={v.receivedOn}
          onChange={set('receivedOn')}
        />
        <TextField id="eq-due" type="date" label={x.fDue} value={v.dueOn} onChange={set('dueOn')} />
        <TextField id="eq-assignee" label={x.fAssignee} value={v.assignee} onChange={set('assignee')} />
        <button type="submit" className="button">
          {x.createEnquiry}
        </button>
      </form>
    </Section>
  );
}
