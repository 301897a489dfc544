import type { Kysely } from 'kysely';
import { checkEvent, type DomainEvent, type StoredEvent } from '../../shared/events';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { now } from '../kernel/clock';
import { insertEvent, insertEventAt } from './events.repo';
import { EVENTS_PER_TRANSACTION } from './positions';

/** Outside production every emitted payload is checked against the catalogue, so that a mismatch fails a test, not a user. */
const CHECK_PAYLOADS = process.env.NODE_ENV !== 'production';

/** An event stored by a statement of a command's own (see `Ctx.emitWith`), checked as `recordEvent` checks. */
export function checkedEvent(event: StoredEvent): StoredEvent {
  if (CHECK_PAYLOADS) checkEvent(event);
  return event;
}

/**
 * Stores an event in the same transaction as the change it describes (so it
 * exists exactly when the change does). `index` is its place among the
 * transaction's events: on PostgreSQL its id is its position in transaction
 * order (see positions.ts); on SQLite ids follow commit order.
 */
export async function recordEvent(trx: Kysely<DB>, dialect: Dialect, event: DomainEvent, index: number): Promise<StoredEvent> {
  if (CHECK_PAYLOADS) checkEvent(event);
  const createdAt = now();
  const values = [
    event.type,
    event.conversationId,
    event.customerId,
    event.customerUserId,
    JSON.stringify(event.payload),
    createdAt,
  ] as const;
  let id: number;
  if (dialect === 'postgres') {
    if (index >= EVENTS_PER_TRANSACTION) throw new Error(`a transaction may store at most ${EVENTS_PER_TRANSACTION} events`);
    id = Number((await insertEventAt(trx, index, ...values))[0]!.id);
  } else {
    id = (await insertEvent(trx, ...values))[0]!.id;
  }
  return { ...event, id, createdAt };
}
