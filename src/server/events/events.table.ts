import type { Generated, Selectable } from 'kysely';
import type { EventType } from '../../shared/events';

/** The stored event stream: written with the change it describes, ids in commit order. */
export interface EventTable {
  id: Generated<number>;
  type: EventType;
  conversation_id: number | null;
  customer_id: number | null;
  customer_user_id: number | null;
  payload: string;
  created_at: string;
}

/** Each durable consumer's place in the stream, and which instance holds it. */
export interface EventConsumerTable {
  name: string;
  /** the id of the last event handled: the next run starts after it */
  position: number;
  /** the instance running this consumer, while its lease lasts */
  lease_owner: string | null;
  lease_until: string | null;
  /** failed attempts at the event after `position`, and the last failure */
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

/** Periodic jobs (jobs.ts): when each last ran, and who runs it now. */
export interface ScheduledJobTable {
  name: string;
  last_run_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_result: string | null;
  updated_at: string;
}

export type EventRow = Selectable<EventTable>;

declare module '../db/schema' {
  interface DB {
    events: EventTable;
    event_consumers: EventConsumerTable;
    scheduled_jobs: ScheduledJobTable;
  }
}
