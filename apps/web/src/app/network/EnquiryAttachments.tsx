/** The answer's attachments: download links, upload (PDF, image, office document, 10 MB) and removal. */
import { useRef, useState, type FormEvent } from 'react';
import type { Enquiry, EnquiryAttachment } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { formatNumber, useI18n } from '../i18n';
import { Section } from '../components/Page';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { useCanEdit } from './common';
import { useEnquiryTexts } from './enquiryTexts';

const sizeLabel = (bytes: number, lang: 'de' | 'en') =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`
    : `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;

export function EnquiryAttachments({
  enquiry,
  url,
  reload,
}: {
  enquiry: Enquiry;
  url: string;
  reload: () => void;
}) {
  const y = useEnquiryTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [fileError, setFileError] = useState('');

  async function upload(ev: FormEvent) {
    ev.preventDefault();
    setMessage('');
    setFailure(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError(y.errNoFile);
      fileInput.current?.focus();
      return;
    }
    setFileError('');
    try {
      const added = await api.upload<EnquiryAttachment>(`${url}/attachments`, file);
      setMessage(y.attachmentAdded(added.name));
      if (fileInput.current) fileInput.current.value = '';
      reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  async function remove(a: EnquiryAttachment) {
    setMessage('');
    setFailure(null);
    try {
      await api.del(`${url}/attachments/${seg(a.id)}`);
      setMessage(y.attachmentRemoved(a.name));
      reload();
    } catch (err) {
      setFailure(toFailure(err));
    }
  }

  return (
    <Section id="eq-attachments-h" title={y.attachmentsHeading}>
      <StatusMessage>{message || null}</StatusMessage>
      <ErrorAlert error={failure} />
      {enquiry.attachments.length ? (
        <ul className="nw-attachments">
          {enquiry.attachments.map((a) => (
            <li key={a.id}>
              <a href={`${url}/attachments/${seg(a.id)}`} download={a.name} aria-label={y.download(a.name)}>
                {a.name}
              </a>{' '}
              ({sizeLabel(a.size, lang)})
              {canEdit ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={y.remove(a.name)}
                    onClick={() => void remove(a)}
                  >
                    {y.removeShort}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{y.noAttachments}</p>
      )}
      {canEdit ? (
        <form onSubmit={upload} noValidate>
          <div className="field">
            <label htmlFor="eq-file">{y.fFile}</label>
            <input
              id="eq-file"
              ref={fileInput}
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'eq-file-error' : undefined}
            />
            {fileError ? (
              <p id="eq-file-error" className="field-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {y.uploadAttachment}
          </button>
        </form>
      ) : null}
    </Section>
  );
}
