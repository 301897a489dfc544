import './inbox.css';
import { useMemo, useRef, useState } from 'react';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { conversationListChanges, useLiveRefresh } from '../shell/live';
import { usePageTitle } from '../shell/usePageTitle';
import { InboxList } from './InboxList';
import { InboxThread, type ThreadActions } from './InboxThread';
import { gridUrlOf, INBOX_FILTERS, INBOX_VIEWS, inboxUrl, readInboxState, viewQuery, type InboxState } from './inboxViews';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useInboxKeys } from './useInboxKeys';

/**
 * Activities > Inbox: the conversations of a view on the left, the open one on
 * the right, worked through with the keyboard. On a narrow screen the list and
 * the conversation are two views, with Back between them.
 */
export function InboxPage() {
  const { user } = useSession();
  const { search } = useLocation();
  const state = useMemo(() => readInboxState(new URLSearchParams(search)), [search]);
  const go = (next: Partial<InboxState>, replace = false) => navigate(inboxUrl({ ...state, ...next }), { replace });
  const filtersKey = JSON.stringify(state.filters);
  const list = useLoad(() => backoffice.conversations(viewQuery(state, user.id)), [state.view, filtersKey, user.id]);
  useLiveRefresh(list.reload, conversationListChanges, 400);
  const rows = list.data?.items ?? [];
  const [help, setHelp] = useState(false);
  const thread = useRef<ThreadActions | null>(null);
  const label = INBOX_VIEWS.find((v) => v.view === state.view)!.label;
  usePageTitle(`Inbox: ${label}`);

  const open = (id: number, replace = false) => go({ selected: id }, replace);
  const step = (delta: 1 | -1) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.id === state.selected);
    const next = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
    open(rows[next]!.id, true);
  };
  useInboxKeys({
    next: () => step(1),
    previous: () => step(-1),
    reply: () => document.getElementById('message-body')?.focus(),
    close: () => void thread.current?.change('close'),
    help: () => setHelp(true),
  });
  const selectedRow = rows.find((r) => r.id === state.selected);

  return (
    <div className={`page inbox-page${state.selected ? ' inbox-has-thread' : ''}`}>
      <div className="page-head inbox-head">
        <div>
          <p className="breadcrumb">Activities</p>
          <h1>Inbox</h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </button>
          <Link to={gridUrlOf(state, user.id)} className="btn btn-small">
            Open grid
          </Link>
        </div>
      </div>
      <div className="inbox">
        <section className="inbox-list" aria-label="Conversation list">
          <nav className="views inbox-views" aria-label="Views">
            {INBOX_VIEWS.map((v) => (
              <Link
                key={v.view}
                to={inboxUrl({ view: v.view, selected: null, filters: state.filters })}
                className="view-tab"
                aria-current={v.view === state.view ? 'page' : undefined}
              >
                {v.label}
              </Link>
            ))}
          </nav>
          <form className="inbox-filters" role="search" aria-label="Filter conversations" onSubmit={(e) => e.preventDefault()}>
            {INBOX_FILTERS.map((f) => (
              <input
                key={f.key}
                type="search"
                aria-label={f.label}
                placeholder={f.label}
                defaultValue={state.filters[f.key] ?? ''}
                onChange={(e) => go({ filters: { ...state.filters, [f.key]: e.target.value }, selected: null }, true)}
              />
            ))}
          </form>
          <p className="inbox-total" aria-live="polite">
            {list.data ? `${label}: ${list.data.total} ${list.data.total === 1 ? 'conversation' : 'conversations'}` : 'Loading…'}
          </p>
          {list.error ? (
            <p className="alert alert-error" role="alert">
              Could not load the conversations: {list.error.message}
            </p>
          ) : null}
          <InboxList rows={rows} selected={state.selected} onOpen={(id) => open(id)} />
          {list.data && rows.length === 0 ? <p className="empty">Nothing here. Well done.</p> : null}
        </section>
        <section className="inbox-thread" aria-label="Conversation">
          {state.selected ? (
            <InboxThread
              key={state.selected}
              id={state.selected}
              waitingSince={selectedRow?.awaitingStaffSince ?? null}
              onBack={() => go({ selected: null })}
              onChanged={list.reload}
              register={(actions) => (thread.current = actions)}
            />
          ) : (
            <p className="empty inbox-none">
              Choose a conversation, or press <kbd>j</kbd> to open the first one.
            </p>
          )}
        </section>
      </div>
      {help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
