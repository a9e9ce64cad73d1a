import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiFailure } from '../api';
import { useI18n, type Dict, type Lang } from '../i18n';

const ENGLISH: Record<string, string> = {
  invalid_credentials: 'E-mail address or password is incorrect.',
  rate_limited: 'Too many attempts. Please wait a few minutes and try again.',
  csrf: 'The security token (CSRF) is missing or invalid. Please reload the page.',
  unauthorized: 'Please sign in.',
  forbidden: 'You do not have permission for this action.',
  not_found: 'The requested resource was not found.',
  wrong_password: 'The current password is incorrect.',
  invalid_token: 'The link is invalid or has expired.',
  validation: 'Some entries are invalid. Please check the form.',
};

/** The message to show for a failed call: the server's German text, or an English one for known codes. */
export function errorMessage(error: ApiFailure, lang: Lang, t: Dict): string {
  if (error.code === 'network') return t.errNetwork;
  if (lang === 'en') return ENGLISH[error.code] ?? error.message;
  return error.message || t.errUnknown;
}

/**
 * An error announced to screen readers; `id` lets form fields point at it with aria-describedby. With
 * `focusOnShow` it takes the keyboard focus whenever a new error appears (e.g. after a failed sign-in the
 * focus would otherwise fall back to the page, because the disabled submit button loses it).
 */
export function ErrorAlert({
  error,
  id,
  focusOnShow = false,
}: {
  error: ApiFailure | string | null | undefined;
  id?: string;
  focusOnShow?: boolean;
}) {
  const { lang, t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow && error) ref.current?.focus();
  }, [error, focusOnShow]);
  if (!error) return null;
  return (
    <div ref={ref} role="alert" id={id} className="alert alert-error" tabIndex={focusOnShow ? -1 : undefined}>
      {typeof error === 'string' ? error : errorMessage(error, lang, t)}
    </div>
  );
}

/**
 * A live region for success messages. It stays in the page (empty) so that screen readers announce
 * new text reliably.
 */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className={children ? 'alert alert-success' : undefined}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {t.loading}
    </p>
  );
}

/** Shown instead of a page's content when the role does not allow it. */
export function NoPermission({ text }: { text: string }) {
  return <p className="alert alert-warning">{text}</p>;
}

/**
 * An error summary: links to the invalid fields (by element id); gets focus when it appears or changes.
 * The heading id is `<id>-title` (`error-summary-title` without an id).
 */
export function FieldErrorSummary({
  errors,
  title,
  id,
  intro,
  heading: Heading = 'h2',
}: {
  errors: ReadonlyArray<{ field: string; message: string }>;
  title: string;
  id?: string | undefined;
  intro?: string | null | undefined;
  heading?: 'h2' | 'h3';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  const headingId = `${id ?? 'error-summary'}-title`;
  return (
    <div
      ref={ref}
      id={id}
      className="alert alert-error error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <Heading id={headingId} className="error-summary-title">
        {title}
      </Heading>
      {intro ? <p>{intro}</p> : null}
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`}>
            <a
              href={`#${e.field}`}
              onClick={(ev) => {
                const el = document.getElementById(e.field);
                if (!el) return;
                ev.preventDefault();
                el.focus();
                el.scrollIntoView({ block: 'center' });
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
