import { useEffect, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLiveEvent, type ServerFrame } from '../../ui/live';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { customerPath, customerUserPath, recordPath } from '../paths';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { ConfirmDialog } from '../shell/Dialog';
import { useLive, useLiveRefresh } from '../shell/live';
import { usePageTitle } from '../shell/usePageTitle';
import { useUnread } from '../shell/useUnreadIndicator';
import { ParticipantsPanel } from '../people/ParticipantsPanel';
import { AllMessagesTab } from './AllMessagesTab';
import { ChatThread } from './ChatThread';
import { EditConversationDialog } from './EditConversationDialog';
import { StatusBadge } from './StatusBadge';
import { useBackofficeUsers } from './useBackofficeUsers';
import { useDeleteConversations } from './useDeleteConversations';

type Tab = 'chat' | 'all';

function subscribeVisibility(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}
const useVisible = () => useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible');

export function ConversationPage({ id }: { id: number }) {
  const { isAdministrator } = useSession();
  const { refresh: refreshUnread } = useUnread();
  const conversation = useLoad(() => backoffice.conversation(id), [id]);
  const users = useBackofficeUsers();
  const [tab, setTab] = useState<Tab>('chat');
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [deletedElsewhere, setDeletedElsewhere] = useState(false);
  const visible = useVisible();
  const deletion = useDeleteConversations(() => {
    refreshUnread();
    navigate('/admin/conversations');
  });
  const c = conversation.data;
  // where "Unread Messages" begins, as it was when the page opened (marking read moves it)
  const [unreadFrom, setUnreadFrom] = useState<number | null>(null);
  if (c && unreadFrom === null) setUnreadFrom(c.unreadCount > 0 ? c.lastReadSeq + 1 : 0);
  const { reload } = conversation;
  usePageTitle(c?.name);

  // new messages (the thread appends them itself), status, name and owner changes by others show up without a reload
  useLiveRefresh(reload, (frame: ServerFrame) => 'conversationId' in frame && frame.conversationId === id && frame.type !== 'typing', 100);
  useLiveEvent(useLive(), 'conversation.deleted', (frame) => {
    if (frame.conversationId === id) setDeletedElsewhere(true);
  });

  // opening the page, and every new message seen on it, marks the thread read; not while the tab is hidden
  useEffect(() => {
    if (!c || !visible || c.lastSeq <= c.lastReadSeq) return;
    backoffice.markRead(c.id, c.lastSeq).then(refreshUnread, () => undefined);
  }, [c?.id, c?.lastSeq, c?.lastReadSeq, visible, refreshUnread]); // eslint-disable-line react-hooks/exhaustive-deps

  if (deletedElsewhere || (conversation.error && !c)) {
    return (
      <div className="page">
        <ErrorAlert>
          {deletedElsewhere || conversation.error?.status === 404
            ? 'This conversation does not exist or was deleted.'
            : `Could not load the conversation: ${conversation.error?.message}`}
        </ErrorAlert>
        <Link to="/admin/conversations">Back to Conversations</Link>
      </div>
    );
  }
  if (!c) return <p className="empty">Loading conversation…</p>;

  const changeStatus = async (action: 'close' | 'reopen') => {
    setChanging(true);
    setStatusError(null);
    try {
      conversation.setData(await backoffice.changeStatus(c.id, action));
    } catch (e) {
      setStatusError(toApiError(e).message);
      reload();
    } finally {
      setChanging(false);
    }
  };
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = tab === 'chat' ? 'all' : 'chat';
      setTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };

  return (
    <div className="page conversation-page">
      <div className="page-head">
        <div className="page-title">
          <p className="breadcrumb">
            <Link to="/admin/conversations">Conversations</Link>
          </p>
          <h1>
            {/* a 255-character name stays on two lines; the whole of it is in the title */}
            <span className="title-name" title={c.name}>
              {c.name}
            </span>{' '}
            <StatusBadge status={c.status} />
          </h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => setDialog('edit')}>
            Edit
          </button>
          {c.status === 'active' ? (
            <button type="button" className="btn" onClick={() => void changeStatus('close')} disabled={changing}>
              Close conversation
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void changeStatus('reopen')} disabled={changing}>
              Reopen
            </button>
          )}
          {isAdministrator ? (
            <button type="button" className="btn btn-danger-quiet" onClick={() => setDialog('delete')}>
              Delete
            </button>
          ) : null}
        </div>
      </div>
      <ErrorAlert>{statusError}</ErrorAlert>

      {/* wide screens: the details beside the thread, so that the thread takes the height left and the composer stays in view */}
      <div className="conversation-body">
        <aside className="conversation-aside" aria-label="Details">
          <dl className="details card">
            <div>
              <dt>Owner</dt>
              <dd>{c.owner?.name ?? <span className="muted">No owner</span>}</dd>
            </div>
            <div>
              <dt>Customer</dt>
              <dd>
                <Link to={customerPath(c.customer.id)}>{c.customer.name}</Link>
              </dd>
            </div>
            <div>
              <dt>Customer User</dt>
              <dd>
                <Link to={customerUserPath(c.customerUser.id)}>{c.customerUser.name}</Link>
              </dd>
            </div>
            <div>
              <dt>Initiated from</dt>
              <dd>
                {c.source ? <Link to={recordPath(c.source.type, c.source.id)}>{c.source.label}</Link> : <span className="muted">—</span>}
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(c.createdAt)}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{formatDateTime(c.updatedAt)}</dd>
            </div>
          </dl>

          <ParticipantsPanel conversation={c} />
        </aside>
        <section className="conversation-main" aria-label="Thread">
          <div className="tabs" role="tablist" aria-label="Conversation" onKeyDown={onTabKey}>
            {(['chat', 'all'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`tab-${t}`}
                aria-selected={tab === t}
                aria-controls={`panel-${t}`}
                tabIndex={tab === t ? 0 : -1}
                className="tab"
                onClick={() => setTab(t)}
              >
                {t === 'chat' ? `Messages (${c.messagesCount})` : 'All messages'}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="card tab-panel">
            {tab === 'chat' ? (
              <ChatThread conversation={c} unreadFrom={unreadFrom ?? 0} onPosted={reload} />
            ) : (
              <AllMessagesTab conversationId={c.id} lastSeq={c.lastSeq} />
            )}
          </div>
        </section>
      </div>

      {dialog === 'edit' ? (
        <EditConversationDialog
          conversation={c}
          users={users}
          onClose={() => setDialog(null)}
          onSaved={(updated) => {
            conversation.setData(updated);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete conversation"
          message={`Delete "${c.name}" and all its messages? This cannot be undone.`}
          confirmLabel="Delete"
          busy={deletion.busy}
          error={deletion.error}
          onConfirm={() => void deletion.remove([c.id])}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
