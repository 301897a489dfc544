import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { BackofficeActor, Ctx, CustomerUserActor } from '../context';
import { selectConversations } from './conversations.repo';
import { presentConversation } from './conversations.present';

/** The storefront's unread figures: messages, and conversations that have some. */
export async function unreadTotalForCustomerUser(ctx: Ctx<CustomerUserActor>) {
  const row = await ctx.db
    .selectFrom('participants')
    .select((eb) => [eb.fn.sum<number>('unread_count').as('total'), eb.fn.countAll<number>().as('conversations')])
    .where('customer_user_id', '=', ctx.actor.id)
    .where('unread_count', '>', 0)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total ?? 0), conversations: Number(row.conversations) };
}

/** The back-office header indicator: how many conversations have unread messages, and the latest four. */
export async function unreadIndicatorForBackofficeUser(ctx: Ctx<BackofficeActor>) {
  const [count, latest] = await Promise.all([
    ctx.db
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('backoffice_user_id', '=', ctx.actor.id)
      .where('unread_count', '>', 0)
      .executeTakeFirstOrThrow(),
    selectConversations(ctx.db, { kind: 'backoffice_user', id: ctx.actor.id })
      .where('me.unread_count', '>', 0)
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(4)
      .execute(),
  ]);
  return {
    count: Number(count.n),
    latest: latest.map(presentConversation).map((c) => ({
      conversationId: c.id,
      name: c.name,
      preview: preview(c.lastMessage?.preview ?? '', 50),
      authorName: c.lastMessage?.authorName ?? null,
      createdAt: c.lastActivityAt,
      unreadCount: c.unreadCount,
    })),
  };
}

/** Each participant of a conversation with their unread count in it (the live layer's unread push). */
export function participantUnreadCounts(db: Kysely<DB>, conversationId: number) {
  return db
    .selectFrom('participants')
    .select(['customer_user_id', 'backoffice_user_id', 'unread_count'])
    .where('conversation_id', '=', conversationId)
    .execute();
}

/** Plain text cut to `max` characters, with an ellipsis when cut. */
export function preview(body: string, max: number): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
