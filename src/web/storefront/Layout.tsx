// The signed-in frame: header with the account menu, the "Profiles &
// Addresses" menu, and the page.
import type { ReactNode } from 'react';
import { initialsOf } from '../ui/initials';
import { useLiveState } from '../ui/live';
import { Link } from './Link';
import { useLiveClient } from './live';
import { Menu } from './Menu';
import { navigate, useLocation } from './router';
import { useSession } from './session';
import { badgeText, useUnread } from './useUnread';

const SECTIONS = [
  { href: '/conversations', label: 'Conversations' },
  { href: '/orders', label: 'Orders' },
  { href: '/rfqs', label: 'Requests for Quote' },
  { href: '/quotes', label: 'Quotes' },
  { href: '/email-preferences', label: 'Email preferences' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { total } = useUnread();
  const { pathname } = useLocation();
  const liveState = useLiveState(useLiveClient());
  if (!user) return null;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <Link href="/conversations" className="brand" aria-label="Parley home">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span aria-hidden="true">Parley</span>
        </Link>
        <span className="header-company">{user.customer?.name}</span>
        <span role="status" className={liveState === 'reconnecting' ? 'live-status' : 'visually-hidden'}>
          {liveState === 'reconnecting' ? 'Reconnecting…' : ''}
        </span>
        <Menu
          label={
            <>
              <span className="avatar avatar-small" aria-hidden="true">
                {initialsOf(user.name)}
              </span>
              <span className="account-name">{user.name}</span>
            </>
          }
          buttonClassName="btn btn-ghost account-button"
          align="end"
          items={[
            { key: 'conversations', label: 'Conversations', onSelect: () => navigate('/conversations') },
            { key: 'account', label: 'My Account', onSelect: () => navigate('/account') },
            { key: 'sign-out', label: 'Sign Out', onSelect: () => void signOut().then(() => navigate('/sign-in')) },
          ]}
        />
      </header>
      <div className="shell">
        <nav className="sidebar" aria-labelledby="profiles-menu">
          <h2 id="profiles-menu" className="sidebar-title">
            Profiles &amp; Addresses
          </h2>
          <ul>
            {SECTIONS.map((s) => {
              const current = pathname === s.href || pathname.startsWith(`${s.href}/`);
              return (
                <li key={s.href}>
                  <Link href={s.href} className="sidebar-link" aria-current={current ? 'page' : undefined}>
                    <span>{s.label}</span>
                    {s.href === '/conversations' && total > 0 && (
                      <span className="badge" data-testid="unread-total">
                        {badgeText(total)}
                        <span className="visually-hidden"> unread</span>
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="content" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
