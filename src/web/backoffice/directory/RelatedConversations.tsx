import { ErrorAlert } from '../../ui/ErrorAlert';
import { previewLine } from '../../../shared/preview';
import { markdownToText } from '../../ui/markdown';
import { formatMoment, formatFull } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { StatusBadge } from '../conversations/StatusBadge';
import { conversationPath } from '../paths';
import { Link } from '../router';

interface Props {
  /** the grid filter that selects this page's conversations */
  filter: { customerId?: number; customerUserId?: number; recordId?: number };
  /** the Create Conversation form, pre-filled for this page */
  startUrl: string;
}

/** The Conversations panel on a customer, customer user or record page. */
export function RelatedConversations({ filter, startUrl }: Props) {
  const { customerId, customerUserId, recordId } = filter;
  const list = useLoad(
    () => backoffice.conversations({ customerId, customerUserId, recordId, pageSize: 50 }),
    [customerId, customerUserId, recordId],
  );
  const items = list.data?.items ?? [];
  return (
    <section className="card related" aria-labelledby="related-title">
      <div className="card-head">
        <h2 id="related-title">Conversations {list.data ? <span className="count">{list.data.total}</span> : null}</h2>
        <Link to={startUrl} className="btn btn-primary btn-small">
          Start Conversation
        </Link>
      </div>
      <ErrorAlert>{list.error ? <>Could not load the conversations: {list.error.message}</> : null}</ErrorAlert>
      {list.data && items.length === 0 ? <p className="empty">No conversations yet.</p> : null}
      {items.length ? (
        <ul className="related-list">
          {items.map((c) => (
            <li key={c.id}>
              <div className="related-line">
                <Link to={conversationPath(c.id)} className={c.unreadCount ? 'unread' : undefined}>
                  {c.name}
                </Link>
                <StatusBadge status={c.status} />
              </div>
              {c.lastMessage ? (
                <p className="related-last">
                  <span className="related-preview">{previewLine(c.lastMessage, markdownToText)}</span>
                  <time dateTime={c.lastMessage.createdAt} title={formatFull(c.lastMessage.createdAt)}>
                    {formatMoment(c.lastMessage.createdAt)}
                  </time>
                </p>
              ) : (
                <p className="related-last muted">No messages</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
