import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConversationSummary, Message } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLiveEvent } from '../../ui/live';
import { Markdown } from '../../ui/markdown';
import { AttachmentDropZone } from '../../ui/AttachmentDropZone';
import { avatarColour } from '../../ui/chat/avatarColour';
import { authorKey, continuesGroup } from '../../ui/chat/grouping';
import { NewMessagesButton } from '../../ui/chat/NewMessagesButton';
import { Skeleton } from '../../ui/chat/Skeleton';
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

  // Follow new messages while the reader is at the end (and always for one's
  // own); scrolled up, stay put and count them on the "New messages ↓" button.
  // Scrolls the thread only, never the page.
  const atEnd = useRef(true);
  const seen = useRef(0);
  const [unseen, setUnseen] = useState(0);
  const me = `backoffice_user:${user.id}`;
  useLayoutEffect(() => {
    const el = threadRef.current;
    if (!el || !messages) return;
    const fresh = messages.filter((m) => m.seq > seen.current);
    const first = seen.current === 0;
    seen.current = Math.max(seen.current, lastSeq);
    if (first || atEnd.current || fresh.some((m) => authorKey(m) === me)) {
      el.scrollTop = el.scrollHeight;
      setUnseen(0);
    } else setUnseen((n) => n + fresh.length);
  }, [lastSeq, messages, me]);
  usePinnedToBottom(threadRef, messages !== null);
  const onScroll = () => {
    const el = threadRef.current!;
    atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atEnd.current) setUnseen(0);
  };
  const jump = () => {
    const el = threadRef.current!;
    el.scrollTop = el.scrollHeight;
    setUnseen(0);
  };

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
  if (!messages) return <Skeleton what="messages" shape="message" rows={4} />;

  return (
    <AttachmentDropZone onFiles={drafts.add} className="chat">
      <div className="thread" aria-label="Messages" role="log" ref={threadRef} tabIndex={0} onScroll={onScroll}>
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
              <MessageItem message={m} mine={authorKey(m) === me} grouped={!newDay && !firstUnread && continuesGroup(messages[i - 1], m)} />
            </Fragment>
          );
        })}
        <NewMessagesButton count={unseen} onJump={jump} />
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

/** `grouped`: the same person wrote the message before, moments ago: no second avatar and header. */
function MessageItem({ message: m, mine, grouped }: { message: Message; mine: boolean; grouped: boolean }) {
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
  const kind =
    (note ? ' message-note' : staff ? ' message-staff' : '') +
    (m.sentBy ? ' message-behalf' : '') +
    (mine ? ' message-mine' : '') +
    (grouped ? ' message-grouped' : '');
  return (
    <article
      className={`message${kind}`}
      data-seq={m.seq}
      aria-label={`${note ? 'Internal note' : 'Message'} ${m.seq} from ${authorLabel(m)}`}
    >
      {grouped ? (
        <span className="avatar-space" aria-hidden="true" />
      ) : (
        <span className="avatar" aria-hidden="true" style={m.author?.deleted ? undefined : { background: avatarColour(authorKey(m)) }}>
          {m.author?.initials ?? '·'}
        </span>
      )}
      <div className="message-main">
        <p className={`message-head${grouped ? ' visually-hidden' : ''}`}>
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
