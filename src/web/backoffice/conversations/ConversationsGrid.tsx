import { useEffect, useState } from 'react';
import type { ConversationSummary, GridSort } from '../../../shared/api';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { MENTIONS_URL, MY_CONVERSATIONS_URL } from '../paths';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { ConfirmDialog } from '../shell/Dialog';
import { conversationListChanges, useLiveRefresh } from '../shell/live';
import { usePageTitle } from '../shell/usePageTitle';
import { useUnread } from '../shell/useUnreadIndicator';
import { EditConversationDialog } from './EditConversationDialog';
import { GridFilters } from './GridFilters';
import { formatTotal, GridPager } from './GridPager';
import { apiQuery, invertedRanges, isMentions, isMyConversations, isUnassigned, isWaiting, UNASSIGNED_URL, WAITING_URL } from './gridQuery';
import { BulkActions } from './BulkActions';
import { GridRow } from './GridRow';
import { useBackofficeUsers } from './useBackofficeUsers';
import { useDeleteConversations } from './useDeleteConversations';
import { useGridState } from './useGridState';

const COLUMNS: { label: string; sort: GridSort; className?: string }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Messages', sort: 'messagesCount', className: 'cell-num' },
  { label: 'Initiated from', sort: 'source' },
  { label: 'Owner', sort: 'owner' },
  { label: 'Customer', sort: 'customer' },
  { label: 'Customer User', sort: 'customerUser' },
  { label: 'Status', sort: 'status' },
  { label: 'Created At', sort: 'createdAt' },
  { label: 'Last Message', sort: 'lastMessageAt' },
];

