import type { StoredEvent } from '../../shared/events';
import { listParticipants } from '../conversations';
import type { Consumer } from '../events';
import { defineCommand, type Ctx } from '../kernel/context';
import type { SystemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import { iso } from '../mail';
import { forgetConversation, watchMessage } from './watches.repo';

interface Waiting {
  participantId: number;
  conversationId: number;
  seq: number;
  at: string;
}

export const recordWaiting = defineCommand(
  'notifications.wait',
  async (ctx, { waiting, deleted }: { waiting: Waiting[]; deleted: number[] }) => {
    for (const w of waiting) await watchMessage(ctx.db, w);
    for (const id of deleted) await forgetConversation(ctx.db, id);
  },
);

async function schedule(events: readonly StoredEvent[], ctx: Ctx<SystemActor>, at: string) {
  const waiting: Waiting[] = [];
  const deleted: number[] = [];
  for (const event of events) {
    if (event.type === 'conversation.deleted') deleted.push(event.payload.conversationId);
    if (event.type !== 'message.created') continue;
    const m = event.payload.message;
    if (m.type === 'system') continue;
    for (const p of await listParticipants(ctx.db, m.conversationId)) {
      if (p.id === m.author?.participantId || p.last_read_seq >= m.seq) continue;
      // customers are mailed about text messages only: internal notes are for staff
      if (p.customer_user_id !== null && m.type !== 'text') continue;
      waiting.push({ participantId: p.id, conversationId: m.conversationId, seq: m.seq, at });
    }
  }
  if (waiting.length > 0 || deleted.length > 0) await ctx.write(recordWaiting, { waiting, deleted });
}

/**
 * Each new message starts a wait for every participant who has not read it
 * (one wait per participant: later messages join it, so they merge into one
 * mail). The sender (sender.ts) mails once the wait is older than the delay.
 * A repeated run changes nothing: a wait already running keeps its start, and
 * a message already mailed starts none. The wait starts when the consumer
 * sees the message, on the app's clock (which tests move).
 */
export const notificationsConsumer = (clock: Clock): Consumer => ({
  name: 'notifications.schedule',
  types: ['message.created', 'conversation.deleted'],
  startAt: 'now',
  handle: (event, ctx) => schedule([event], ctx, iso(clock.now())),
  handleBatch: (events, ctx) => schedule(events, ctx, iso(clock.now())),
});
