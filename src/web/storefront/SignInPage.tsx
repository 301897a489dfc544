import { useState, type FormEvent } from 'react';
import { ApiError } from '../ui/api';
import { Field } from '../ui/Field';
import { errorText, useSession } from './session';
import { usePageTitle } from './usePageTitle';

export function SignInPage() {
  const { signIn } = useSession();
  usePageTitle('Sign In');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await signIn(email, password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') setFields(err.fields);
      setError(
        err instanceof ApiError && err.code === 'INVALID_CREDENTIALS'
          ? 'The email or password is wrong. Please check them and try again.'
          : errorText(err),
      );
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">P</span> Parley
        </p>
        <h1 id="sign-in-title">Sign In</h1>
        <p className="muted">Sign in to your company account to see your conversations, orders and quotes.</p>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <Field id="sign-in-email" label="Email" error={fields.email}>
          {(a11y) => (
            <input {...a11y} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field id="sign-in-password" label="Password" error={fields.password}>
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing In…' : 'Sign In'}
        </button>
      </form>
    </main>
  );
}
