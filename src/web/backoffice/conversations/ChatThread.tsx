import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary, Message } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLiveEvent } from '../../ui/live';
import { Markdown } from '../../ui/markdown';
import { AttachmentDropZone } from '../../ui/AttachmentDropZone';
import { MessageAttachments } from '../../ui/MessageAttachments';
import { useAttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { dayKey, dayLabel, formatFull, formatTime } from '../../ui/time';
import { typingText, useTyping } from '../../ui/useTyping';
import { api, backoffice } from '../api';
import { roleLabel } from '../roles';
import { useSession } from '../session';
import { useLive } from '../shell/live';
import { AddMessageForm } from './AddMessageForm';
import { authorLabel, authorName } from './MessageAuthor';
import { usePinnedToBottom } from './usePinnedToBottom';

/**
 * The chat tab: the latest 40 messages, older ones on demand, new ones as
 * they are pushed, and fetched whenever the conversation's last sequence
 * number moves past what was pushed (a missed push, or polling).
 * `unreadFrom` is the first message that was unread when the page opened (0: none).
 */
export function ChatThread({
  conversation,
  unreadFrom,
  onPosted,
}: {
  conversation: ConversationSummary;
  unreadFrom: number;
  onPosted(): void;
}) {
  const id = conversation.id;
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [hasMoreBefore, setHasMoreBefore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const threadRef = useRef<HTMLDivElement>(null);
  const drafts = useAttachmentDrafts(api);
  const { user } = useSession();
  const live = useLive();
  const typing = typingText(useTyping(live, id, { kind: 'backoffice_user', id: user.id }), 2);
  const lastSeq = messages?.[messages.length - 1]?.seq ?? 0;

  useEffect(() => {
    backoffice.messages(id, { limit: 40 }).then(
      (p) => {
        setMessages(p.items);
        setHasMoreBefore(p.hasMoreBefore);
      },
      (e: unknown) => setError(toApiError(e).message),
    );
  }, [id]);

  const append = useCallback((items: Message[]) => {
    setMessages((current) => {
      const known = new Set(current?.map((m) => m.seq));
      return [...(current ?? []), ...items.filter((m) => !known.has(m.seq))].sort((a, b) => a.seq - b.seq);
    });
  }, []);

  // before the first page is in, that page will bring it
  useLiveEvent(live, 'message.created', (frame) => {
    if (frame.conversationId === id && messages !== null) append([frame.data.message]);
  });

  useEffect(() => {
    if (messages === null || conversation.lastSeq <= lastSeq) return;
    backoffice.messages(id, { after: lastSeq, limit: 100 }).then(
      (p) => append(p.items),
      () => undefined,
    );
  }, [conversation.lastSeq, lastSeq, messages, id, append]);

  // keep the newest message in view; scrolls the thread only, never the page
  useEffect(() => {
    const el = threadRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastSeq]);
  usePinnedToBottom(threadRef, messages !== null);

  const loadOlder = async () => {
    const first = messages?.[0]?.seq;
    if (!first) return;
    setLoadingOlder(true);
    try {
      const p = await backoffice.messages(id, { before: first, limit: 40 });
      setMessages((current) => [...p.items, ...(current ?? [])]);
      setHasMoreBefore(p.hasMoreBefore);
    } finally {
      setLoadingOlder(false);
    }
  };

  if (error) return <ErrorAlert>Could not load the messages: {error}</ErrorAlert>;
  if (!messages) return <p className="empty">Loading messages…</p>;

  return (
    <AttachmentDropZone onFiles={drafts.add} className="chat">
      <div className="thread" aria-label="Messages" role="log" ref={threadRef} tabIndex={0}>
        {hasMoreBefore ? (
          <button type="button" className="btn btn-small load-older" onClick={() => void loadOlder()} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Load older messages'}
          </button>
        ) : null}
        {messages.length === 0 ? <p className="empty">No messages yet. Write the first one below.</p> : null}
        {messages.map((m, i) => {
          const newDay = i === 0 || dayKey(messages[i - 1]!.createdAt) !== dayKey(m.createdAt);
          const firstUnread = unreadFrom > 0 && m.seq === unreadFrom;
          return (
            <Fragment key={m.seq}>
              {newDay ? (
                <p className="day-divider">
                  <span>{dayLabel(m.createdAt)}</span>
                </p>
              ) : null}
              {firstUnread ? (
                <p className="unread-divider">
                  <span>Unread Messages</span>
                </p>
              ) : null}
              <MessageItem message={m} />
            </Fragment>
          );
        })}
      </div>
      <p className="typing-note" aria-live="polite">
        {typing}
      </p>
      {conversation.status === 'active' ? (
        <AddMessageForm
          conversationId={conversation.id}
          drafts={drafts}
          onSent={(m) => {
            append([m]);
            onPosted();
          }}
        />
      ) : (
        <p className="closed-note">This conversation is closed. Reopen it to add a message.</p>
      )}
    </AttachmentDropZone>
  );
}

function MessageItem({ message: m }: { message: Message }) {
  const time = (
    <time dateTime={m.createdAt} title={formatFull(m.createdAt)}>
      {formatTime(m.createdAt)}
    </time>
  );
  if (m.type === 'system') {
    return (
      <p className="message-system" data-seq={m.seq}>
        {m.body} · {time}
      </p>
    );
  }
  const staff = m.author?.kind === 'backoffice_user';
  const note = m.type === 'note';
  const kind = (note ? ' message-note' : staff ? ' message-staff' : '') + (m.sentBy ? ' message-behalf' : '');
  return (
    <article
      className={`message${kind}`}
      data-seq={m.seq}
      aria-label={`${note ? 'Internal note' : 'Message'} ${m.seq} from ${authorLabel(m)}`}
    >
      <span className="avatar" aria-hidden="true">
        {m.author?.initials ?? '·'}
      </span>
      <div className="message-main">
        <p className="message-head">
          <strong className="message-author">{authorName(m)}</strong>
          {m.author ? <span className="role">{roleLabel(m.author.role)}</span> : null}
          {note ? <NoteLabel /> : null}
          {m.sentBy ? (
            <span className="behalf-label">
              Sent by {m.sentBy.name} on behalf of {authorName(m)}
            </span>
          ) : null}
          {time}
        </p>
        {m.body ? <Markdown source={m.body} className="message-body" /> : null}
        <MessageAttachments attachments={m.attachments} base={api.base} />
      </div>
    </article>
  );
}

/** The lock label of an internal note: seen by staff only. */
export function NoteLabel() {
  return (
    <span className="note-label" title="Only back-office users see internal notes">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"
        />
      </svg>
      Internal note
    </span>
  );
}
