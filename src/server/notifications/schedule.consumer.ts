import type { StoredEvent } from '../../shared/events';
import type { Consumer } from '../events';
import { defineCommand, type Ctx } from '../kernel/context';
import type { SystemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import { iso } from '../mail';
import { readersOf } from '../conversations';
import { forgetConversation, waitsOf, watchMessage } from './watches.repo';

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
  const messages = events.flatMap((e) => (e.type === 'message.created' && e.payload.message.type !== 'system' ? [e.payload.message] : []));
  const readers = new Map<number, Awaited<ReturnType<typeof readersOf>>>();
  const waits = new Map<number, Awaited<ReturnType<typeof waitsOf>>[number]>();
  const ids = [...new Set(messages.map((m) => m.conversationId))];
  const found = ids.length > 0 ? await readersOf(ctx.db, ids) : [];
  for (const p of found) readers.set(p.conversation_id, [...(readers.get(p.conversation_id) ?? []), p]);
  const participantIds = found.map((p) => p.id);
  for (const w of participantIds.length > 0 ? await waitsOf(ctx.db, participantIds) : []) waits.set(w.participant_id, w);
  for (const event of events) if (event.type === 'conversation.deleted') deleted.push(event.payload.conversationId);
  // a participant's first message of the batch starts the wait; the later ones join it
  const started = new Set<number>();
  for (const m of messages) {
    for (const p of readers.get(m.conversationId) ?? []) {
      if (started.has(p.id) || p.id === m.author?.participantId || p.last_read_seq >= m.seq) continue;
      // a wait already running takes this message in; one mailed up to it needs none (most, under a stream of posts: no write)
      const wait = waits.get(p.id);
      if (wait && (wait.since_at !== null || wait.notified_seq >= m.seq)) continue;
      // customers are mailed about text messages only: internal notes are for staff
      if (p.customer_user_id !== null && m.type !== 'text') continue;
      started.add(p.id);
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
  // mail goes minutes later: a tenth of a second spares a look per few posts
  gatherMs: 100,
  handle: (event, ctx) => schedule([event], ctx, iso(clock.now())),
  handleBatch: (events, ctx) => schedule(events, ctx, iso(clock.now())),
});
