// The back-office grid: every column filters and sorts, pages by offset with a total.
import { sql } from 'kysely';
import type { GridQuery, GridSort } from '../../shared/api';
import type { BackofficeUserActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { containsText } from '../db/text';
import { selectConversations, type ConversationQuery } from './conversations.repo';
import { presentConversation } from './conversations.present';
import { endOfDay } from './messages.repo';

const sortColumns: Record<GridSort, string[]> = {
  name: ['c.name'],
  messagesCount: ['c.messages_count'],
  source: ['r.number'],
  owner: ['o.first_name', 'o.last_name'],
  customer: ['cust.name'],
  customerUser: ['cu.first_name', 'cu.last_name'],
  status: ['c.status'],
  createdAt: ['c.created_at'],
  lastMessageAt: ['c.last_activity_at'],
  waitingSince: ['c.awaiting_staff_since'],
};

function applyFilters(ctx: Ctx<BackofficeUserActor>, query: ConversationQuery, f: GridQuery): ConversationQuery {
  const d = ctx.dialect;
  let q = query;
  if (f.name) q = q.where(containsText(d, 'c.name', f.name));
  if (f.messagesMin !== undefined) q = q.where('c.messages_count', '>=', f.messagesMin);
  if (f.messagesMax !== undefined) q = q.where('c.messages_count', '<=', f.messagesMax);
  if (f.sourceType) q = q.where('r.type', '=', f.sourceType);
  if (f.source) {
    const text = f.source;
    // "Order SO-1001" and "SO-1001" both find the order
    const number = text.replace(/^(order|request for quote|rfq|quote)\s+/i, '');
    q = q.where(containsText(d, 'r.number', number));
  }
  if (f.recordId) q = q.where('c.source_record_id', '=', f.recordId);
  if (f.owner === 'none') q = q.where('c.owner_id', 'is', null);
  else if (f.owner !== undefined) q = q.where('c.owner_id', '=', f.owner);
  if (f.customer) q = q.where(containsText(d, 'cust.name', f.customer));
  if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
  if (f.customerUser) {
    const text = f.customerUser;
    q = q.where((eb) =>
      eb.or([
        containsText(d, 'cu.first_name', text)(eb),
        containsText(d, 'cu.last_name', text)(eb),
        containsText(d, 'cu.email', text)(eb),
        containsText(d, sql<string>`${sql.ref('cu.first_name')} || ' ' || ${sql.ref('cu.last_name')}`, text)(eb),
      ]),
    );
  }
  if (f.customerUserId) q = q.where('c.customer_user_id', '=', f.customerUserId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.createdFrom) q = q.where('c.created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('c.created_at', '<', endOfDay(f.createdTo));
  if (f.lastMessageFrom) q = q.where('c.last_activity_at', '>=', f.lastMessageFrom);
  if (f.lastMessageTo) q = q.where('c.last_activity_at', '<', endOfDay(f.lastMessageTo));
  if (f.mine) q = q.where('me.id', 'is not', null);
  if (f.unread) q = q.where('me.unread_count', '>', 0);
  // read from the partial index conversations_awaiting_staff, in its order
  if (f.waiting) q = q.where('c.awaiting_staff_since', 'is not', null);
  if (f.mentioned) {
    const me = ctx.actor.id;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('mentions as mn').select('mn.id').whereRef('mn.conversation_id', '=', 'c.id').where('mn.backoffice_user_id', '=', me),
      ),
    );
  }
  return q;
}

/**
 * The total's query joins only what the filters read: joining the last
 * message, its author and my participant for every counted row made the count
 * cost 100× the page. Customer and customer user are required columns with
 * foreign keys, so leaving their joins out counts the same rows.
 */
function countBase(ctx: Ctx<BackofficeUserActor>, viewerId: number, f: GridQuery): ConversationQuery {
  let q = ctx.db.selectFrom('conversations as c');
  if (f.customer) q = q.innerJoin('customers as cust', 'cust.id', 'c.customer_id');
  if (f.customerUser) q = q.innerJoin('customer_users as cu', 'cu.id', 'c.customer_user_id');
  if (f.source || f.sourceType) {
    q = q.leftJoin('commerce_records as r', (join) => join.onRef('r.id', '=', 'c.source_record_id').on('r.deleted_at', 'is', null));
  }
  if (f.mine || f.unread) {
    q = q.leftJoin('participants as me', (join) =>
      join.onRef('me.conversation_id', '=', 'c.id').on('me.backoffice_user_id', '=', viewerId),
    );
  }
  // applyFilters only reads the tables joined above for the filters that are set
  return q as unknown as ConversationQuery;
}

export const TOTAL_CAP = 10_000;

/** The grid's page and total queries (apart, so the query-plan test reads the real ones). */
export function gridQueries(ctx: Ctx<BackofficeUserActor>, f: GridQuery, cap = TOTAL_CAP) {
  const viewer = { kind: 'backoffice_user' as const, id: ctx.actor.id };
  let page = applyFilters(ctx, selectConversations(ctx.db, viewer), f);
  for (const column of sortColumns[f.sort]) page = page.orderBy(sql.ref(column), f.order);
  page = page
    .orderBy('c.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  // counting stops past TOTAL_CAP matches, so the total costs the same at
  // 100,000 conversations as at 10,000 (the grid then says "10,000+")
  const matching = applyFilters(ctx, countBase(ctx, viewer.id, f), f)
    .select(sql.lit(1).as('one'))
    .limit(cap + 1);
  const counted = ctx.db.selectFrom(matching.as('matching')).select((eb) => eb.fn.countAll<number>().as('n'));
  return { page, counted };
}

export async function gridConversations(ctx: Ctx<BackofficeUserActor>, f: GridQuery, cap = TOTAL_CAP) {
  const { page, counted } = gridQueries(ctx, f, cap);
  const [rows, total] = await Promise.all([page.execute(), counted.executeTakeFirstOrThrow()]);
  const n = Number(total.n);
  return {
    items: rows.map((row) => ({ ...presentConversation(row), awaitingStaffSince: row.awaiting_staff_since })),
    total: Math.min(n, cap),
    totalIsCapped: n > cap,
    page: f.page,
    pageSize: f.pageSize,
  };
}
