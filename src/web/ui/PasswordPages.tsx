// The signed-out password pages of either app: a set-password or reset
// link's page (its token in the URL), and the storefront's "Forgot your
// password?". Each side gives its words, its classes and its API calls.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../../shared/errors';
import { toApiError } from './api';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { useDocumentTitle } from './useDocumentTitle';

interface Frame {
  appTitle: string;
  classNames: { page: string; form: string };
  /** where "Sign In" goes */
  signInHref: string;
}

function Card({
  classNames,
  title,
  children,
  onSubmit,
}: Frame & { title: string; children: ReactNode; onSubmit?: (e: FormEvent) => void }) {
  return (
    <main className={classNames.page} id="main">
      <form className={classNames.form} onSubmit={onSubmit} noValidate aria-labelledby="password-title">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">P</span> Parley
        </p>
        <h1 id="password-title">{title}</h1>
        {children}
      </form>
    </main>
  );
}

/** Choose a password with a link's token; the link works once. */
export function SetPasswordPage(props: Frame & { heading: string; setPassword(token: string, password: string): Promise<void> }) {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useDocumentTitle(props.heading, props.appTitle);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    setFields({});
    try {
      await props.setPassword(token, password);
      setDone(true);
    } catch (error) {
      const err = toApiError(error);
      setFields(err.fields);
      setRefusal(
        err.code === 'PASSWORD_TOKEN_INVALID'
          ? 'This link does not work any more: it was used already, or it expired. Ask for a new one.'
          : Object.keys(err.fields).length === 0 || err.fields.token
            ? err.message
            : null,
      );
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Card {...props} title="Your password is set">
        <p role="status">You can sign in with it now. Anyone signed in with your old password has been signed out.</p>
        <a className="btn btn-primary btn-block" href={props.signInHref}>
          Sign In
        </a>
      </Card>
    );
  }
  return (
    <Card {...props} title={props.heading} onSubmit={(e) => void submit(e)}>
      <p className="muted">Choose a password of at least 10 characters.</p>
      <ErrorAlert>{refusal}</ErrorAlert>
      <Field id="new-password" label="New Password" required error={fields.password}>
        {(control) => (
          <input {...control} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token}>
        {busy ? 'Saving…' : 'Set Password'}
      </button>
      <p className="form-foot">
        <a href={props.signInHref}>Back to Sign In</a>
      </p>
    </Card>
  );
}

/** "Forgot your password?": asks for the email; says honestly that email is not set up yet. */
export function ForgotPasswordPage(props: Frame & { requestLink(email: string): Promise<{ delivered: boolean }> }) {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<{ delivered: boolean } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Forgot Your Password?', props.appTitle);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    setFields({});
    try {
      setAnswer(await props.requestLink(email));
    } catch (error) {
      const err = toApiError(error);
      setFields(err.fields);
      setRefusal(Object.keys(err.fields).length === 0 ? err.message : null);
    } finally {
      setBusy(false);
    }
  };

  if (answer) {
    return (
      <Card {...props} title="Check with your store">
        <div role="status">
          {answer.delivered ? (
            <p>If {email} has an account, a link to reset its password is on its way. It works once, for 2 hours.</p>
          ) : (
            <>
              <p>If {email} has an account, Parley has made a link to reset its password, valid once for 2 hours.</p>
              <p>
                <strong>Email is not set up on this Parley yet, so the link was not sent to you.</strong> It waits in Parley’s outbox: ask
                the store’s administrator to pass it on.
              </p>
            </>
          )}
        </div>
        <a className="btn btn-block" href={props.signInHref}>
          Back to Sign In
        </a>
      </Card>
    );
  }
  return (
    <Card {...props} title="Forgot Your Password?" onSubmit={(e) => void submit(e)}>
      <p className="muted">Enter the email you sign in with, and we will make a link to choose a new password.</p>
      <ErrorAlert>{refusal}</ErrorAlert>
      <Field id="forgot-email" label="Email" required error={fields.email}>
        {(control) => (
          <input {...control} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        )}
      </Field>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? 'Sending…' : 'Send Reset Link'}
      </button>
      <p className="form-foot">
        <a href={props.signInHref}>Back to Sign In</a>
      </p>
    </Card>
  );
}
