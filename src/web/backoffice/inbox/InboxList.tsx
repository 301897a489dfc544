import { useEffect, useRef } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { markdownToText } from '../../ui/markdown';
import { formatFull, formatMoment } from '../../ui/time';
import { waitingLabel } from './inboxViews';

/** The conversations of the view, one button each; the open one is marked and kept in view. */
export function InboxList({ rows, selected, onOpen }: { rows: ConversationSummary[]; selected: number | null; onOpen(id: number): void }) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <ul className="inbox-items" ref={listRef} aria-label="Conversations">
      {rows.map((row) => {
        const unread = row.unreadCount > 0;
        return (
          <li key={row.id}>
            <button
              type="button"
              className={`inbox-item${unread ? ' inbox-item-unread' : ''}`}
              aria-current={row.id === selected ? 'true' : undefined}
              data-id={row.id}
              onClick={() => onOpen(row.id)}
            >
              <span className="inbox-item-top">
                <span className="inbox-item-name" title={row.name}>
                  {row.name}
                </span>
                {unread ? (
                  <span className="inbox-unread" aria-label={`${row.unreadCount} unread`}>
                    {row.unreadCount > 9 ? '9+' : row.unreadCount}
                  </span>
                ) : null}
              </span>
              <span className="inbox-item-who">
                {row.customerUser.name} · {row.customer.name}
              </span>
              <span className="inbox-item-preview">
                {row.lastMessage ? markdownToText(row.lastMessage.preview) || '📎' : 'No messages'}
              </span>
              <span className="inbox-item-meta">
                {row.awaitingStaffSince ? (
                  <span className="inbox-waiting" title={`Since ${formatFull(row.awaitingStaffSince)}`}>
                    {waitingLabel(row.awaitingStaffSince)}
                  </span>
                ) : (
                  <time dateTime={row.lastActivityAt} title={formatFull(row.lastActivityAt)}>
                    {formatMoment(row.lastActivityAt)}
                  </time>
                )}
                <span>{row.owner ? row.owner.name : 'No owner'}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