/** Activities > Conversations. */
export function ConversationsGrid() {
  const { isAdministrator } = useSession();
  const { refresh: refreshUnread } = useUnread();
  const grid = useGridState();
  const { state } = grid;
  const page = useLoad(() => backoffice.conversations(apiQuery(state)), [state]);
  const users = useBackofficeUsers();
  const activeFilters = Object.keys(state.filters).length;
  const savedView =
    isMyConversations(state.filters) || isUnassigned(state.filters) || isMentions(state.filters) || isWaiting(state.filters);
  const [showFilters, setShowFilters] = useState(activeFilters > 0 && !savedView);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<ConversationSummary | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary[] | null>(null);
  const rows = page.data?.items ?? [];
  const deletion = useDeleteConversations(() => {
    setDeleting(null);
    setSelected(new Set());
    page.reload();
    refreshUnread();
  });

  const afterBulk = () => {
    setSelected(new Set());
    page.reload();
    refreshUnread();
  };

  // any change to a conversation or to what I have read may change the rows; a burst makes one reload
  useLiveRefresh(page.reload, conversationListChanges, 400);

  // selection belongs to the rows on screen: another page, filter or sort clears it
  const rowIds = rows.map((r) => r.id).join();
  useEffect(() => setSelected(new Set()), [rowIds]);

  const replaceRow = (updated: ConversationSummary) =>
    page.data && page.setData({ ...page.data, items: page.data.items.map((r) => (r.id === updated.id ? updated : r)) });
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const mine = isMyConversations(state.filters);
  const unassigned = isUnassigned(state.filters);
  const mentions = isMentions(state.filters);
  const waiting = isWaiting(state.filters);
  const title = mine ? 'My Conversations' : unassigned ? 'Unassigned' : mentions ? 'Mentions' : waiting ? 'Waiting on us' : 'Conversations';
  usePageTitle(title);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Activities</p>
          <h1>{title}</h1>
        </div>
        <div className="page-actions">
          <Link to="/admin/inbox" className="btn">
            Open inbox
          </Link>
          <Link to="/admin/conversations/new" className="btn btn-primary">
            Create Conversation
          </Link>
        </div>
      </div>

      <div className="toolbar">
        <nav className="views" aria-label="Views">
          <Link to="/admin/conversations" className="view-tab" aria-current={activeFilters === 0 ? 'page' : undefined}>
            All Conversations
          </Link>
          <Link to={MY_CONVERSATIONS_URL} className="view-tab" aria-current={mine ? 'page' : undefined}>
            My Conversations
          </Link>
          <Link to={UNASSIGNED_URL} className="view-tab" aria-current={unassigned ? 'page' : undefined}>
            Unassigned
          </Link>
          <Link to={MENTIONS_URL} className="view-tab" aria-current={mentions ? 'page' : undefined}>
            Mentions
          </Link>
          <Link to={WAITING_URL} className="view-tab" aria-current={waiting ? 'page' : undefined}>
            Waiting on us
          </Link>
        </nav>
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={showFilters}
          aria-controls="grid-filters"
          onClick={() => setShowFilters((s) => !s)}
        >
          Filters{activeFilters ? ` (${activeFilters})` : ''}
        </button>
        {isAdministrator && selected.size > 0 ? (
          <button type="button" className="btn btn-small btn-danger" onClick={() => setDeleting(rows.filter((r) => selected.has(r.id)))}>
            Delete selected ({selected.size})
          </button>
        ) : null}
        {isAdministrator ? <BulkActions rows={rows.filter((r) => selected.has(r.id))} users={users} onDone={afterBulk} /> : null}
        <p className="toolbar-total" aria-live="polite">
          {page.data
            ? `${formatTotal(page.data.total, page.data.totalIsCapped)} ${page.data.total === 1 && !page.data.totalIsCapped ? 'conversation' : 'conversations'}`
            : ''}
        </p>
      </div>

      {showFilters ? (
        <div id="grid-filters">
          <GridFilters filters={state.filters} users={users} onChange={grid.setFilter} onReset={() => grid.setFilters({})} />
        </div>
      ) : null}

      {invertedRanges(state.filters).map((problem) => (
        <p key={problem} className="alert alert-warning" role="status">
          {problem}
        </p>
      ))}

      {page.error ? (
        <div className="alert alert-error" role="alert">
          Could not load the conversations: {page.error.message}{' '}
          <button type="button" className="btn btn-small" onClick={page.reload}>
            Try again
          </button>
        </div>
      ) : null}

      <div className={`grid-wrap${page.loading ? ' is-loading' : ''}`} aria-busy={page.loading}>
        <table className="grid" aria-label="Conversations">
          <thead>
            <tr>
              {isAdministrator ? (
                <th className="cell-check">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    checked={allSelected}
                    disabled={!rows.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </th>
              ) : null}
              {COLUMNS.map((c) => {
                const active = state.sort === c.sort;
                return (
                  <th
                    key={c.sort}
                    className={c.className}
                    aria-sort={active ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    <button type="button" className="sort" onClick={() => grid.setSort(c.sort)}>
                      {c.label}
                      <span className={`sort-mark${active ? ' sort-active' : ''}`} aria-hidden="true">
                        {active ? (state.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th className="cell-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <GridRow
                key={row.id}
                row={row}
                users={users}
                selected={selected.has(row.id)}
                onSelect={(on) => toggle(row.id, on)}
                onUpdated={replaceRow}
                onEdit={() => setEditing(row)}
                onDelete={() => setDeleting([row])}
              />
            ))}
          </tbody>
        </table>
        {page.data && rows.length === 0 ? (
          <div className="empty">
            <p>No conversations match.</p>
            {activeFilters ? (
              <button type="button" className="btn btn-small" onClick={() => navigate('/admin/conversations')}>
                Show all conversations
              </button>
            ) : null}
          </div>
        ) : null}
        {!page.data && page.loading ? <p className="empty">Loading conversations…</p> : null}
      </div>

      {page.data ? (
        <GridPager
          total={page.data.total}
          capped={page.data.totalIsCapped}
          page={state.page}
          pageSize={state.pageSize}
          onPage={grid.setPage}
          onPageSize={grid.setPageSize}
        />
      ) : null}

      {editing ? (
        <EditConversationDialog
          conversation={editing}
          users={users}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            replaceRow(c);
            setEditing(null);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={deleting.length === 1 ? 'Delete conversation' : `Delete ${deleting.length} conversations`}
          message={
            deleting.length === 1
              ? `Delete "${deleting[0]!.name}" and all its messages? This cannot be undone.`
              : `Delete the ${deleting.length} selected conversations and all their messages? This cannot be undone.`
          }
          confirmLabel="Delete"
          busy={deletion.busy}
          error={deletion.error}
          onConfirm={() => void deletion.remove(deleting.map((c) => c.id))}
          onClose={() => (setDeleting(null), deletion.clearError())}
        />
      ) : null}
    </div>
  );
}
