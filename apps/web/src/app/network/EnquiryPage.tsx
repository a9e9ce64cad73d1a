/** One enquiry: the question, and the answer with status (answered on time or late). */
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  INDICATOR_TOPIC_LABELS,
  REQUESTER_TYPE_LABELS,
  type AnswerTemplate,
  type Enquiry,
  type EnquiryStatus,
  type ReportSummary,
} from '@dkbm/contract';
import { useTenant } from '../tenant';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';
import { useEnquiryTexts } from './enquiryTexts';
import { EnquiryAttachments } from './EnquiryAttachments';

export function EnquiryPage() {
  const x = useNetworkTexts();
  const { enquiryId = '' } = useParams();
  const { api: base } = useBases();
  const url = `${base}/enquiries/${seg(enquiryId)}`;
  const enquiry = useLoad(url, () => api.get<Enquiry>(url));
  return (
    <NetworkFrame title={enquiry.data?.title ?? x.navEnquiries}>
      <LoadState loaded={enquiry} />
      {enquiry.data ? (
        <EnquiryView key={enquiry.data.id} enquiry={enquiry.data} url={url} reload={enquiry.reload} />
      ) : null}
    </NetworkFrame>
  );
}

function EnquiryView({ enquiry: e, url, reload }: { enquiry: Enquiry; url: string; reload: () => void }) {
  const x = useNetworkTexts();
  const y = useEnquiryTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const { api: base, tenantApi } = useBases();
  const tenant = useTenant();
  const reports = useLoad(`${tenantApi}/reports`, () =>
    canEdit ? api.get<ReportSummary[]>(`${tenantApi}/reports`) : Promise.resolve([]),
  );
  const [reportId, setReportId] = useState(e.reportId ?? '');
  const templates = useLoad(`${base}/answer-templates`, () =>
    canEdit ? api.get<AnswerTemplate[]>(`${base}/answer-templates`) : Promise.resolve([]),
  );
  const [templateId, setTemplateId] = useState('');
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const [answer, setAnswer] = useState(e.answer ?? '');
  const [status, setStatus] = useState<EnquiryStatus>(e.status);
  const [assignee, setAssignee] = useState(e.assignee ?? '');
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setMessage('');
    setFailure(null);
    try {
      await api.patch(url, {
        answer: answer || null,
        status,
        assignee: assignee || null,
        reportId: reportId || null,
      });
      setMessage(x.enquirySaved);
      reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  function insertTemplate() {
    const t = templates.data?.find((tpl) => tpl.id === templateId);
    if (!t) return;
    setAnswer((a) => (a.trim() ? `${a.trimEnd()}\n\n${t.text}` : t.text));
    setMessage(y.templateInserted(t.title));
    answerRef.current?.focus();
  }

  return (
    <>
      <dl className="nw-facts">
        <dt>{x.colRequester}</dt>
        <dd>
          {e.requester} ({REQUESTER_TYPE_LABELS[e.requesterType][lang]})
        </dd>
        <dt>{x.fTopic}</dt>
        <dd>{INDICATOR_TOPIC_LABELS[e.topic][lang]}</dd>
        <dt>{x.colReceived}</dt>
        <dd>{formatDate(e.receivedOn, lang)}</dd>
        <dt>{x.colDue}</dt>
        <dd>
          {e.dueOn ? formatDate(e.dueOn, lang) : x.none}
          {e.overdue ? <strong className="nw-overdue"> ({x.overdue})</strong> : null}
        </dd>
        <dt>{x.colStatus}</dt>
        <dd>
          {x.status[e.status]}
          {e.answeredOn ? ` · ${x.answeredOn(formatDate(e.answeredOn, lang))}` : ''}
          {e.inTime === true ? ` (${x.inTime})` : e.inTime === false ? ` (${x.late})` : ''}
        </dd>
        {e.indicatorName ? (
          <>
            <dt>{x.enquiryLinked}</dt>
            <dd>{e.indicatorName}</dd>
          </>
        ) : null}
        {e.reportId && e.reportTitle ? (
          <>
            <dt>{y.linkedReport}</dt>
            <dd>
              <Link to={`/t/${tenant.slug}/berichte/${e.reportId}`}>{e.reportTitle}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <Section id="eq-question-h" title={x.fQuestion}>
        <p>{e.question}</p>
      </Section>
      <Section id="eq-answer-h" title={x.answerHeading}>
        <StatusMessage>{message || null}</StatusMessage>
        <ErrorAlert error={failure} />
        {canEdit ? (
          <form onSubmit={submit}>
            {templates.data?.length ? (
              <div className="nw-template-pick">
                <SelectField
                  id="eq-template"
                  label={y.fInsertTemplate}
                  value={templateId}
                  onChange={setTemplateId}
                  options={[
                    { value: '', label: y.chooseTemplate },
                    ...templates.data.map((t) => ({ value: t.id, label: t.title })),
                  ]}
                />
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!templateId}
                  onClick={insertTemplate}
                >
                  {y.insertTemplate}
                </button>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="eq-answer">{x.fAnswer}</label>
              <textarea
                ref={answerRef}
                id="eq-answer"
                rows={6}
                value={answer}
                onChange={(ev) => setAnswer(ev.target.value)}
              />
            </div>
            <SelectField
              id="eq-status"
              label={x.fStatus}
              value={status}
              onChange={setStatus}
              options={(['received', 'in_progress', 'answered'] as const).map((s) => ({
                value: s,
                label: x.status[s]!,
              }))}
            />
            <TextField id="eq-assignee" label={x.fAssignee} value={assignee} onChange={setAssignee} />
            <SelectField
              id="eq-report"
              label={y.fReport}
              value={reportId}
              onChange={setReportId}
              options={[
                { value: '', label: y.noReport },
                ...(reports.data ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.period})` })),
              ]}
            />
            <button type="submit" className="button">
              {x.saveEnquiry}
            </button>
          </form>
        ) : (
          <p>{e.answer ?? x.none}</p>
        )}
      </Section>
      <EnquiryAttachments enquiry={e} url={url} reload={reload} />
    </>
  );
}
