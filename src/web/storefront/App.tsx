// Routes. Signed out, every page shows sign-in and comes back after it.
import { EmailPreferencesPage } from './EmailPreferencesPage';
import { useEffect } from 'react';
import { recordTypeAt } from '../ui/recordPaths';
import { ForgotPasswordPage, SetPasswordPage } from '../ui/PasswordPages';
import { AccountPage } from './AccountPage';
import { AskPage } from './AskPage';
import { ConversationsPage } from './conversations/ConversationsPage';
import { Layout } from './Layout';
import { PageNotFound } from './States';
import { LiveProvider, useLiveConnection } from './live';
import { RecordListPage } from './records/RecordListPage';
import { RecordPage } from './records/RecordPage';
import { matchPath, navigate, useLocation } from './router';
import { storefront } from './api';
import { useSession } from './session';
import { StorefrontSignIn } from './SignIn';
import { APP_TITLE } from './usePageTitle';
import { UnreadProvider } from './useUnread';

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
  if (pathname === '/ask') return <AskPage />;
  if (pathname === '/account') return <AccountPage />;
  if (pathname === '/email-preferences') return <EmailPreferencesPage />;
  const list = matchPath('/:kind', pathname);
  const listType = list && recordTypeAt(list.kind!);
  if (listType) return <RecordListPage key={listType} type={listType} />;
  const one = matchPath('/:kind/:id', pathname);
  const oneType = one && recordTypeAt(one.kind!);
  if (oneType && /^\d+$/.test(one.id!)) return <RecordPage key={pathname} type={oneType} id={Number(one.id)} />;
  return <PageNotFound />;
}

export function App() {
  const { user, ended, signIn } = useSession();
  const { pathname, query } = useLocation();

  if (user === undefined) {
    return (
      <div className="boot" role="status">
        Loading…
      </div>
    );
  }
  const frame = { appTitle: APP_TITLE, classNames: { page: 'sign-in', form: 'card sign-in-card' }, signInHref: '/sign-in' };
  // a reset link's page, signed in or not
  if (pathname === '/reset-password') {
    return (
      <SetPasswordPage
        {...frame}
        heading="Choose a New Password"
        setPassword={(token, password) => storefront.resetPassword(token, password)}
      />
    );
  }
  if (user === null) {
    if (pathname === '/forgot-password') return <ForgotPasswordPage {...frame} requestLink={(email) => storefront.forgotPassword(email)} />;
    if (pathname !== '/sign-in') {
      const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + (query.size ? `?${query}` : ''))}`;
      return <Redirect to={`/sign-in${next}`} />;
    }
    return <StorefrontSignIn signIn={signIn} ended={ended} />;
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
