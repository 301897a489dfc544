// A labelled form field with its hint and its error underneath, wired for
// screen readers: the control gets the props that tie it to its label's
// field, its error (`${id}-error`) and whether it is required.
import type { ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

interface Props {
  id: string;
  label: string;
  /** marks the label with an asterisk, and the control as required */
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  children(control: FieldControlProps): ReactNode;
}

export function Field({ id, label, required, hint, error, children }: Props) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
        'aria-required': required ? true : undefined,
      })}
      {hint && <p className="field-hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
