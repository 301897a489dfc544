import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RecordType, SessionResponse, SignedInUser } from '../../shared/api';
import { recordTypeAt } from '../ui/recordPaths';
import { SignInPage } from '../ui/SignInPage';
import { backoffice, setCsrfToken, whenSessionEnds } from './api';
import { ConversationPage } from './conversations/ConversationPage';
import { ConversationsGrid } from './conversations/ConversationsGrid';
import { CreateConversationPage } from './conversations/CreateConversationPage';
import { InboxPage } from './inbox/InboxPage';
import { CustomersList, CustomerView } from './directory/CustomersPages';
import { CustomerUsersList, CustomerUserView } from './directory/CustomerUsersPages';
import { RecordsList, RecordView } from './directory/RecordsPages';
import { SearchPage } from './search/SearchPage';
import { Link, matchRoute, navigate, useLocation } from './router';
import { AccountPage } from './settings/AccountPage';
import { IntegrationsPage } from './settings/IntegrationsPage';
import { UsersPage } from './settings/UsersPage';
import { SetPasswordPage } from '../ui/PasswordPages';
import { RoutingPage } from './settings/RoutingPage';
import { SavedRepliesPage } from './replies/SavedRepliesPage';
import { webhookRoute } from './webhooks/routes';
import { emailRoute } from './email/routes';
import { SessionContext, type Session } from './session';
import { AppShell } from './shell/AppShell';
import { LiveContext, useLiveConnection } from './shell/live';
import { APP_TITLE } from './shell/usePageTitle';
import { UnreadContext, useUnreadIndicator } from './shell/useUnreadIndicator';
import { useDesktopAlerts } from './shell/useDesktopAlerts';
import { Skeleton } from '../ui/chat/Skeleton';

/** The back-office's sign-in page: its heading and classes; a blank field says so beside itself, with nothing above the form. */
const SIGN_IN = {
  appTitle: APP_TITLE,
  heading: 'Sign in to the back-office',
  classNames: { page: 'signin', form: 'signin-card' },
  busyLabel: 'Signing in…',
  autoFocus: true,
  refusals: { VALIDATION_FAILED: null },
};

function Page({ pathname }: { pathname: string }) {
  let m: Record<string, string> | null;
  if (pathname === '/admin/conversations') return <ConversationsGrid />;
  if (pathname === '/admin/conversations/new') return <CreateConversationPage />;
  if (pathname === '/admin/inbox') return <InboxPage />;
  if ((m = matchRoute('/admin/conversations/:id', pathname))) return <ConversationPage key={m.id} id={Number(m.id)} />;
  if (pathname === '/admin/search') return <SearchPage />;
  if (pathname === '/admin/settings/integrations') return <IntegrationsPage />;
  if (pathname === '/admin/settings/users') return <UsersPage />;
  if (pathname === '/admin/account') return <AccountPage />;
  if (pathname === '/admin/settings/routing') return <RoutingPage />;
  if (pathname === '/admin/settings/saved-replies') return <SavedRepliesPage />;
  if (pathname === '/admin/customers') return <CustomersList />;
  if ((m = matchRoute('/admin/customers/:id', pathname))) return <CustomerView key={m.id} id={Number(m.id)} />;
  if (pathname === '/admin/customer-users') return <CustomerUsersList />;
  if ((m = matchRoute('/admin/customer-users/:id', pathname))) return <CustomerUserView key={m.id} id={Number(m.id)} />;
  const settings = webhookRoute(pathname) ?? emailRoute(pathname);
  if (settings) return settings;
  let type: RecordType | undefined;
  if ((m = matchRoute('/admin/:kind', pathname)) && (type = recordTypeAt(m.kind!))) return <RecordsList type={type} />;
  if ((m = matchRoute('/admin/:kind/:id', pathname)) && (type = recordTypeAt(m.kind!)))
    return <RecordView key={pathname} type={type} id={Number(m.id)} />;
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/admin/conversations">Go to Conversations</Link>
      </p>
    </div>
  );
}

function SignedIn({ session }: { session: Session }) {
  const live = useLiveConnection(session.user.id);
  return (
    <LiveContext.Provider value={live}>
      <SignedInPages session={session} />
    </LiveContext.Provider>
  );
}

function SignedInPages({ session }: { session: Session }) {
  const unread = useUnreadIndicator(session.isAdministrator);
  useDesktopAlerts(session.user.id);
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname === '/admin') navigate('/admin/conversations', { replace: true });
  }, [pathname]);
  if (pathname === '/admin') return null;
  return (
    <SessionContext.Provider value={session}>
      <UnreadContext.Provider value={unread}>
        <AppShell>
          <Page pathname={pathname} />
        </AppShell>
      </UnreadContext.Provider>
    </SessionContext.Provider>
  );
}

/** Checks the session, then shows the sign-in page or the signed-in app. */
export function App() {
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined);

  const accept = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  useEffect(() => {
    whenSessionEnds(() => {
      setCsrfToken(null);
      setUser(null);
    });
    backoffice.sessionCheck().then(
      (s) => (s.user && s.csrfToken ? accept({ user: s.user, csrfToken: s.csrfToken }) : setUser(null)),
      (e: unknown) => {
        setUser(null);
        console.warn('session check failed', e);
      },
    );
  }, [accept]);

  const session = useMemo<Session | null>(
    () =>
      user
        ? {
            user,
            isAdministrator: user.role === 'administrator',
            signOut: async () => {
              await backoffice.signOut().catch(() => undefined);
              setCsrfToken(null);
              setUser(null);
              navigate('/admin', { replace: true });
            },
          }
        : null,
    [user],
  );

  if (user === undefined) return <Skeleton what="Parley" />;
  // a set-password or reset link: signed in or not, the link's page
  if (window.location.pathname === '/admin/set-password') {
    return (
      <SetPasswordPage
        appTitle={APP_TITLE}
        heading="Choose Your Password"
        classNames={SIGN_IN.classNames}
        signInHref="/admin"
        setPassword={(token, password) => backoffice.resetPassword(token, password)}
      />
    );
  }
  if (!session) return <SignInPage {...SIGN_IN} signIn={async (email, password) => accept(await backoffice.signIn(email, password))} />;
  return <SignedIn session={session} />;
}
