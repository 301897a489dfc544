import { useState, type FormEvent } from 'react';
import { BLANK, type SessionResponse } from '../../../shared/api';
import { ApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { backoffice } from '../api';
import { usePageTitle } from './usePageTitle';

/** The back-office's own sign-in: Email, Password, Sign In. */
export function SignInPage({ onSignedIn }: { onSignedIn(session: SessionResponse): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Sign In');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = BLANK;
    if (!password) missing.password = BLANK;
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      onSignedIn(await backoffice.signIn(email, password));
    } catch (error) {
      const err = error as ApiError;
      setErrors({ ...err.fields, form: err.code === 'VALIDATION_FAILED' ? '' : err.message });
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form className="signin-card" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">P</span> Parley
        </p>
        <h1 id="signin-title">Sign in to the back-office</h1>
        <ErrorAlert>{errors.form}</ErrorAlert>
        <Field id="signin-email" label="Email" error={errors.email}>
          {(control) => <input {...control} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />}
        </Field>
        <Field id="signin-password" label="Password" error={errors.password}>
          {(control) => <input {...control} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign In'}
        </button>
      </form>
    </main>
  );
}
