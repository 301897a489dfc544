import type { Actor, Deps } from '../context';
// the conversations module owns unread counts; these two are its read side
import { unreadIndicatorForBackofficeUser, unreadTotalForCustomerUser } from '../conversations/unread.service';
import type { UserKey } from './audience';
import type { UnreadTotals } from './protocol';

/** My totals as the header badge or menu item shows them. */
export async function unreadTotalsOf(deps: Deps, actor: Actor): Promise<UnreadTotals> {
  if (actor.side === 'storefront') return { side: 'storefront', ...(await unreadTotalForCustomerUser({ ...deps, actor })) };
  return { side: 'backoffice', ...(await unreadIndicatorForBackofficeUser({ ...deps, actor })) };
}

/** Each participant of a conversation, with their unread count in it. */
export async function participantUnread(deps: Deps, conversationId: number): Promise<{ user: UserKey; unreadCount: number }[]> {
  const rows = await deps.db
    .selectFrom('participants')
    .select(['customer_user_id', 'backoffice_user_id', 'unread_count'])
    .where('conversation_id', '=', conversationId)
    .execute();
  return rows.map((r) => ({
    user: r.customer_user_id !== null ? (`customer_user:${r.customer_user_id}` as const) : (`backoffice_user:${r.backoffice_user_id!}` as const),
    unreadCount: r.unread_count,
  }));
}
