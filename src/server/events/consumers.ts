// Durable consumers of the stored event stream: each side effect of a
// commit (clearing a deleted record from its conversations, ending a deleted
// user's sessions, later webhooks, mail, search) is a named consumer that
// receives every stored event of its types in id order, at least once, from
// a cursor kept in the database. A restarted process resumes from the
// cursor; with several instances exactly one runs a given consumer at a time
// (a lease row, renewed while it works), and another takes over once the
// holder stops renewing. A failing handler is retried with backoff; it holds
// up its own consumer only, never another one or a request.
import type { EventType, StoredEvent } from '../../shared/events';
import { systemActor, type SystemActor } from '../kernel/actor';
import type { Ctx, Runtime } from '../kernel/context';
import { loadEventsAfter } from './events.repo';
import { lastEventId } from './positions';
import { advanceCursor, claimLease, recordFailure, releaseLease, renewLease } from './cursors';

export interface Consumer {
  /** unique and kept: the cursor's key, e.g. "conversations.sources" */
  name: string;
  /** the event types it handles; the cursor passes over the others */
  types: readonly EventType[];
  /** a new consumer starts from the first stored event (default) or from now */
  startAt?: 'beginning' | 'now';
  /**
   * Handles one event. It may run more than once for the same event (a crash
   * before the cursor moved, a lease taken over): `event.id` is there to make
   * it idempotent. It acts as the system actor named after the consumer.
   */
  handle(event: StoredEvent, ctx: Ctx<SystemActor>): Promise<void>;
  /**
   * Optional: handles a batch of events (in order, up to `batch` at a time)
   * at once, for a consumer that writes per event and would otherwise wait
   * for one durable write per event. Retried as a whole, like `handle`.
   */
  handleBatch?(events: readonly StoredEvent[], ctx: Ctx<SystemActor>): Promise<void>;
  /**
   * Optional: once woken by news, how long to let more gather before reading
   * (default 0: at once). For a consumer whose effect may come a little late
   * (mail minutes later), so that a stream of posts is read in full batches
   * instead of a few events per look, each look costing reads of its own.
   */
  gatherMs?: number;
}

export interface ConsumerOptions {
  /** this instance, as lease holder */
  owner: string;
  /** how long a lease lasts unless renewed; another instance takes over after it */
  leaseMs: number;
  /** how often to look at the table when nothing woke the consumer */
  pollMs: number;
  /** events read at a time */
  batch: number;
  /**
   * While events keep coming, the cursor is saved at most this often; once
   * they stop, within this long. Handlers are idempotent (at least once), so
   * a crash redoes at most this much, and a busy stream does not cost every
   * batch a durable write of its own.
   */
  saveEveryMs: number;
  /** the first retry's wait, doubled each time up to maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
  log(message: string, details: Record<string, unknown>): void;
}

export const defaultConsumerOptions: Omit<ConsumerOptions, 'owner' | 'log'> = {
  leaseMs: 10_000,
  pollMs: 1_000,
  batch: 100,
  saveEveryMs: 250,
  backoffMs: 200,
  maxBackoffMs: 30_000,
};

export interface ConsumerRuntime {
  /** the bus heard these events: the consumers of their types look now rather than at the next poll */
  wake(events: readonly StoredEvent[]): void;
  /** stops every consumer after its current event and hands the leases back */
  stop(): Promise<void>;
}

