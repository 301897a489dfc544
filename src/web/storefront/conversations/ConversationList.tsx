// The left column: each conversation's name, last message, time and unread badge.
import type { ConversationSummary } from '../../../shared/api';
import { markdownToText } from '../../ui/markdown';
import { formatFull, formatMoment } from '../../ui/time';
import { Link } from '../Link';
import { conversationPath } from '../paths';
import { badgeText } from '../useUnread';

interface Props {
  items: ConversationSummary[];
  selectedId: number | null;
  myId: number;
}

export function ConversationList({ items, selectedId, myId }: Props) {
  return (
    <ul className="conversation-list">
      {items.map((c) => {
        const last = c.lastMessage;
        const preview = last ? markdownToText(last.preview) : 'No messages yet';
        const who = last?.authorName && last.type === 'text' ? `${last.authorName}: ` : '';
        const at = last?.createdAt ?? c.lastActivityAt;
        return (
          <li key={c.id}>
            <Link
              href={conversationPath(c.id)}
              className={`conversation-item${c.unreadCount > 0 ? ' is-unread' : ''}`}
              aria-current={c.id === selectedId ? 'true' : undefined}
            >
              <span className="conversation-row">
                <span className="conversation-name" title={c.name}>
                  {c.name}
                </span>
                <time className="conversation-time" dateTime={at} title={formatFull(at)}>
                  {formatMoment(at)}
                </time>
              </span>
              <span className="conversation-row">
                <span className="conversation-preview">
                  {who}
                  {preview}
                </span>
                {c.unreadCount > 0 && (
                  <span className="badge">
                    {badgeText(c.unreadCount)}
                    <span className="visually-hidden"> unread</span>
                  </span>
                )}
              </span>
              {(c.status === 'closed' || c.customerUser.id !== myId) && (
                <span className="conversation-row conversation-tags">
                  {c.customerUser.id !== myId && <span className="muted">{c.customerUser.name}</span>}
                  {c.status === 'closed' && <span className="status status-closed status-small">Closed</span>}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
