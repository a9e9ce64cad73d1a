import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

/**
 * A button whose action needs a second, explicit step: the question and a confirm button appear in
 * place (no modal dialog), and focus moves to the confirm button.
 */
export function ConfirmAction({
  label,
  srSuffix,
  question,
  confirmLabel,
  onConfirm,
  busy,
}: {
  label: string;
  /** Visually hidden addition to the name, e.g. the person's name. */
  srSuffix?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={openRef} type="button" className="button button-secondary" onClick={() => setAsking(true)}>
        {label}
        {srSuffix ? <span className="sr-only"> {srSuffix}</span> : null}
      </button>
    );
  }
  return (
    <div className="confirm">
      <p>{question}</p>
      <button
        ref={confirmRef}
        type="button"
        className="button button-danger"
        disabled={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
        {t.cancel}
      </button>
    </div>
  );
}
