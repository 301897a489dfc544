import type { BackofficeActor, Ctx, CustomerUserActor } from '../context';
import { customerUserName, personName } from '../customers';

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
  const mine = ctx.db
    .selectFrom('participants as p')
    .where('p.backoffice_user_id', '=', ctx.actor.id)
    .where('p.unread_count', '>', 0);
  const [count, latest] = await Promise.all([
    mine.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    mine
      .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
      .leftJoin('messages as m', (join) => join.onRef('m.conversation_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_seq'))
      .leftJoin('participants as ap', 'ap.id', 'm.author_participant_id')
      .leftJoin('customer_users as acu', 'acu.id', 'ap.customer_user_id')
      .leftJoin('backoffice_users as abu', 'abu.id', 'ap.backoffice_user_id')
      .select([
        'c.id',
        'c.name',
        'c.last_activity_at',
        'p.unread_count',
        'm.body',
        'acu.first_name as cu_first',
        'acu.last_name as cu_last',
        'acu.deleted_at as cu_deleted',
        'abu.first_name as bo_first',
        'abu.last_name as bo_last',
      ])
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(4)
      .execute(),
  ]);
  return {
    count: Number(count.n),
    latest: latest.map((r) => ({
      conversationId: r.id,
      name: r.name,
      preview: preview(r.body ?? '', 50),
      authorName:
        r.bo_first !== null
          ? personName(r.bo_first, r.bo_last ?? '')
          : r.cu_first !== null
            ? customerUserName({ first_name: r.cu_first, last_name: r.cu_last, deleted_at: r.cu_deleted })
            : null,
      createdAt: r.last_activity_at,
      unreadCount: r.unread_count,
    })),
  };
}

/** Plain text cut to `max` characters, with an ellipsis when cut. */
export function preview(body: string, max: number): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
