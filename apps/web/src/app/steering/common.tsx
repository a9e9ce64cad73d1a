/** Shared parts of the steering pages: bases, permissions, status badges, a text area, submit state. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { hasPermission, type SteeringProgressStatus } from '@dkbm/contract';
import { seg, toFailure, type ApiFailure } from '../api';
import { useTenant } from '../tenant';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { useSteeringTexts } from './texts';
import './steering.css';

export function useBases(): { api: string; app: string; tenantApi: string } {
  const tenant = useTenant();
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  return { api: `${tenantApi}/steering`, app: `/t/${tenant.slug}/ziele`, tenantApi };
}

export const useCanEdit = () => hasPermission(useTenant().role, 'data.write');
export const useCanContribute = () => hasPermission(useTenant().role, 'data.contribute');

const SYMBOL: Record<SteeringProgressStatus, string> = {
  target_achieved: '✓',
  on_track: '▲',
  moderate_progress: '◆',
  limited_progress: '▼',
  deterioration: '✕',
  insufficient_data: '?',
};

/** The computed progress status with a symbol (colour is never the only sign). */
export function ProgressBadge({ status }: { status: SteeringProgressStatus }) {
  const x = useSteeringTexts();
  return (
    <span className={`st-progress st-progress-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {x.progressStatus[status]}
    </span>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  required,
  rows = 3,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A group of checkboxes (several units, several goals) with a legend. */
export function CheckboxGroup({
  id,
  legend,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: readonly string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map((o, i) => (
        <div key={o.value} className="checkbox">
          <input
            type="checkbox"
            id={`${id}-${i}`}
            checked={value.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />{' '}
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Busy/error/success state of a form that sends one request and then reloads the page's data. */
export function useSubmit(send: () => Promise<unknown>, done: () => void) {
  const x = useSteeringTexts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [message, setMessage] = useState('');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      await send();
      setMessage(x.saved);
      done();
    } catch (err) {
      setError(toFailure(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, message, onSubmit };
}

/** A collapsible form („Neues Ziel“ …) with its error and success messages. */
export function FormBox({
  summary,
  state,
  submitLabel,
  children,
}: {
  summary: string;
  state: ReturnType<typeof useSubmit>;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <details className="st-form">
      <summary>{summary}</summary>
      <form className="form" onSubmit={state.onSubmit} noValidate>
        <ErrorAlert error={state.error} />
        {children}
        <button type="submit" className="button" disabled={state.busy}>
          {submitLabel}
        </button>
      </form>
      <StatusMessage>{state.message}</StatusMessage>
    </details>
  );
}
