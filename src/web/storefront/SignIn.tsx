// The storefront's sign-in page: the password form (unless the storefront
// signs in only through the store), "Forgot your password?", and why a
// sign-in from the store failed when it sent the customer back here.
import type { ApiErrorCode } from '../ui/api';
import { SignInPage } from '../ui/SignInPage';
import { useLoad } from '../ui/useLoad';
import { storefront } from './api';
import { Link } from './Link';
import { APP_TITLE } from './usePageTitle';

const SIGN_IN = {
  appTitle: APP_TITLE,
  heading: 'Sign In',
  intro: 'Sign in to your company account to see your conversations, orders and quotes.',
  classNames: { page: 'sign-in', form: 'card sign-in-card' },
  busyLabel: 'Signing In…',
  refusals: { INVALID_CREDENTIALS: 'The email or password is wrong. Please check them and try again.' },
};

const HANDOFF_REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  HANDOFF_EXPIRED: 'The sign-in link from the store has expired. Go back to the store and open Parley again.',
  HANDOFF_REPLAYED: 'This sign-in link from the store was used already. Go back to the store and open Parley again.',
  HANDOFF_UNKNOWN_USER: 'The store signed you in, but your account has not reached Parley yet. Please contact the store.',
  HANDOFF_DISABLED: 'Signing in from the store is not set up here.',
};

/** `ended`: the session ended while the user was working, so the page says why they are here. */
export function StorefrontSignIn({ signIn, ended }: { signIn(email: string, password: string): Promise<void>; ended?: boolean }) {
  const options = useLoad(() => storefront.signInOptions(), []);
  const failed = new URLSearchParams(window.location.search).get('handoff') as ApiErrorCode | null;
  const storeUrl = options.data?.storeUrl;
  const backToStore = storeUrl ? (
    <a className="btn btn-block" href={storeUrl}>
      Go to the Store
    </a>
  ) : null;
  const passwordForm = options.data?.password ?? true;
  const notice = (
    <>
      {ended ? (
        <p className="alert alert-info" role="status">
          Your session has ended, so you were signed out. Sign in again to carry on: anything you were writing is kept.
        </p>
      ) : null}
      {failed ? (
        <p className="alert alert-error" role="alert">
          {HANDOFF_REFUSALS[failed] ??
            'The store could not sign you in: its sign-in link is not valid. Go back to the store and try again.'}
        </p>
      ) : null}
      {!passwordForm ? (
        <>
          <p>This storefront signs you in through your store: sign in on the store’s website, and it brings you here.</p>
          {backToStore ?? <p className="muted">Ask your store for the link.</p>}
        </>
      ) : null}
    </>
  );
  return (
    <SignInPage
      {...SIGN_IN}
      autoFocus
      signIn={signIn}
      notice={notice}
      passwordForm={passwordForm}
      footer={
        <p className="form-foot">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      }
    />
  );
}