export function startConsumers(runtime: Runtime, consumers: readonly Consumer[], options: ConsumerOptions): ConsumerRuntime {
  const names = new Set<string>();
  for (const c of consumers) {
    if (names.has(c.name)) throw new Error(`two consumers are named ${c.name}`);
    names.add(c.name);
  }
  const loops = consumers.map((consumer) => runConsumer(runtime, consumer, options));
  return {
    wake: (events) => {
      for (const loop of loops) if (events.some((e) => loop.types.has(e.type))) loop.wake();
    },
    stop: async () => {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}

function runConsumer(runtime: Runtime, consumer: Consumer, options: ConsumerOptions) {
  const ctx = runtime.contextFor(systemActor(consumer.name));
  const lease = { name: consumer.name, owner: options.owner, leaseMs: options.leaseMs };
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  /** sleeps `ms`, or less when stopped or (`wakeable`: waiting for news) woken */
  const pause = (ms: number, wakeable = true) =>
    new Promise<void>((resolve) => {
      if (stopped || (wakeable && woken)) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        if (wakeable) woken = false;
        resolve();
      }
      // a backoff ends early only to stop; news waits for the retry
      wakeUp = wakeable ? done : () => stopped && done();
    });

  /** handles one event (or, with handleBatch, a batch) until it succeeds (or the consumer stops); false when the lease was lost meanwhile */
  const handleWithRetries = async (batch: readonly StoredEvent[]): Promise<boolean> => {
    const event = batch[0]!;
    for (let attempt = 0; !stopped; attempt++) {
      try {
        if (consumer.handleBatch) await consumer.handleBatch(batch, ctx);
        else await consumer.handle(event, ctx);
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.log('consumer failed; retrying', { consumer: consumer.name, eventId: event.id, attempt: attempt + 1, error: message });
        await ctx.write(recordFailure, { ...lease, error: message }).catch(() => undefined);
        await pause(Math.min(options.backoffMs * 2 ** attempt, options.maxBackoffMs), false);
        if (!(await ctx.write(renewLease, lease))) return false;
      }
    }
    return false;
  };

  /** while holding the lease: the events after `position`, a batch at a time */
  const drain = async (from: number) => {
    let saved = from;
    let position = from;
    let keptAt = Date.now();
    /** events were handled since the cursor was last saved */
    let handledSince = false;
    /** moves the cursor to `position` (or only renews the lease when it has not moved); false when the lease was lost */
    const keep = async () => {
      keptAt = Date.now();
      handledSince = false;
      if (position === saved) return ctx.write(renewLease, lease);
      const kept = await ctx.write(advanceCursor, { ...lease, position });
      saved = position;
      return kept;
    };
    const due = (ms: number) => Date.now() - keptAt >= ms;
    const renewDue = () => due(options.leaseMs / 3);
    const saveDue = () => handledSince && due(Math.min(options.saveEveryMs, options.leaseMs / 3));
    while (!stopped) {
      // the settled head before reading: every event up to it has committed, and none can appear below it later
      const newest = await lastEventId(ctx.db, ctx.dialect);
      const events = await loadEventsAfter(ctx.db, { afterId: position, upToId: newest, limit: options.batch }, { types: consumer.types });
      const units = consumer.handleBatch ? (events.length > 0 ? [events] : []) : events.map((e) => [e]);
      for (const unit of units) {
        if (!(await handleWithRetries(unit))) return;
        position = unit.at(-1)!.id;
        handledSince = true;
        if ((saveDue() || renewDue()) && !(await keep())) return;
      }
      const more = events.length === options.batch;
      if (more) continue;
      // nothing more of its types up to `newest`: the cursor passes the others
      // by, saved with the next handled event or the lease's renewal (a cursor
      // write per wake would cost every post a write)
      position = Math.max(position, newest);
      // caught up after handling: saved once a look finds nothing new, or when due
      const idle = handledSince && events.length === 0;
      if ((idle || saveDue() || renewDue()) && !(await keep())) return;
      await pause(handledSince ? options.saveEveryMs : options.pollMs);
      if (consumer.gatherMs) await pause(consumer.gatherMs, false);
    }
    // a clean stop hands the lease back with the cursor where it is
    if (position !== saved) await ctx.write(advanceCursor, { ...lease, position });
  };

  const done = (async () => {
    while (!stopped) {
      try {
        const claimed = await ctx.write(claimLease, { ...lease, startAt: consumer.startAt ?? 'beginning' });
        if (claimed) await drain(claimed.position);
        else await pause(Math.max(options.pollMs, options.leaseMs / 3));
      } catch (error) {
        // the database is away, say: try again shortly
        options.log('consumer stopped on an error; restarting', {
          consumer: consumer.name,
          error: error instanceof Error ? error.message : String(error),
        });
        await pause(options.backoffMs);
      }
    }
  })();

  return {
    types: new Set<EventType>(consumer.types),
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
      await ctx.write(releaseLease, lease).catch(() => undefined);
    },
  };
}
