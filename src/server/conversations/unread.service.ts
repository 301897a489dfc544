import type { BackofficeUserActor, CustomerUserActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { selectConversations } from './conversations.repo';
import { presentConversation } from './conversations.present';
import { unreadConversationsOfBackofficeUser, unreadOfCustomerUser } from './participants.repo';

/** The storefront's unread figures: messages, and conversations that have some. */
export async function unreadTotalForCustomerUser(ctx: Ctx<CustomerUserActor>) {
  return unreadOfCustomerUser(ctx.db, ctx.actor.id);
}

/** The team's conversations waiting on staff: counted from the partial index conversations_awaiting_staff alone. */
export function waitingOnStaffQuery(ctx: Ctx<BackofficeUserActor>) {
  return ctx.db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('awaiting_staff_since', 'is not', null);
}

/**
 * The back-office header indicator: how many conversations have unread
 * messages, and the latest four; for an Administrator also how many wait on the team.
 */
export async function unreadIndicatorForBackofficeUser(ctx: Ctx<BackofficeUserActor>) {
  const [count, latest, waiting] = await Promise.all([
    unreadConversationsOfBackofficeUser(ctx.db, ctx.actor.id),
    selectConversations(ctx.db, { kind: 'backoffice_user', id: ctx.actor.id })
      .where('me.unread_count', '>', 0)
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(4)
      .execute(),
    ctx.actor.role === 'administrator' ? waitingOnStaffQuery(ctx).executeTakeFirstOrThrow() : undefined,
  ]);
  return {
    count,
    latest: latest.map(presentConversation).map((c) => ({
      conversationId: c.id,
      name: c.name,
      preview: preview(c.lastMessage?.preview ?? '', 50),
      authorName: c.lastMessage?.authorName ?? null,
      createdAt: c.lastActivityAt,
      unreadCount: c.unreadCount,
    })),
    ...(waiting ? { waitingOnStaff: Number(waiting.n) } : {}),
  };
}

/** Plain text cut to `max` characters, with an ellipsis when cut. */
export function preview(body: string, max: number): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
