// The messages of one conversation, grouped by day and by author, with the
// "Unread Messages" divider. A live region, so screen readers hear new messages.
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Message } from '../../../shared/api';
import { NewMessagesButton } from '../../ui/chat/NewMessagesButton';
import { Skeleton } from '../../ui/chat/Skeleton';
import { dayKey, dayLabel } from '../../ui/time';
import { continuesGroup } from '../../ui/chat/grouping';
import { MessageItem, PendingItem, SystemLine } from './MessageItems';
import type { Thread as ThreadState } from './useThread';

interface Props {
  thread: ThreadState;
  /** messages after this seq (not mine) get the divider, fixed when the pane opened */
  firstUnreadSeq: number | null;
  myName: string;
  /** my avatar colour's key, as authorKey() gives it for my sent messages */
  myKey: string;
  isMine(m: Message): boolean;
}

const NEAR = 80;

export function Thread({ thread, firstUnreadSeq, myName, myKey, isMine }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const before = useRef<{ first?: number; height: number; count: number; mine: string }>({ height: 0, count: 0, mine: '' });
  // arrived while the reader was scrolled up: the "New messages ↓" button counts them
  const [unseen, setUnseen] = useState(0);
  const { messages, pending } = thread;

  // keep the reader's place: start at the divider (or the end), stay put when
  // older messages arrive above, follow new ones only when already at the end;
  // but what I send (or what failed to send) always comes into view
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages[0]?.seq;
    const count = messages.length + pending.length;
    const mine = pending.map((p) => `${p.key}:${p.state}`).join();
    const was = before.current;
    const sentOrFailed = mine !== was.mine && pending.some((p) => !was.mine.includes(`${p.key}:${p.state}`));
    if (was.first === undefined && first !== undefined) {
      const divider = el.querySelector<HTMLElement>('.unread-divider');
      el.scrollTop = divider ? divider.offsetTop - 16 : el.scrollHeight;
    } else if (first !== undefined && was.first !== undefined && first < was.first) {
      el.scrollTop += el.scrollHeight - was.height;
    } else if (sentOrFailed || (count > was.count && atBottom.current)) {
      el.scrollTop = el.scrollHeight;
      setUnseen(0);
    } else if (count > was.count && was.count > 0) {
      setUnseen((n) => n + count - was.count);
    }
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR;
    before.current = { first, height: el.scrollHeight, count, mine };
  }, [messages, pending]);

  // a short first page leaves nothing to scroll: fetch older ones right away
  useEffect(() => {
    const el = scroller.current;
    if (el && thread.loaded && thread.hasMoreBefore && el.scrollHeight <= el.clientHeight) thread.loadOlder();
  }, [thread]);

  const onScroll = () => {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR;
    if (atBottom.current && unseen) setUnseen(0);
    if (el.scrollTop < NEAR) thread.loadOlder();
  };
  const jump = () => {
    const el = scroller.current!;
    el.scrollTop = el.scrollHeight;
    setUnseen(0);
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
      {!thread.loaded && !thread.error && <Skeleton what="messages" shape="message" rows={4} />}
      {messages.map((m, i) => {
        const key = dayKey(m.createdAt);
        const newDay = key !== day;
        day = key;
        const divider = firstUnreadSeq !== null && m.seq === firstUnreadSeq;
        const grouped = !newDay && !divider && continuesGroup(messages[i - 1], m);
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
              <MessageItem message={m} mine={isMine(m)} forMe={isMine({ ...m, sentBy: null })} grouped={grouped} />
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
            <PendingItem item={p} name={myName} myKey={myKey} retry={thread.retry} discard={thread.discard} />
          </Fragment>
        );
      })}
      <NewMessagesButton count={unseen} onJump={jump} />
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
