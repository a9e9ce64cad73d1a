/** Answer templates of the enquiry log: list, create, edit, delete. */
import { useState, type FormEvent } from 'react';
import type { AnswerTemplate } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { TextField } from '../components/Fields';
import { DataTable } from '../components/Table';
import { LoadState, NetworkFrame, useBases, useCanEdit } from './common';
import { useEnquiryTexts } from './enquiryTexts';

export function AnswerTemplatesPage() {
  const y = useEnquiryTexts();
  const canEdit = useCanEdit();
  const { api: base } = useBases();
  const url = `${base}/answer-templates`;
  const list = useLoad(url, () => api.get<AnswerTemplate[]>(url));
  const [editing, setEditing] = useState<AnswerTemplate | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function remove(t: AnswerTemplate) {
    setMessage('');
    setFailure(null);
    try {
      await api.del(`${url}/${seg(t.id)}`);
      setMessage(y.templateRemoved(t.title));
      if (editing?.id === t.id) setEditing(null);
      list.reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <NetworkFrame title={y.templatesNav}>
      <p className="lead">{y.templatesLead}</p>
      <StatusMessage>{message || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <LoadState loaded={list} />
      {list.data ? (
        list.data.length ? (
          <DataTable
            caption={y.templatesCaption(list.data.length)}
            head={
              <tr>
                <th scope="col">{y.colTemplateTitle}</th>
                <th scope="col">{y.colTemplateText}</th>
                {canEdit ? <th scope="col">{y.colActions}</th> : null}
              </tr>
            }
          >
            {list.data.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.title}</th>
                <td className="nw-template-text">{t.text}</td>
                {canEdit ? (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={y.edit(t.title)}
                      onClick={() => setEditing(t)}
                    >
                      {y.editShort}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={y.remove(t.title)}
                      onClick={() => void remove(t)}
                    >
                      {y.removeShort}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>{y.noTemplates}</p>
        )
      ) : null}
      {canEdit ? (
        <TemplateForm
          key={editing?.id ?? 'new'}
          template={editing}
          url={url}
          onDone={(msg) => {
            setMessage(msg);
            setFailure(null);
            setEditing(null);
            list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </NetworkFrame>
  );
}

function TemplateForm(props: {
  template: AnswerTemplate | null;
  url: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const y = useEnquiryTexts();
  const t = props.template;
  const [title, setTitle] = useState(t?.title ?? '');
  const [text, setText] = useState(t?.text ?? '');
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setFailure(null);
    if (!title.trim() || !text.trim()) {
      setError(y.errTemplateRequired);
      return;
    }
    setError('');
    try {
      const body = { title: title.trim(), text: text.trim() };
      if (t) {
        await api.put(`${props.url}/${seg(t.id)}`, body);
        props.onDone(y.templateSaved(body.title));
      } else {
        await api.post(props.url, body);
        setTitle('');
        setText('');
        props.onDone(y.templateCreated(body.title));
      }
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="tpl-form-h" title={t ? y.editTemplateHeading(t.title) : y.newTemplateHeading}>
      <ErrorAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="tpl-title"
          label={y.fTemplateTitle}
          value={title}
          onChange={setTitle}
          error={error || undefined}
        />
        <div className="field">
          <label htmlFor="tpl-text">{y.fTemplateText}</label>
          <textarea id="tpl-text" rows={6} value={text} onChange={(ev) => setText(ev.target.value)} />
        </div>
        <button type="submit" className="button">
          {t ? y.saveTemplate : y.createTemplate}
        </button>
        {t ? (
          <>
            {' '}
            <button type="button" className="button button-secondary" onClick={props.onCancel}>
              {y.cancel}
            </button>
          </>
        ) : null}
      </form>
    </Section>
  );
}
