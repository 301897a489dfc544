import { conversationPath, MY_CONVERSATIONS_URL } from '../paths';
import { markdownToText } from '../../ui/markdown';
import { formatMoment, formatFull } from '../../ui/time';
import { Link } from '../router';
import { useDropdown } from './useDropdown';
import { useUnread } from './useUnreadIndicator';

/** The header indicator: how many conversations have unread messages, and the latest four. */
export function UnreadMenu() {
  const { unread } = useUnread();
  const { open, toggle, close, rootRef } = useDropdown();
  const count = unread?.count ?? 0;
  const label = count === 1 ? '1 conversation with unread messages' : `${count} conversations with unread messages`;
  return (
    <div className="dropdown" ref={rootRef}>
      <button
        type="button"
        className={`btn btn-ghost indicator${count ? ' indicator-active' : ''}`}
        aria-expanded={open}
        aria-controls="unread-menu"
        aria-label={`Unread conversations: ${count}`}
        title={label}
        onClick={toggle}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm0 2v11.2L7.2 14H20V6H4zm3 3h10v2H7V9z"
          />
        </svg>
        {/* no grey "0": nothing is shown when nothing is unread, nor while the count loads */}
        <span className="indicator-count" data-testid="unread-count" data-loaded={unread ? true : undefined}>
          {count > 0 ? count : ''}
        </span>
      </button>
      {open ? (
        <div className="dropdown-panel dropdown-right unread-panel" id="unread-menu">
          <p className="unread-head">{count ? label : 'No unread messages'}</p>
          {unread?.latest.length ? (
            <ul className="unread-list">
              {unread.latest.map((item) => (
                <li key={item.conversationId}>
                  <Link to={conversationPath(item.conversationId)} onClick={close} className="unread-item">
                    <span className="unread-name name-clamp" title={item.name}>
                      {item.name}
                    </span>
                    <span className="unread-preview">{markdownToText(item.preview)}</span>
                    <span className="unread-meta">
                      {item.authorName ?? 'System'} ·{' '}
                      <time dateTime={item.createdAt} title={formatFull(item.createdAt)}>
                        {formatMoment(item.createdAt)}
                      </time>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <Link to={MY_CONVERSATIONS_URL} onClick={close} className="unread-all">
            My Conversations
          </Link>
        </div>
      ) : null}
    </div>
  );
}
