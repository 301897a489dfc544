// The messages of one conversation, grouped by day, with the "Unread
// Messages" divider. A live region, so screen readers hear new messages.
import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import type { Message } from '../../../shared/api';
import { initialsOf } from '../../ui/initials';
import { Markdown } from '../../ui/markdown';
import { MessageAttachments } from '../../ui/MessageAttachments';
import { dayKey, dayLabel, formatFull, formatTime } from '../../ui/time';
import { Loading } from '../States';
import type { PendingMessage, Thread as ThreadState } from './useThread';

interface Props {
  thread: ThreadState;
  /** messages after this seq (not mine) get the divider, fixed when the pane opened */
  firstUnreadSeq: number | null;
  myName: string;
  isMine(m: Message): boolean;
}

const NEAR = 80;

export function Thread({ thread, firstUnreadSeq, myName, isMine }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const before = useRef<{ first?: number; height: number; count: number }>({ height: 0, count: 0 });
  const { messages, pending } = thread;

  // keep the reader's place: start at the divider (or the end), stay put when
  // older messages arrive above, follow new ones only when already at the end
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages[0]?.seq;
    const count = messages.length + pending.length;
    const was = before.current;
    if (was.first === undefined && first !== undefined) {
      const divider = el.querySelector<HTMLElement>('.unread-divider');
      el.scrollTop = divider ? divider.offsetTop - 16 : el.scrollHeight;
    } else if (first !== undefined && was.first !== undefined && first < was.first) {
      el.scrollTop += el.scrollHeight - was.height;
    } else if (count > was.count && atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR;
    before.current = { first, height: el.scrollHeight, count };
  });

  // a short first page leaves nothing to scroll: fetch older ones right away
  useEffect(() => {
    const el = scroller.current;
    if (el && thread.loaded && thread.hasMoreBefore && el.scrollHeight <= el.clientHeight) thread.loadOlder();
  }, [thread]);

  const onScroll = () => {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR;
    if (el.scrollTop < NEAR) thread.loadOlder();
  };

  let day = '';
  return (
    <div
      ref={scroller}
      className="thread"
      role="log"
      aria-live="polite"
      aria-label="Messages"
      // busy while a page loads, so screen readers announce only new messages, not history
      aria-busy={!thread.loaded || thread.loadingOlder}
      tabIndex={0}
      onScroll={onScroll}
    >
      {thread.hasMoreBefore && (
        <div className="thread-older">
          <button type="button" className="btn btn-small btn-ghost" onClick={thread.loadOlder} disabled={thread.loadingOlder}>
            {thread.loadingOlder ? 'Loading older messages…' : 'Load Older Messages'}
          </button>
        </div>
      )}
      {!thread.loaded && !thread.error && <Loading what="messages" />}
      {messages.map((m) => {
        const key = dayKey(m.createdAt);
        const newDay = key !== day;
        day = key;
        const divider = firstUnreadSeq !== null && m.seq === firstUnreadSeq;
        return (
          <Fragment key={m.seq}>
            {newDay && <DayDivider iso={m.createdAt} />}
            {divider && (
              <div className="unread-divider" role="separator" aria-label="Unread Messages">
                <span>Unread Messages</span>
              </div>
            )}
            {m.type === 'system' ? (
              <SystemLine message={m} />
            ) : (
              <MessageItem message={m} mine={isMine(m)} forMe={isMine({ ...m, sentBy: null })} />
            )}
          </Fragment>
        );
      })}
      {pending.map((p) => {
        const newDay = dayKey(p.createdAt) !== day;
        day = dayKey(p.createdAt);
        return (
          <Fragment key={p.key}>
            {newDay && <DayDivider iso={p.createdAt} />}
            <PendingItem item={p} name={myName} retry={thread.retry} discard={thread.discard} />
          </Fragment>
        );
      })}
    </div>
  );
}

function DayDivider({ iso }: { iso: string }) {
  return (
    <div className="day-divider">
      <span>{dayLabel(iso)}</span>
    </div>
  );
}

function Avatar({ initials, deleted }: { initials: string; deleted?: boolean }) {
  return (
    <span className={`avatar${deleted ? ' avatar-deleted' : ''}`} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}

/** `forMe`: the author is the signed-in user (though maybe someone else wrote it in their name) */
function MessageItem({ message, mine, forMe }: { message: Message; mine: boolean; forMe: boolean }) {
  const a = message.author;
  const name = a ? (a.deleted ? `${a.name} (deleted user)` : a.name) : 'Unknown';
  // staff wrote it in a customer's name: "Sent by John Doe for you" / "… on behalf of Amanda Cole"
  const behalf = message.sentBy ? `Sent by ${message.sentBy.name} ${forMe ? 'for you' : `on behalf of ${name}`}` : null;
  return (
    <article
      className={`message${mine ? ' message-mine' : ''}${behalf ? ' message-behalf' : ''}`}
      aria-label={`${name}${behalf ? ` (${behalf})` : ''}, ${formatTime(message.createdAt)}`}
    >
      <Avatar initials={a?.initials ?? ''} deleted={a?.deleted} />
      <div className="message-main">
        <header className="message-head">
          <span className="message-author">{name}</span>
          {a?.kind === 'backoffice_user' && <span className="message-role">Staff</span>}
          {behalf && <span className="message-behalf-label">{behalf}</span>}
          <time dateTime={message.createdAt} title={formatFull(message.createdAt)}>
            {formatTime(message.createdAt)}
          </time>
        </header>
        {message.body ? <Markdown source={message.body} className="message-body" /> : null}
        <MessageAttachments attachments={message.attachments} base="/api" />
      </div>
    </article>
  );
}

function SystemLine({ message }: { message: Message }) {
  return (
    <p className="system-message">
      {message.body} <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
    </p>
  );
}

function PendingItem(props: { item: PendingMessage; name: string; retry(key: string): void; discard(key: string): void }) {
  const { item } = props;
  const initials = initialsOf(props.name);
  return (
    <article
      className={`message message-mine message-${item.state}`}
      aria-label={`${props.name}, ${item.state === 'failed' ? 'not sent' : 'sending'}`}
    >
      <Avatar initials={initials} />
      <div className="message-main">
        <header className="message-head">
          <span className="message-author">{props.name}</span>
          <span className="message-state">{item.state === 'sending' ? 'Sending…' : 'Not sent'}</span>
        </header>
        {item.body ? <Markdown source={item.body} className="message-body" /> : null}
        {item.attachments.length > 0 && <p className="message-note">📎 {item.attachments.map((a) => a.name).join(', ')}</p>}
        {item.state === 'failed' && (
          <div className="message-failed" role="alert">
            <span>{item.error ?? 'The message was not sent.'}</span>
            <button type="button" className="btn btn-small" onClick={() => props.retry(item.key)}>
              Retry
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => props.discard(item.key)}>
              Discard
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
