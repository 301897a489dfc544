import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { SignalSchema, StoredEventSchema, type Signal, type StoredEvent } from '../../shared/events';
import { createFanout, type EventBus } from './bus';

// What arrives from Redis is another process's word: checked against the catalogue before use.
const Envelope = z.object({ origin: z.string(), body: z.unknown() });
const StoredEvents = z.array(StoredEventSchema);

export interface RedisBusOptions {
  /**
   * What the instances sharing these channels have in common: their database.
   * Two deployments on one Redis must never hear each other, or an event id
   * of one would pass for an event of the other.
   */
  namespace: string;
  onError?: (error: unknown) => void;
}

/**
 * The bus for several instances: committed events go to a Redis channel and
 * every instance hands them to its own listeners. The publishing instance
 * delivers its own at once (no round trip) and ignores their echo, so each
 * listener hears each event exactly once. Pub/sub needs its own connection.
 */
export async function createRedisEventBus(url: string, options: RedisBusOptions): Promise<EventBus> {
  const origin = crypto.randomUUID();
  const space = crypto.createHash('sha256').update(options.namespace).digest('hex').slice(0, 16);
  const EVENTS_CHANNEL = `parley:${space}:events`;
  const SIGNALS_CHANNEL = `parley:${space}:signals`;
  const onError = options.onError ?? (() => undefined);
  const pub = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  const sub = new Redis(url, { lazyConnect: true });
  // until the first connection, a failure is the answer to start-up, not news to log
  let started = false;
  let firstError: Error | undefined;
  for (const client of [pub, sub]) {
    client.on('error', (error: Error) => {
      if (started) onError(error);
      else firstError ??= error;
    });
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(EVENTS_CHANNEL, SIGNALS_CHANNEL);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    const where = new URL(url);
    const first = firstError ?? (error as Error);
    throw new Error(`REDIS_URL: cannot reach Redis at ${where.hostname}:${where.port || 6379} (${first.message})`, { cause: error });
  }
  started = true;

  const events = createFanout<StoredEvent[]>();
  const signals = createFanout<Signal>();

  sub.on('message', (channel: string, raw: string) => {
    try {
      const envelope = Envelope.parse(JSON.parse(raw));
      if (envelope.origin === origin) return;
      if (channel === EVENTS_CHANNEL) events.emit(StoredEvents.parse(envelope.body));
      else if (channel === SIGNALS_CHANNEL) signals.emit(SignalSchema.parse(envelope.body));
    } catch (error) {
      onError(error);
    }
  });

  const send = (channel: string, body: unknown) => {
    // after the commit: a failed publish must not fail the request; the other
    // instances' feeds fill any gap from the events table on the next event
    pub.publish(channel, JSON.stringify({ origin, body })).catch(onError);
  };

  return {
    publish(batch) {
      if (batch.length === 0) return;
      events.emit(batch);
      send(EVENTS_CHANNEL, batch);
    },
    subscribe: events.add,
    signal(signal) {
      signals.emit(signal);
      send(SIGNALS_CHANNEL, signal);
    },
    onSignal: signals.add,
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
