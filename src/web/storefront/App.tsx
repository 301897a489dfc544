// Routes. Signed out, every page shows sign-in and comes back after it.
import { EmailPreferencesPage } from './EmailPreferencesPage';
import { useEffect } from 'react';
import { recordTypeAt } from '../ui/recordPaths';
import { SignInPage } from '../ui/SignInPage';
import { ConversationsPage } from './conversations/ConversationsPage';
import { Layout } from './Layout';
import { LiveProvider, useLiveConnection } from './live';
import { RecordListPage } from './records/RecordListPage';
import { RecordPage } from './records/RecordPage';
import { matchPath, navigate, useLocation } from './router';
import { useSession } from './session';
import { APP_TITLE } from './usePageTitle';
import { UnreadProvider } from './useUnread';

/** The storefront's sign-in page: its heading, the line under it, its classes. */
const SIGN_IN = {
  appTitle: APP_TITLE,
  heading: 'Sign In',
  intro: 'Sign in to your company account to see your conversations, orders and quotes.',
  classNames: { page: 'sign-in', form: 'card sign-in-card' },
  busyLabel: 'Signing In…',
  refusals: { INVALID_CREDENTIALS: 'The email or password is wrong. Please check them and try again.' },
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Only a path of this app: "//evil.example" or "https://…" would leave it. */
function safeNext(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/conversations';
}

function SignedInPage({ pathname }: { pathname: string }) {
  if (pathname === '/' || pathname === '/sign-in')
    return <Redirect to={safeNext(new URLSearchParams(window.location.search).get('next'))} />;
  if (pathname === '/conversations') return <ConversationsPage />;
  if (pathname === '/email-preferences') return <EmailPreferencesPage />;
  const list = matchPath('/:kind', pathname);
  const listType = list && recordTypeAt(list.kind!);
  if (listType) return <RecordListPage key={listType} type={listType} />;
  const one = matchPath('/:kind/:id', pathname);
  const oneType = one && recordTypeAt(one.kind!);
  if (oneType && /^\d+$/.test(one.id!)) return <RecordPage key={pathname} type={oneType} id={Number(one.id)} />;
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
    </div>
  );
}

export function App() {
  const { user, signIn } = useSession();
  const { pathname, query } = useLocation();

  if (user === undefined) {
    return (
      <div className="boot" role="status">
        Loading…
      </div>
    );
  }
  if (user === null) {
    if (pathname !== '/sign-in') {
      const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + (query.size ? `?${query}` : ''))}`;
      return <Redirect to={`/sign-in${next}`} />;
    }
    return <SignInPage {...SIGN_IN} signIn={signIn} />;
  }
  return <SignedInApp pathname={pathname} />;
}

/** Mounted while signed in, so the live connection ends with the session. */
function SignedInApp({ pathname }: { pathname: string }) {
  const live = useLiveConnection();
  return (
    <LiveProvider live={live}>
      <UnreadProvider>
        <Layout>
          <SignedInPage pathname={pathname} />
        </Layout>
      </UnreadProvider>
    </LiveProvider>
  );
}
