import { useEffect, useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLiveEvent, type ServerFrame } from '../../ui/live';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { conversationPath, customerUserPath } from '../paths';
import { Link } from '../router';
import { useSession } from '../session';
import { useLive, useLiveRefresh } from '../shell/live';
import { useUnread } from '../shell/useUnreadIndicator';
import { ChatThread } from '../conversations/ChatThread';
import { StatusBadge } from '../conversations/StatusBadge';
import { waitingLabel } from './inboxViews';

export interface ThreadActions {
  /** Close (e), Reopen, Assign to me: the change, then the list refreshes */
  change(action: 'close' | 'reopen' | 'assign'): Promise<void>;
}

/**
 * The open conversation: a header with its people, Assign to me and Close or
 * Reopen, then the thread and the composer as the conversation page has them.
 */
export function InboxThread({
  id,
  waitingSince,
  onBack,
  onChanged,
  register,
}: {
  id: number;
  /** from the list: since when the customer waits */
  waitingSince: string | null;
  onBack(): void;
  onChanged(): void;
  /** hands the inbox the actions its keys run */
  register(actions: ThreadActions | null): void;
}) {
  const { user } = useSession();
  const { refresh: refreshUnread } = useUnread();
  const conversation = useLoad(() => backoffice.conversation(id), [id]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const c = conversation.data;
  const [unreadFrom, setUnreadFrom] = useState<number | null>(null);
  if (c && unreadFrom === null) setUnreadFrom(c.unreadCount > 0 ? c.lastReadSeq + 1 : 0);
  const { reload } = conversation;

  useLiveRefresh(reload, (frame: ServerFrame) => 'conversationId' in frame && frame.conversationId === id && frame.type !== 'typing', 100);
  useLiveEvent(useLive(), 'conversation.deleted', (frame) => {
    if (frame.conversationId === id) setDeleted(true);
  });

  // opening a conversation marks what it shows read, as its page does; not while the tab is hidden
  useEffect(() => {
    if (!c || document.visibilityState !== 'visible' || c.lastSeq <= c.lastReadSeq) return;
    backoffice.markRead(c.id, c.lastSeq).then(refreshUnread, () => undefined);
  }, [c?.id, c?.lastSeq, c?.lastReadSeq, refreshUnread]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = async (action: 'close' | 'reopen' | 'assign') => {
    if (!c || busy) return;
    if ((action === 'close' && c.status !== 'active') || (action === 'reopen' && c.status !== 'closed')) return;
    setBusy(true);
    setError(null);
    try {
      const updated: ConversationSummary =
        action === 'assign' ? await backoffice.updateConversation(c.id, { ownerId: user.id }) : await backoffice.changeStatus(c.id, action);
      conversation.setData(updated);
      onChanged();
    } catch (e) {
      setError(toApiError(e).message);
      reload();
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    register({ change });
    return () => register(null);
  });

  const back = (
    <button type="button" className="btn btn-small inbox-back" onClick={onBack}>
      ← Back
    </button>
  );
  if (deleted || (conversation.error && !c)) {
    return (
      <div className="inbox-thread-body">
        {back}
        <ErrorAlert>
          {deleted || conversation.error?.status === 404
            ? 'This conversation does not exist or was deleted.'
            : `Could not load the conversation: ${conversation.error?.message}`}
        </ErrorAlert>
      </div>
    );
  }
  if (!c) return <p className="empty">Loading conversation…</p>;
  const mine = c.owner?.id === user.id;

  return (
    <div className="inbox-thread-body">
      <div className="inbox-thread-head">
        {back}
        <div className="inbox-thread-title">
          <h2 title={c.name}>{c.name}</h2>
          <p className="inbox-thread-meta">
            <StatusBadge status={c.status} /> <Link to={customerUserPath(c.customerUser.id)}>{c.customerUser.name}</Link> ·{' '}
            {c.customer.name} · {c.owner ? `Owner: ${c.owner.name}` : 'No owner'}
            {waitingSince && c.status === 'active' ? <span className="inbox-waiting"> · {waitingLabel(waitingSince)}</span> : null}
          </p>
        </div>
        <div className="inbox-thread-actions">
          {mine ? null : (
            <button type="button" className="btn btn-small" onClick={() => void change('assign')} disabled={busy}>
              Assign to me
            </button>
          )}
          {c.status === 'active' ? (
            <button type="button" className="btn btn-small" onClick={() => void change('close')} disabled={busy}>
              Close conversation
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-primary" onClick={() => void change('reopen')} disabled={busy}>
              Reopen
            </button>
          )}
          <Link to={conversationPath(c.id)} className="btn btn-small btn-quiet">
            Open page
          </Link>
        </div>
      </div>
      <ErrorAlert>{error}</ErrorAlert>
      <div className="inbox-chat">
        <ChatThread key={c.id} conversation={c} unreadFrom={unreadFrom ?? 0} onPosted={reload} />
      </div>
    </div>
  );
}
