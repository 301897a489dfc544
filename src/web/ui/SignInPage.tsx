// The sign-in page of either app: Email, Password, Sign In. Each side gives
// its words and the class names its CSS styles. The server checks the form
// (blank fields come back as field errors, beside each field); the page
// shows what it answers, in the side's own words where it has them.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../../shared/errors';
import { toApiError, type ApiErrorCode } from './api';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { useDocumentTitle } from './useDocumentTitle';

interface Props {
  /** the app's name in the tab: "Sign In · Parley" */
  appTitle: string;
  heading: string;
  /** a line under the heading, if the side has one */
  intro?: string;
  /** the page's and the form's classes in the side's CSS */
  classNames: { page: string; form: string };
  /** the button's words while the server answers */
  busyLabel: string;
  autoFocus?: boolean;
  /** the side's words for a refusal instead of the server's message; null: nothing above the form */
  refusals?: Partial<Record<ApiErrorCode, string | null>>;
  /** resolves once signed in, when the app moves on from this page */
  signIn(email: string, password: string): Promise<void>;
  /** a message above the form (why a sign-in from the store failed) */
  notice?: ReactNode;
  /** under the button ("Forgot your password?") */
  footer?: ReactNode;
  /** false: no password form, only the notice (the storefront signs in through the store) */
  passwordForm?: boolean;
}

export function SignInPage(props: Props) {
  const { appTitle, heading, intro, classNames, busyLabel, autoFocus, refusals = {}, signIn, notice, footer, passwordForm = true } = props;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Sign In', appTitle);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    setFields({});
    try {
      await signIn(email, password);
    } catch (error) {
      const err = toApiError(error);
      setFields(err.fields);
      const words = refusals[err.code];
      setRefusal(words === undefined ? err.message : words);
      setBusy(false);
    }
  };

  return (
    <main className={classNames.page} id="main">
      <form className={classNames.form} onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">P</span> Parley
        </p>
        <h1 id="sign-in-title">{heading}</h1>
        {intro && <p className="muted">{intro}</p>}
        {notice}
        {passwordForm && (
          <>
            <ErrorAlert>{refusal}</ErrorAlert>
            <Field id="sign-in-email" label="Email" error={fields.email}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  autoFocus={autoFocus}
                />
              )}
            </Field>
            <Field id="sign-in-password" label="Password" error={fields.password}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? busyLabel : 'Sign In'}
            </button>
            {footer}
          </>
        )}
      </form>
    </main>
  );
}
