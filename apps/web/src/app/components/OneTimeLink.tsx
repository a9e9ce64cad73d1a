import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime, useI18n } from '../i18n';

/** A link shown once (invitation, password reset): read-only field, copy button and a note. */
export function OneTimeLink({
  label,
  link,
  expiresAt,
  note,
}: {
  label: string;
  link: string;
  expiresAt?: string | undefined;
  note?: string;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'done' | 'failed'>('idle');

  useEffect(() => {
    setCopyState('idle');
    input.current?.focus();
    input.current?.select();
  }, [link]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopyState('done');
    } catch {
      input.current?.select();
      setCopyState('failed');
    }
  }

  return (
    <div className="one-time-link">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={link}
          aria-describedby={`${id}-note`}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t.copyLink}
        </button>
      </div>
      <p className="hint" id={`${id}-note`}>
        {note ?? t.oneTimeNote} {expiresAt ? t.validUntil(formatDateTime(expiresAt, lang)) : null}
      </p>
      <p role="status" className="hint">
        {copyState === 'done' ? t.copied : copyState === 'failed' ? t.copyFailed : ''}
      </p>
    </div>
  );
}
