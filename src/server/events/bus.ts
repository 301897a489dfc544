import type { Signal, StoredEvent } from '../../shared/events';

export type EventListener = (events: StoredEvent[]) => void;
export type SignalListener = (signal: Signal) => void;

/**
 * Fans committed events (and signals) out to listeners: in this process, or
 * through Redis to every instance. Each listener hears each event once; what
 * pub/sub loses, readers find in the events table (they sweep it).
 */
export interface EventBus {
  publish(events: StoredEvent[]): void;
  subscribe(listener: EventListener): () => void;
  signal(signal: Signal): void;
  onSignal(listener: SignalListener): () => void;
  close(): Promise<void>;
}

/** Listeners of one kind, each shielded from the others' failures. */
export function createFanout<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    emit(value: T) {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch {
          // a failing listener must not stop the others, nor the request that committed
        }
      }
    },
    add(listener: (value: T) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function createInMemoryEventBus(): EventBus {
  const events = createFanout<StoredEvent[]>();
  const signals = createFanout<Signal>();
  return {
    publish: (batch) => {
      if (batch.length > 0) events.emit(batch);
    },
    subscribe: events.add,
    signal: signals.emit,
    onSignal: signals.add,
    close: async () => undefined,
  };
}
