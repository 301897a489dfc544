import type { ConversationSummary } from '../../../shared/api';
import { markdownToText } from '../../ui/markdown';
import { formatDate, formatDateTime, formatShortDateTime } from '../../ui/time';
import { backoffice, type BackofficeUser } from '../api';
import { customerPath, customerUserPath, recordPath } from '../paths';
import { Link } from '../router';
import { useSession } from '../session';
import { InlineName, InlineOwner } from './InlineCells';
import { RowActions } from './RowActions';
import { StatusBadge } from './StatusBadge';

interface Props {
  row: ConversationSummary;
  users: BackofficeUser[];
  selected: boolean;
  onSelect(selected: boolean): void;
  onUpdated(row: ConversationSummary): void;
  onEdit(): void;
  onDelete(): void;
}

export function GridRow({ row, users, selected, onSelect, onUpdated, onEdit, onDelete }: Props) {
  const { isAdministrator, user } = useSession();
  const assignToMe = () => void backoffice.updateConversation(row.id, { ownerId: user.id }).then(onUpdated, () => undefined);
  const unread = row.unreadCount > 0;
  return (
    <tr className={selected ? 'row-selected' : undefined}>
      {isAdministrator ? (
        <td className="cell-check">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${row.name}`} />
        </td>
      ) : null}
      <td className="cell-name">
        <InlineName row={row} onUpdated={onUpdated} />
      </td>
      <td className="cell-num">{row.messagesCount}</td>
      <td>
        {row.source ? <Link to={recordPath(row.source.type, row.source.id)}>{row.source.label}</Link> : <span className="muted">—</span>}
      </td>
      <td>
        <InlineOwner row={row} users={users} onUpdated={onUpdated} />
      </td>
      <td>
        <Link to={customerPath(row.customer.id)}>{row.customer.name}</Link>
      </td>
      <td>
        <Link to={customerUserPath(row.customerUser.id)}>{row.customerUser.name}</Link>
      </td>
      <td>
        <StatusBadge status={row.status} />
      </td>
      <td className="cell-date" title={formatDateTime(row.createdAt)}>
        {formatDate(row.createdAt)}
      </td>
      <td className={`cell-last${unread ? ' unread' : ''}`} title={row.lastMessage ? markdownToText(row.lastMessage.preview) : undefined}>
        {row.lastMessage ? (
          <>
            <time className="cell-last-date" dateTime={row.lastMessage.createdAt}>
              {formatShortDateTime(row.lastMessage.createdAt)}
            </time>{' '}
            <span className="muted-inline">from</span> {row.lastMessage.authorName ?? 'System'}
            {unread ? <span className="visually-hidden"> (unread)</span> : null}
          </>
        ) : (
          <span className="muted">No messages</span>
        )}
      </td>
      <td className="cell-actions">
        <RowActions
          row={row}
          onEdit={onEdit}
          onDelete={isAdministrator ? onDelete : null}
          onAssignToMe={row.owner?.id === user.id ? null : assignToMe}
        />
      </td>
    </tr>
  );
}
