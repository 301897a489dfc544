import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from '../router';
import { MENTIONS_URL, MY_CONVERSATIONS_URL } from '../paths';
import { useSession } from '../session';
import { HeaderSearch } from './HeaderSearch';
import { LiveStatus } from './LiveStatus';
import { MentionToasts } from './MentionToasts';
import { TeamWaiting } from './TeamWaiting';
import { Notices } from './Notices';
import { UnreadMenu } from './UnreadMenu';
import { UserMenu } from './UserMenu';

const sections: { title: string; links: { to: string; label: string; administrators?: true }[] }[] = [
  {
    title: 'Activities',
    links: [
      { to: '/admin/conversations', label: 'Conversations' },
      { to: '/admin/inbox', label: 'Inbox' },
    ],
  },
  {
    title: 'Customers',
    links: [
      { to: '/admin/customers', label: 'Customers' },
      { to: '/admin/customer-users', label: 'Customer Users' },
    ],
  },
  {
    title: 'Sales',
    links: [
      { to: '/admin/orders', label: 'Orders' },
      { to: '/admin/rfqs', label: 'Requests for Quote' },
      { to: '/admin/quotes', label: 'Quotes' },
    ],
  },
  {
    title: 'Settings',
    links: [
      { to: '/admin/settings/integrations', label: 'Integrations', administrators: true },
      { to: '/admin/settings/webhooks', label: 'Webhooks', administrators: true },
      { to: '/admin/settings/users', label: 'Users', administrators: true },
      { to: '/admin/settings/routing', label: 'Routing' },
      { to: '/admin/settings/saved-replies', label: 'Saved replies' },
      { to: '/admin/settings/email/outbox', label: 'Email: Outbox', administrators: true },
      { to: '/admin/settings/email/preferences', label: 'Email preferences' },
    ],
  },
];

/** A grid URL's query without its sort and page: the view it shows (the shell reads URLs, not the grid's state). */
const PAGING = new Set(['sort', 'order', 'page', 'pageSize']);
const viewOf = (params: URLSearchParams) =>
  [...params]
    .filter(([key]) => !PAGING.has(key))
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');

/** The signed-in frame: top bar (indicator, user menu), the main menu, the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { pathname, params } = useLocation();
  // one highlighted link: on a shortcut's view (whatever its sort and page) the shortcut is current, not Conversations
  const shortcut =
    pathname === '/admin/conversations'
      ? ([MY_CONVERSATIONS_URL, MENTIONS_URL].find((url) => viewOf(new URL(url, 'http://x').searchParams) === viewOf(params)) ?? null)
      : null;
  const { isAdministrator } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link to="/admin/conversations" className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Parley <span className="brand-sub">back-office</span>
        </Link>
        <HeaderSearch />
        <div className="topbar-end">
          <LiveStatus />
          <TeamWaiting />
          <UnreadMenu />
          <UserMenu />
        </div>
      </header>
      <nav id="main-menu" className={`sidebar${menuOpen ? ' sidebar-open' : ''}`} aria-label="Main">
        {sections
          .map((section) => ({ ...section, links: section.links.filter((l) => isAdministrator || !l.administrators) }))
          .filter((section) => section.links.length > 0)
          .map((section) => (
            <div className="nav-section" key={section.title}>
              <p className="nav-title">{section.title}</p>
              <ul>
                {section.links.map((link) => {
                  const current = !shortcut && (pathname === link.to || pathname.startsWith(`${link.to}/`));
                  return (
                    <li key={link.to}>
                      <Link to={link.to} className="nav-link" aria-current={current ? 'page' : undefined}>
                        {link.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        <div className="nav-section">
          <p className="nav-title">Shortcuts</p>
          <ul>
            <li>
              <Link to={MY_CONVERSATIONS_URL} className="nav-link" aria-current={shortcut === MY_CONVERSATIONS_URL ? 'page' : undefined}>
                My Conversations
              </Link>
            </li>
            <li>
              <Link to={MENTIONS_URL} className="nav-link" aria-current={shortcut === MENTIONS_URL ? 'page' : undefined}>
                Mentions
              </Link>
            </li>
          </ul>
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
      <MentionToasts />
      <Notices />
    </div>
  );
}
