// Per-person limits on the writes that add content: messages per minute and
// conversations started per hour, for each signed-in customer user and
// back-office user (service tokens have their own limit on /integration/v1).
// A request past the limit answers 429 RATE_LIMITED with Retry-After before
// any work; a request that does not end in 201 gives its place back, so
// refused or failed posts cost nothing. Counted per instance, like the
// sign-in limits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isPerson } from '../kernel/actor';
import { AppError } from '../kernel/errors';

export interface WriteLimitSettings {
  messagesPerMinute: number;
  conversationsPerHour: number;
}

/** The routes (by method and template) each limit counts. */
const LIMITED: Record<string, 'message' | 'conversation'> = {
  'POST /api/conversations/:id/messages': 'message',
  'POST /admin/api/conversations/:id/messages': 'message',
  'POST /api/conversations': 'conversation',
  'POST /admin/api/conversations': 'conversation',
};

/** Fixed windows per key, in memory; expired windows are dropped as the map grows. */
export function createWindowCounter(limit: number, windowMs: number, clock = () => Date.now()) {
  const windows = new Map<string, { start: number; used: number }>();
  const prune = (t: number) => {
    for (const [key, w] of windows) if (t - w.start >= windowMs) windows.delete(key);
  };
  return {
    /** takes a place, or says in how many seconds one frees up */
    take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const t = clock();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        if (windows.size >= 10_000) prune(t);
        w = { start: t, used: 0 };
        windows.set(key, w);
      }
      if (w.used >= limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) };
      w.used += 1;
      return { allowed: true };
    },
    /** gives back a place taken in the current window */
    giveBack(key: string) {
      const w = windows.get(key);
      if (w && w.used > 0) w.used -= 1;
    },
  };
}

const taken = new WeakMap<FastifyRequest, () => void>();

export function installWriteLimits(app: FastifyInstance, settings: WriteLimitSettings, clock = () => Date.now()) {
  const counters = {
    message: {
      counter: createWindowCounter(settings.messagesPerMinute, 60_000, clock),
      what: `${settings.messagesPerMinute} messages a minute`,
    },
    conversation: {
      counter: createWindowCounter(settings.conversationsPerHour, 3_600_000, clock),
      what: `${settings.conversationsPerHour} new conversations an hour`,
    },
  };
  // preHandler: the session scope has named the actor, and the body is valid
  app.addHook('preHandler', async (request) => {
    const limited = LIMITED[`${request.method} ${request.routeOptions.url}`];
    const actor = request.actor;
    if (!limited || !actor || !isPerson(actor)) return;
    const { counter, what } = counters[limited];
    const key = `${actor.kind}:${actor.id}`;
    const verdict = counter.take(key);
    if (!verdict.allowed) {
      throw new AppError('RATE_LIMITED', `At most ${what}; try again in ${verdict.retryAfterSeconds} seconds.`, undefined, {
        'retry-after': String(verdict.retryAfterSeconds),
      });
    }
    taken.set(request, () => counter.giveBack(key));
  });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 201) taken.get(request)?.();
  });
}
