import { sql, type Kysely } from 'kysely';
import type { EventType, StoredEvent } from '../../shared/events';
import type { DB } from '../db/schema';
import { precompiled } from '../writes/precompiled';
import type { EventRow } from './events.table';
import { horizonTable } from './positions';

type EventColumns = [
  type: EventType,
  conversationId: number | null,
  customerId: number | null,
  customerUserId: number | null,
  payload: string,
  createdAt: string,
];

const eventValues = (...[type, conversationId, customerId, customerUserId, payload, createdAt]: EventColumns) => ({
  type,
  conversation_id: conversationId,
  customer_id: customerId,
  customer_user_id: customerUserId,
  payload,
  created_at: createdAt,
});

export const insertEvent = precompiled((db, ...columns: EventColumns) =>
  db
    .insertInto('events')
    .values(eventValues(...columns))
    .returning('id'),
);

/** PostgreSQL: the same with the id of the `index`th event of this transaction (see positions.ts). */
export const insertEventAt = precompiled((db, index: number, ...columns: EventColumns) =>
  db
    .insertInto('events')
    .values({ id: sql<number>`parley_event_id(${index}::int)`, ...eventValues(...columns) })
    .returning('id'),
);

/**
 * PostgreSQL: the body of a CTE that stores one event from each row of
 * `from`, for a write that stores its rows and its event in one statement.
 * The other arguments are SQL expressions over `from` (constants, the
 * statement's parameters); the event's id is its position, from `index`.
 */
export function insertEventSql(c: {
  from: string;
  index: string;
  type: string;
  conversationId: string;
  customerId: string;
  customerUserId: string;
  payload: string;
  createdAt: string;
}): string {
  return `insert into events (id, type, conversation_id, customer_id, customer_user_id, payload, created_at)
    select parley_event_id(${c.index}), ${c.type}, ${c.conversationId}, ${c.customerId}, ${c.customerUserId}, ${c.payload}, ${c.createdAt}
    from ${c.from}
    returning id`;
}

/** Which stored events a reader wants: of these types, and (for a customer's reader) about these customers or this customer user. */
export interface EventFilter {
  types?: readonly EventType[] | undefined;
  /** only events about a conversation (or record): those with a conversation id */
  withConversation?: boolean;
  customerUserId?: number | undefined;
  customerIds?: readonly number[] | undefined;
  /** also these conversations' events, whatever their customer (a customer user's guest conversations) */
  orConversationIds?: readonly number[] | undefined;
}

/** Stored events after `afterId` (up to `upToId` when given) that match `filter`, in id order. */
export async function loadEventsAfter(
  db: Kysely<DB>,
  range: { afterId: number; upToId?: number | undefined; limit: number },
  filter: EventFilter = {},
): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').selectAll().where('id', '>', range.afterId);
  if (range.upToId !== undefined) q = q.where('id', '<=', range.upToId);
  if (filter.types) q = q.where('type', 'in', [...filter.types]);
  if (filter.withConversation) q = q.where('conversation_id', 'is not', null);
  const guests = filter.orConversationIds ?? [];
  const customerUserId = filter.customerUserId;
  const customerIds = filter.customerIds;
  if (customerUserId !== undefined || customerIds !== undefined) {
    q = q.where((eb) => {
      // an empty list would be invalid SQL; nobody of no customer gets anything
      const own = eb.and([
        ...(customerUserId !== undefined ? [eb('customer_user_id', '=', customerUserId)] : []),
        ...(customerIds === undefined ? [] : customerIds.length === 0 ? [eb('id', '<', 0)] : [eb('customer_id', 'in', [...customerIds])]),
      ]);
      return guests.length === 0 ? own : eb.or([own, eb('conversation_id', 'in', [...guests])]);
    });
  }
  return (await q.orderBy('id').limit(range.limit).execute()).map(eventFromRow);
}

/**
 * PostgreSQL: the events after `afterId` up to `upToId` that are settled
 * (below the horizon, see positions.ts), and the settled head, both from one
 * snapshot: when the head reaches `upToId`, nothing more can appear up to it.
 */
export async function loadSettledEventsAfter(db: Kysely<DB>, range: { afterId: number; upToId: number; limit: number }) {
  const h = horizonTable(db);
  const { rows } = await sql<EventRow & { plain: string; horizon: string }>`
    select h.plain::text as plain, h.horizon::text as horizon, e.*
    from ${h.from}
    left join lateral (
      select * from events where id > ${range.afterId} and id <= ${range.upToId} and id < h.horizon order by id limit ${range.limit}
    ) e on true`.execute(db);
  return { events: rows.filter((row) => row.id !== null).map(eventFromRow), settledUpTo: h.settledUpTo(rows[0]!) };
}

export function eventFromRow(row: EventRow): StoredEvent {
  return {
    id: Number(row.id),
    type: row.type,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    customerUserId: row.customer_user_id,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
  } as StoredEvent;
}

/** How many events are stored after `afterId`, counted up to `cap` (a consumer's lag, for /metrics). */
export async function countEventsAfter(db: Kysely<DB>, afterId: number, cap: number): Promise<number> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom('events').select('id').where('id', '>', afterId).limit(cap).as('behind'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
