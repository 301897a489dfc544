// PostgreSQL: the common post (a person writing as themselves, no
// Idempotency-Key) as one statement, which is its own transaction. On
// PostgreSQL every statement is a round trip, and a round trip costs the app
// and the server more than the work itself: the general path (messages.service.ts,
// thread.ts) takes ten of them per post, this one takes one. It does exactly
// what the general path does for that case (the API tests run both databases
// through it); anything else (a first post by someone not yet taking part,
// posting on behalf of another, a retry-safe post) takes the general path.
//
// In the statement, in order:
//   locked   the conversation's order lock (events/positions.ts), before any
//            write, so this transaction's id comes after the last writer's
//   conv     the conversation, if the actor may see it (theirs, their customers', or as a guest),
//            and the actor's participant, if they still take part
//   bumped   the thread's counters, if still Active (re-checked on the newest row), and
//            the wait on staff: started by a customer's message, ended by staff's
//   msg      the message, numbered from the counters
//   unread   everyone else has one more unread message; the author has read all
//   ev       message.created, its payload the message with its id, number and author
import { CompiledQuery } from 'kysely';
import type { Message } from '../../shared/api';
import type { StoredEvent } from '../../shared/events';
import { prepareOnPostgres } from '../db/database';
import { insertEventSql, ORDER_LOCK_SPACE, refuseLateOrderLock } from '../events';
import type { PersonActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineStandaloneCommand } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import { conversationVisibilityOf } from './visibility';
import { authorOf } from './thread';

const POST = `
with locked as materialized (
  select count(*) as n from (select pg_advisory_xact_lock(${ORDER_LOCK_SPACE}, $1::int)) l
),
conv as materialized (
  select c.id, c.status, c.customer_id, c.customer_user_id,
    (select p.id from participants p
     where p.conversation_id = c.id and (p.customer_user_id = $5::int or p.backoffice_user_id = $6::int)
       and p.removed_at is null) as participant_id,
    pg_current_xact_id_if_assigned()::text as transaction_id_then
  from conversations c cross join locked
  where c.id = $1::int and ($2::boolean or c.customer_user_id = $3::int or c.customer_id = any($4::int[]) or c.id = any($11::int[]))
),
bumped as (
  update conversations c
  set last_seq = c.last_seq + 1, last_public_seq = c.last_seq + 1, last_text_seq = c.last_seq + 1, messages_count = c.messages_count + 1,
    last_activity_at = $7, updated_at = $7,
    awaiting_staff_since = case when $5::int is not null then coalesce(c.awaiting_staff_since, $7) else null end
  from conv
  where c.id = conv.id and c.status = 'active' and conv.participant_id is not null
  returning c.id, c.last_seq
),
msg as (
  insert into messages (conversation_id, seq, type, body, author_participant_id, sent_by_backoffice_user_id, created_at)
  select b.id, b.last_seq, 'text', $8, conv.participant_id, null, $7 from bumped b cross join conv
  returning id, seq, author_participant_id
),
unread as (
  update participants p
  set unread_count = case when p.id = msg.author_participant_id then 0 else p.unread_count + 1 end,
      last_read_seq = case when p.id = msg.author_participant_id then msg.seq else p.last_read_seq end
  from msg
  where p.conversation_id = $1::int and p.removed_at is null
),
ev as (${insertEventSql({
  from: 'msg cross join conv',
  index: '$10::int',
  type: `'message.created'`,
  conversationId: 'conv.id',
  customerId: 'conv.customer_id',
  customerUserId: 'conv.customer_user_id',
  payload: `jsonb_set(jsonb_set(jsonb_set($9::jsonb, '{message,id}', to_jsonb(msg.id)), '{message,seq}', to_jsonb(msg.seq)),
    '{message,author,participantId}', to_jsonb(msg.author_participant_id))::text`,
  createdAt: '$7',
})})
select conv.status, conv.participant_id, conv.customer_id, conv.customer_user_id, conv.transaction_id_then,
  msg.id as message_id, msg.seq, ev.id as event_id
from conv left join msg on true left join ev on true`;

prepareOnPostgres(POST);

interface PostRow {
  status: string;
  participant_id: number | null;
  customer_id: number;
  customer_user_id: number;
  transaction_id_then: string | null;
  message_id: number | null;
  seq: number | null;
  event_id: number | null;
}

/** The message, or null when the actor takes no part in the conversation yet (the general path adds them). */
export const postInOneStatement = defineStandaloneCommand<{ conversationId: number; body: string }, Message | null, PersonActor>(
  'conversations.postInOneStatement',
  async (ctx, { conversationId, body }) => {
    const visibility = await conversationVisibilityOf(ctx.db, ctx.actor);
    const at = now();
    // the message as the general path presents it; the statement fills in what it numbers
    const template: Message = {
      id: 0,
      conversationId,
      seq: 0,
      type: 'text',
      body,
      author: authorOf(ctx.actor, 0),
      sentBy: null,
      createdAt: at,
    };
    return ctx.emitWith(async (index) => {
      const { rows } = await ctx.db.executeQuery<PostRow>(
        CompiledQuery.raw(POST, [
          conversationId,
          visibility.kind === 'all',
          visibility.kind === 'customerUser' ? visibility.customerUserId : null,
          visibility.kind === 'customers' ? visibility.customerIds : null,
          ctx.actor.kind === 'customer_user' ? ctx.actor.id : null,
          ctx.actor.kind === 'backoffice_user' ? ctx.actor.id : null,
          at,
          body,
          JSON.stringify({ message: template }),
          index,
          visibility.kind === 'all' ? null : visibility.guestOf,
        ]),
      );
      const row = rows[0];
      if (!row) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
      refuseLateOrderLock(row.transaction_id_then);
      if (row.participant_id === null) return { value: null, event: null };
      if (row.message_id === null || row.seq === null || row.event_id === null) {
        throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed and accepts no new messages.');
      }
      const message: Message = { ...template, id: row.message_id, seq: row.seq, author: authorOf(ctx.actor, row.participant_id) };
      const event: StoredEvent = {
        id: Number(row.event_id),
        type: 'message.created',
        conversationId,
        customerId: row.customer_id,
        customerUserId: row.customer_user_id,
        payload: { message },
        createdAt: at,
      };
      return { value: message, event };
    });
  },
);
