// The Redis bus alone: each listener hears each event once on every instance
// (the publisher's own included, never its echo), deployments on one Redis
// never hear each other, and what arrives from Redis is checked first.
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Signal, StoredEvent } from '../../src/shared/events';
import { createRedisEventBus, type EventBus } from '../../src/server/events';
import { REDIS_URL } from '../support/global-setup';

const event = (id: number): StoredEvent => ({
  id,
  type: 'conversation.deleted',
  conversationId: 1,
  customerId: 1,
  customerUserId: 1,
  payload: { conversationId: 1 },
  createdAt: new Date().toISOString(),
});
const settle = () => new Promise((r) => setTimeout(r, 150));

describe.skipIf(!inject('redis').ok)('live Redis bus', () => {
  const namespace = `test-${crypto.randomUUID()}`;
  const buses: EventBus[] = [];
  const errors: unknown[] = [];
  async function instance(ns = namespace) {
    const bus = await createRedisEventBus(REDIS_URL, { namespace: ns, onError: (e) => errors.push(e) });
    buses.push(bus);
    const events: number[] = [];
    const signals: Signal[] = [];
    bus.subscribe((batch) => events.push(...batch.map((e) => e.id)));
    bus.onSignal((s) => signals.push(s));
    return { bus, events, signals };
  }
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it('delivers each event once on every instance sharing the database, and nowhere else', async () => {
    const a = await instance();
    const b = await instance();
    const other = await instance(`${namespace}-other`);
    a.bus.publish([event(1), event(2)]);
    b.bus.publish([event(3)]);
    a.bus.signal({ type: 'session.ended', sessionId: 'x' });
    await settle();
    expect(a.events).toEqual([1, 2, 3]);
    expect([...b.events].sort()).toEqual([1, 2, 3]);
    expect(a.signals).toEqual([{ type: 'session.ended', sessionId: 'x' }]);
    expect(b.signals).toEqual([{ type: 'session.ended', sessionId: 'x' }]);
    expect(other.events).toEqual([]);
    expect(other.signals).toEqual([]);
  });

  it('ignores and reports what does not match the protocol', async () => {
    const a = await instance();
    const raw = new Redis(REDIS_URL);
    const space = crypto.createHash('sha256').update(namespace).digest('hex').slice(0, 16);
    await raw.publish(`parley:${space}:events`, 'not json');
    await raw.publish(`parley:${space}:events`, JSON.stringify({ origin: 'elsewhere', body: [{ id: 'x' }] }));
    // well formed but for its payload, which the event catalogue refuses
    await raw.publish(
      `parley:${space}:events`,
      JSON.stringify({ origin: 'elsewhere', body: [{ ...event(9), type: 'message.created', payload: { n: 9 } }] }),
    );
    await raw.publish(`parley:${space}:signals`, JSON.stringify({ origin: 'elsewhere', body: { type: 'reboot' } }));
    await raw.quit();
    await settle();
    expect(a.events).toEqual([]);
    expect(a.signals).toEqual([]);
    expect(errors.length).toBeGreaterThanOrEqual(4);
  });
});

describe('live Redis bus start-up', () => {
  it('fails start-up with a clear message when REDIS_URL does not answer', async () => {
    await expect(createRedisEventBus('redis://127.0.0.1:9', { namespace: 'nowhere' })).rejects.toThrow(
      /^REDIS_URL: cannot reach Redis at 127\.0\.0\.1:9 \(connect ECONNREFUSED/,
    );
  });
});
