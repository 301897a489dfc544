// "My account" on either side: change my password (my other sessions end)
// and sign out everywhere (every session ends, this one too).
import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../../shared/errors';
import { toApiError } from './api';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';

interface Props {
  /** the card's class in the side's CSS */
  cardClass: string;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOutEverywhere(): Promise<void>;
}

export function AccountSecurity({ cardClass, changePassword, signOutEverywhere }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFields({});
    setRefusal(null);
    setChanged(false);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setChanged(true);
    } catch (error) {
      const err = toApiError(error);
      setFields(err.fields);
      setRefusal(Object.keys(err.fields).length === 0 ? err.message : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className={cardClass} aria-labelledby="password-title">
        <h2 id="password-title">Change Password</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ErrorAlert>{refusal}</ErrorAlert>
          {changed ? (
            <p className="alert alert-success" role="status">
              Your password is changed. Your other sessions were signed out.
            </p>
          ) : null}
          <Field id="current-password" label="Current Password" required error={fields.currentPassword}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
          <Field id="new-password" label="New Password" required hint="At least 10 characters." error={fields.newPassword}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change Password'}
          </button>
        </form>
      </section>
      <section className={cardClass} aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">Sign Out Everywhere</h2>
        <p className="muted">Ends every session of yours, on every device and browser, this one too.</p>
        <button type="button" className="btn" onClick={() => void signOutEverywhere()}>
          Sign Out Everywhere
        </button>
      </section>
    </>
  );
}
