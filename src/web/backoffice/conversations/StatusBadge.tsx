import type { ConversationStatus } from '../../../shared/api';

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`badge badge-${status}`}>{status === 'active' ? 'Active' : 'Closed'}</span>;
}
