// The delivery worker: every instance runs one. It finds each endpoint's due
// deliveries (the head of each conversation's lane only, so a conversation's
// events reach an endpoint in order), claims them for a while with a
// conditional update (so that two instances never send the same one at
// once), posts them, and records each attempt. An endpoint has at most
// `perEndpoint` posts in flight and the worker `maxInFlight`: a slow or
// failing endpoint fills only its own slots and never waits in front of
// another, and nothing here is on the path of a post. Claims are taken a
// batch at a time (up to four times `perEndpoint` per endpoint, queued
// locally), and the attempts that end together are recorded in one write:
// a durable write per delivery would cap deliveries at the fsync rate.
import type { SystemActor } from '../kernel/actor';
import { systemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import type { Ctx, Runtime } from '../kernel/context';
import { runRounds } from '../kernel/rounds';
import * as repo from './deliveries.repo';
import { claimDeliveries, recordAttempts, type AttemptOutcome } from './deliveries.service';
import { iso } from './endpoints.service';
import { nextAttemptAt, RETRY_WINDOW_MS } from './retries';
import { createSender, type PostResult } from './send';
import { signedHeaders } from './signing';

export interface WorkerOptions {
  /** this instance, as the holder of its claims */
  owner: string;
  clock: Clock;
  /** PARLEY_WEBHOOKS_TIMEOUT_MS: one attempt, connection to the end of the answer */
  timeoutMs: number;
  allowPrivate: boolean;
  /** how often to look for due deliveries when nothing woke the worker */
  pollMs: number;
  maxInFlight: number;
  perEndpoint: number;
  log(message: string, details: Record<string, unknown>): void;
}

export const defaultWorkerOptions = { pollMs: 200, maxInFlight: 64, perEndpoint: 16 };

export interface WebhookWorker {
  wake(): void;
  stop(): Promise<void>;
}

type Sendable = Awaited<ReturnType<typeof repo.deliveriesToSend>>[number];

const describeFailure = (r: PostResult) => (r.status !== null ? `HTTP ${r.status}` : (r.error ?? 'no answer'));

export function startWebhookWorker(runtime: Runtime, options: WorkerOptions): WebhookWorker {
  const ctx: Ctx<SystemActor> = runtime.contextFor(systemActor('webhooks.delivery'));
  const sender = createSender(options);
  /** delivery id → endpoint id, for what this instance has claimed (queued or sending) */
  const inFlight = new Map<number, number>();
  const sending = new Set<Promise<void>>();

  // attempts that end while a write is under way wait for the next one together: one fsync for many
  let waiting: { outcome: AttemptOutcome; done(error?: Error): void }[] = [];
  let writing = false;
  const flush = async () => {
    if (writing) return;
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await ctx.write(recordAttempts, { outcomes: batch.map((w) => w.outcome) });
        for (const w of batch) w.done();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error('recording the attempts failed', { cause: error });
        for (const w of batch) w.done(failure);
      }
    }
    writing = false;
  };
  const record = (outcome: AttemptOutcome) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
      void flush();
    });

  const send = async (d: Sendable) => {
    const at = options.clock.now();
    const live =
      d.previous_secret && d.previous_secret_until && d.previous_secret_until > iso(at) ? [d.secret, d.previous_secret] : [d.secret];
    const result = await sender.post(d.url, d.body, signedHeaders(live, d.message_id, at, d.body));
    if (rounds.stopped()) return; // aborted by the stop: the claim runs out and another run sends it again
    const first = d.first_attempt_at ? Date.parse(d.first_attempt_at) : at;
    const retryAt = result.ok || d.kind === 'test' ? null : nextAttemptAt(first, at, d.attempts + 1);
    const givenUp = !result.ok && retryAt === null && d.kind !== 'test';
    await record({
      deliveryId: d.id,
      endpointId: d.endpoint_id,
      at: iso(at),
      ...result,
      retryAt: retryAt === null ? null : iso(retryAt),
      disableReason: givenUp
        ? `Disabled on ${iso(at)}: deliveries failed for ${RETRY_WINDOW_MS / 3_600_000} hours (last attempt: ${describeFailure(result)}). Fix the receiver, then make the endpoint active again.`
        : null,
    });
  };

  /** claimed deliveries waiting for one of their endpoint's sending slots, oldest first; and how many each endpoint is sending */
  const queued = new Map<number, Sendable[]>();
  const sendingCount = new Map<number, number>();
  /** claims per endpoint held at most (queued and sending): a claim write takes a batch, not one per finished post */
  const heldPerEndpoint = () => options.perEndpoint * 4;
  const heldBy = (endpointId: number) => [...inFlight.values()].filter((id) => id === endpointId).length;

  /** starts the endpoint's queued deliveries while it has free slots (and the worker too) */
  const pump = (endpointId: number) => {
    const queue = queued.get(endpointId) ?? [];
    while (queue.length > 0 && (sendingCount.get(endpointId) ?? 0) < options.perEndpoint && sending.size < options.maxInFlight) {
      const d = queue.shift()!;
      sendingCount.set(endpointId, (sendingCount.get(endpointId) ?? 0) + 1);
      const done: Promise<void> = send(d)
        .catch((error: unknown) =>
          options.log('webhook attempt not recorded; it is sent again once its claim runs out', {
            deliveryId: d.id,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .finally(() => {
          inFlight.delete(d.id);
          sending.delete(done);
          sendingCount.set(endpointId, (sendingCount.get(endpointId) ?? 1) - 1);
          for (const id of queued.keys()) pump(id);
          // claim more once half of what it held is done
          if (heldBy(endpointId) <= heldPerEndpoint() / 2) rounds.wake();
        });
      sending.add(done);
    }
  };

  /** claims what is due, within the limits, and queues it for sending */
  const look = async () => {
    const at = iso(options.clock.now());
    const picked: number[] = [];
    for (const endpoint of await repo.endpointsWithWork(ctx.db, at)) {
      const room = heldPerEndpoint() - heldBy(endpoint.id);
      if (room <= 0) continue;
      const due = await repo.dueDeliveries(ctx.db, endpoint, at, room, [...inFlight.keys()]);
      picked.push(...due.map((d) => d.id));
    }
    if (picked.length === 0) return;
    // long enough to outlast the queue and an attempt; a crashed instance's claims run out and another sends them
    const until = iso(options.clock.now() + 5 * options.timeoutMs + 60_000);
    const claimed = await ctx.write(claimDeliveries, { ids: picked, owner: options.owner, at, until });
    for (const d of await repo.deliveriesToSend(ctx.db, claimed)) {
      inFlight.set(d.id, d.endpoint_id);
      queued.set(d.endpoint_id, [...(queued.get(d.endpoint_id) ?? []), d]);
    }
    for (const id of queued.keys()) pump(id);
  };

  const rounds = runRounds(look, {
    pollMs: options.pollMs,
    onError: (error) =>
      options.log('webhook worker failed to look for work; trying again', {
        error: error instanceof Error ? error.message : String(error),
      }),
  });

  return {
    wake: rounds.wake,
    async stop() {
      await rounds.stop();
      sender.close();
      await Promise.allSettled(sending);
    },
  };
}
