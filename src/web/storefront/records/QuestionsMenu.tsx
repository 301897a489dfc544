// "Questions": the conversations about a record, newest first, and a way to
// ask another. Picking one opens it on the conversations page.
import type { ConversationSummary } from '../../../shared/api';
import { markdownToText } from '../../ui/markdown';
import { Menu } from '../Menu';
import { conversationPath } from '../paths';
import { navigate } from '../router';
import { badgeText } from '../useUnread';

/** `onAsk` absent: the user may not ask about this record, and the menu only lists. */
export function QuestionsMenu({
  conversations,
  onAsk,
  open,
}: {
  conversations: ConversationSummary[];
  onAsk?: (() => void) | undefined;
  /** open at once (the store's deep link) */
  open?: boolean;
}) {
  const unread = conversations.reduce((sum, c) => sum + c.unreadCount, 0);
  return (
    <Menu
      label={
        <>
          Questions
          {unread > 0 && ' '}
          {unread > 0 && (
            <span className="badge badge-on-button" data-testid="questions-unread">
              {badgeText(unread)}
              <span className="visually-hidden"> unread</span>
            </span>
          )}
        </>
      }
      buttonClassName="btn btn-primary"
      align="end"
      defaultOpen={open ?? false}
      items={[
        ...conversations.slice(0, 10).map((c) => {
          const last = c.lastMessage ? markdownToText(c.lastMessage.preview) : '';
          return {
            key: String(c.id),
            ariaLabel: `${c.name}${last ? `: ${last}` : ''}`,
            className: 'question-item',
            onSelect: () => navigate(conversationPath(c.id)),
            label: (
              <>
                <span className="question-name">
                  {c.name}
                  {c.unreadCount > 0 && <span className="badge">{badgeText(c.unreadCount)}</span>}
                </span>
                {last && <span className="question-last">{last}</span>}
              </>
            ),
          };
        }),
        ...(onAsk ? [{ key: 'ask', label: 'Ask New Question', className: 'menu-action', onSelect: onAsk }] : []),
      ]}
    />
  );
}
