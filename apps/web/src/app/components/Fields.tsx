import type { ChangeEvent, InputHTMLAttributes, ReactNode, Ref } from 'react';

/** Joins ids for aria-describedby; undefined when there are none. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** An extra element the control is described by (e.g. the form's error alert). */
  extraDescribedBy?: string | undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const aria = ({ id, hint, error, extraDescribedBy }: FieldProps) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': describedBy(hint ? `${id}-hint` : null, error ? `${id}-error` : null, extraDescribedBy),
});

type InputRest = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

export function TextField(
  props: FieldProps &
    InputRest & { value: string; onChange: (value: string) => void; ref?: Ref<HTMLInputElement> },
) {
  const { id, label, hint, error, extraDescribedBy, value, onChange, ref, ...rest } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        ref={ref}
        id={id}
        type="text"
        {...rest}
        {...aria({ id, label, hint, error, extraDescribedBy })}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & {
    value: V;
    onChange: (value: V) => void;
    options: ReadonlyArray<{ value: V; label: string }>;
  },
) {
  const { id, label, hint, error, extraDescribedBy, value, onChange, options } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        {...aria({ id, label, hint, error, extraDescribedBy })}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Field errors by name; the first invalid field gets focus after a failed submit. */
export type FieldErrors = Partial<Record<string, string>>;

export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
