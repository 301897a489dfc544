// The open conversation: its name, source, status, thread and reply box.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary, Message, SignedInUser } from '../../../shared/api';
import { useLoad } from '../../ui/useLoad';
import { typingText, useTyping } from '../../ui/useTyping';
import { storefront, storefrontClient } from '../api';
import { AttachmentDropZone } from '../../ui/AttachmentDropZone';
import { useAttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { Link } from '../Link';
import { useLiveEvent } from '../../ui/live';
import { useLiveClient, useLiveRefresh } from '../live';
import { GonePane } from './GonePane';
import { recordPath } from '../paths';
import { LoadError, Loading } from '../States';
import { ColleaguesPanel } from './ColleaguesPanel';
import { draftKey, writeDraft } from '../../ui/chat/useDraft';
import { Composer } from './Composer';
import { followUpSubject } from './followUp';
import { NewConversationDialog } from './NewConversationDialog';
import { Thread } from './Thread';
import { useThread } from './useThread';

interface Props {
  id: number;
  me: SignedInUser;
  onBack(): void;
  /** the conversation as last fetched, so the list can show the same */
  onSummary(c: ConversationSummary): void;
  onRead(id: number): void;
  /** the conversation is gone (deleted, or never mine): the list drops it */
  onGone(id: number): void;
  /** a follow-up to this (closed) conversation was created */
  onStarted(c: ConversationSummary): void;
}

export function ConversationPane({ id, me, onBack, onSummary, onRead, onGone, onStarted }: Props) {
  const [followingUp, setFollowingUp] = useState(false);
  const summary = useLoad(async () => {
    const c = await storefront.conversation(id);
    onSummary(c);
    return c;
  }, [id]);
  const readUpTo = useRef(0);
  const [firstUnreadSeq, setFirstUnreadSeq] = useState<number | null | undefined>(undefined);
  // a message staff wrote in my name is not mine: it is styled as theirs and counts as unread
  const isMine = useCallback((m: Message) => m.author?.kind === 'customer_user' && m.author.userId === me.id && !m.sentBy, [me.id]);

  const markRead = useCallback(
    (seq: number) => {
      if (seq <= readUpTo.current || document.visibilityState !== 'visible') return;
      readUpTo.current = seq;
      storefront.markRead(id, seq).then(
        () => onRead(id),
        () => (readUpTo.current = 0),
      );
    },
    [id, onRead],
  );

  // deleted while open (the live event, or a 404 where it was seen before):
  // say so once and ask the server about it no more
  const [deletedLive, setDeletedLive] = useState(false);
  const live = useLiveClient();
  useLiveEvent(live, 'conversation.deleted', (frame) => frame.conversationId === id && setDeletedLive(true));
  const notFound = summary.error?.code === 'CONVERSATION_NOT_FOUND';
  const gone = deletedLive || notFound;
  const draft = draftKey('storefront', me.id, `conversation:${id}`);
  useEffect(() => {
    if (!gone) return;
    onGone(id);
    // nothing can be sent there any more: its unsent text would stay in the browser for good
    writeDraft(draft, '');
  }, [gone, id, onGone, draft]);

  const thread = useThread(id, {
    onRefused: (err) => (err.code === 'CONVERSATION_NOT_FOUND' ? setDeletedLive(true) : summary.reload()),
    stopped: gone,
  });
  const drafts = useAttachmentDrafts(storefrontClient);
  useLiveRefresh(() => !gone && summary.reload());
  const typing = typingText(useTyping(live, id, { kind: 'customer_user', id: me.id }));

  const c = summary.data;
  // on a narrow screen the list (and the link that was focused) is now hidden:
  // give keyboard and screen-reader users the conversation's title instead
  const title = useRef<HTMLHeadingElement>(null);
  const loadedOnce = Boolean(c);
  useEffect(() => {
    const active = document.activeElement as HTMLElement | null;
    if (loadedOnce && (!active || active === document.body || active.offsetParent === null)) title.current?.focus();
  }, [loadedOnce]);
  // the divider stays where unread messages began when the pane opened
  if (c && thread.loaded && firstUnreadSeq === undefined) {
    readUpTo.current = Math.max(readUpTo.current, c.lastReadSeq);
    // unreadCount is 0 where I take no part (a customer Administrator reading a colleague's): no divider then
    const firstUnread = c.unreadCount > 0 ? thread.messages.find((m) => m.seq > c.lastReadSeq && !isMine(m)) : undefined;
    setFirstUnreadSeq(firstUnread?.seq ?? null);
  }
  // opening a conversation marks what is shown as read (once the divider is
  // placed), but not while the tab is hidden: what arrives then is unread, so
  // its mail still goes out; it is read when the user comes back
  const shownSeq = thread.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (firstUnreadSeq === undefined || shownSeq === 0) return;
    const seen = () => document.visibilityState === 'visible';
    if (seen()) markRead(shownSeq);
    const onVisible = () => seen() && markRead(shownSeq);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [firstUnreadSeq, shownSeq, markRead]);

  if (gone) return <GonePane deleted={deletedLive || loadedOnce} onBack={onBack} />;
  return (
    <section className="pane" aria-labelledby="pane-title">
      <div className="pane-head">
        <button type="button" className="btn btn-ghost back-button" onClick={onBack}>
          <span aria-hidden="true">←</span> Back
        </button>
        {summary.error && !c ? (
          <LoadError error={summary.error} retry={summary.reload} />
        ) : !c ? (
          <Loading what="conversation" rows={1} />
        ) : (
          <div className="pane-title-block">
            <h2 id="pane-title" className="pane-title" ref={title} tabIndex={-1} title={c.name}>
              {c.name}
            </h2>
            <div className="pane-meta">
              <span className={`status status-${c.status}`}>{c.status === 'active' ? 'Active' : 'Closed'}</span>
              {c.source && (
                <Link href={recordPath(c.source.type, c.source.id)} className="source-link">
                  {c.source.label}
                </Link>
              )}
              {c.customerUser.id !== me.id && <span className="muted">Started by {c.customerUser.name}</span>}
              {c.owner && <span className="muted">With {c.owner.name}</span>}
            </div>
            <ColleaguesPanel conversationId={id} starterId={c.customerUser.id} />
          </div>
        )}
      </div>
      <AttachmentDropZone onFiles={drafts.add} className="pane-body">
        {summary.error && !c ? null : thread.error ? (
          <LoadError error={thread.error} />
        ) : (
          <Thread
            thread={thread}
            firstUnreadSeq={firstUnreadSeq ?? null}
            myName={me.name}
            myKey={`customer_user:${me.id}`}
            isMine={isMine}
          />
        )}
        <p className="typing-note" aria-live="polite">
          {typing}
        </p>
        {c &&
          (c.status === 'active' ? (
            <Composer conversationId={id} draftKey={draft} onSend={thread.send} drafts={drafts} />
          ) : (
            <div className="closed-note" role="note">
              <span>
                <strong>This conversation is closed.</strong> It no longer accepts replies.
              </span>
              <button type="button" className="btn btn-small btn-primary" onClick={() => setFollowingUp(true)}>
                Ask a follow-up
              </button>
            </div>
          ))}
        {c && followingUp && (
          <NewConversationDialog
            title="Ask a Follow-up"
            subject={followUpSubject(c.name)}
            {...(c.source ? { recordId: c.source.id } : {})}
            onClose={() => setFollowingUp(false)}
            onCreated={onStarted}
          />
        )}
      </AttachmentDropZone>
    </section>
  );
}
