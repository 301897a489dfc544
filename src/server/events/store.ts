import { sql, type Kysely } from 'kysely';
import { checkEvent, type DomainEvent, type StoredEvent } from '../../shared/events';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { now } from '../kernel/clock';
import { insertEvent } from './events.repo';

/** Outside production every emitted payload is checked against the catalogue, so that a mismatch fails a test, not a user. */
const CHECK_PAYLOADS = process.env.NODE_ENV !== 'production';

/**
 * Stores an event in the same transaction as the change it describes (so it
 * exists exactly when the change does); ids increase in commit order.
 */
export async function recordEvent(trx: Kysely<DB>, dialect: Dialect, event: DomainEvent): Promise<StoredEvent> {
  if (CHECK_PAYLOADS) checkEvent(event);
  if (dialect === 'postgres') {
    // serialise event writers so that ids are handed out in commit order and a
    // reader resuming from id N can never skip an event that commits late
    await sql`select pg_advisory_xact_lock(7305)`.execute(trx);
  }
  const createdAt = now();
  const [row] = await insertEvent(
    trx,
    event.type,
    event.conversationId,
    event.customerId,
    event.customerUserId,
    JSON.stringify(event.payload),
    createdAt,
  );
  return { ...event, id: row!.id, createdAt };
}
