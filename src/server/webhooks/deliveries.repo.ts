import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../db/schema';
import type { WebhookAttemptTable, WebhookDeliveryTable } from './webhooks.table';

/** 'pending' written into the SQL, so that both databases may use the partial indexes on pending rows (a bound value may not). */
const PENDING = sql.lit<'pending'>('pending');

export type NewDelivery = Insertable<WebhookDeliveryTable>;

/** Adds deliveries (a few hundred rows a statement, within both databases' limits on parameters); a fan-out run again for the same event adds nothing (unique endpoint and event). */
export async function insertDeliveries(db: Kysely<DB>, rows: NewDelivery[]) {
  const ids: { id: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    ids.push(
      ...(await db
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .returning('id')
        .execute()),
    );
  }
  return ids;
}

export const findDelivery = (db: Kysely<DB>, endpointId: number, id: number) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('endpoint_id', '=', endpointId).executeTakeFirst();

/**
 * An endpoint's deliveries that may be sent now: pending, due, not claimed by
 * a live claim, and each the head of its lane (no older pending delivery of
 * the same conversation to the same endpoint), oldest first.
 */
export function dueDeliveries(
  db: Kysely<DB>,
  endpoint: { id: number; active: number },
  at: string,
  limit: number,
  skip: readonly number[],
) {
  const endpointId = endpoint.id;
  let query = db
    .selectFrom('webhook_deliveries as d')
    .select(['d.id', 'd.lane'])
    .where('d.endpoint_id', '=', endpointId)
    .where('d.state', '=', PENDING)
    .where('d.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<', at)]))
    .where((eb) =>
      eb.or([
        eb('d.lane', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as p')
              .select('p.id')
              .where('p.endpoint_id', '=', endpointId)
              .whereRef('p.lane', '=', 'd.lane')
              .where('p.state', '=', PENDING)
              .whereRef('p.id', '<', 'd.id'),
          ),
        ),
      ]),
    );
  // an inactive endpoint still gets what "Send test event" queued, and nothing else
  if (!endpoint.active) query = query.where('d.kind', '=', 'test');
  if (skip.length > 0) query = query.where('d.id', 'not in', skip);
  return query.orderBy('d.id').limit(limit).execute();
}

/** Endpoints with something to send: the active ones, and any with a test waiting. */
export function endpointsWithWork(db: Kysely<DB>, at: string) {
  return db
    .selectFrom('webhook_endpoints as e')
    .select(['e.id', 'e.active'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('webhook_deliveries as d')
          .select('d.id')
          .whereRef('d.endpoint_id', '=', 'e.id')
          .where('d.state', '=', PENDING)
          .where('d.next_attempt_at', '<=', at)
          .where((w) => w.or([w('e.active', '=', 1), w('d.kind', '=', 'test')])),
      ),
    )
    .orderBy('e.id')
    .execute();
}

/** Takes the deliveries for this instance until `until`; answers those it got (another instance may have been quicker). */
export async function claimDeliveries(db: Kysely<DB>, ids: readonly number[], owner: string, at: string, until: string) {
  if (ids.length === 0) return [];
  return db
    .updateTable('webhook_deliveries')
    .set({ claimed_by: owner, claimed_until: until })
    .where('id', 'in', ids)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .returning(['id'])
    .execute();
}

/** What sending a claimed delivery needs: its body and its endpoint's URL and secrets. */
export function deliveriesToSend(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.endpoint_id',
      'd.message_id',
      'd.body',
      'd.kind',
      'd.attempts',
      'd.first_attempt_at',
      'e.url',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_until',
    ])
    .where('d.id', 'in', ids)
    .orderBy('d.id')
    .execute();
}

export const insertAttempt = (db: Kysely<DB>, attempt: Insertable<WebhookAttemptTable>) =>
  db.insertInto('webhook_attempts').values(attempt).execute();

/**
 * A page of an endpoint's log, newest first, with every attempt of each
 * delivery, in one statement: an attempt and its delivery's new state commit
 * together, and two reads could fall on either side of that commit (the
 * attempt shown beside the state before it, on PostgreSQL's per-statement
 * snapshots).
 */
export async function deliveryLog(db: Kysely<DB>, endpointId: number, before: number | undefined, limit: number) {
  let page = db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpointId);
  if (before) page = page.where('id', '<', before);
  const rows = await db
    .selectFrom(page.orderBy('id', 'desc').limit(limit).as('p'))
    .innerJoin('webhook_deliveries as d', 'd.id', 'p.id')
    .leftJoin('webhook_attempts as a', 'a.delivery_id', 'd.id')
    .selectAll('d')
    .select([
      'a.id as a_id',
      'a.endpoint_id as a_endpoint_id',
      'a.attempted_at as a_attempted_at',
      'a.status as a_status',
      'a.ok as a_ok',
      'a.duration_ms as a_duration_ms',
      'a.response as a_response',
      'a.error as a_error',
    ])
    .orderBy('d.id', 'desc')
    .orderBy('a.id')
    .execute();
  const deliveries: Selectable<WebhookDeliveryTable>[] = [];
  const attempts: Selectable<WebhookAttemptTable>[] = [];
  for (const { a_id, a_endpoint_id, a_attempted_at, a_status, a_ok, a_duration_ms, a_response, a_error, ...delivery } of rows) {
    if (deliveries.at(-1)?.id !== delivery.id) deliveries.push(delivery);
    if (a_id === null) continue;
    attempts.push({
      id: a_id,
      delivery_id: delivery.id,
      endpoint_id: a_endpoint_id!,
      attempted_at: a_attempted_at!,
      status: a_status,
      ok: a_ok!,
      duration_ms: a_duration_ms!,
      response: a_response!,
      error: a_error,
    });
  }
  return { deliveries, attempts };
}

/** Each endpoint's newest delivery, with its newest attempt's status. */
export async function lastDeliveries(db: Kysely<DB>) {
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'endpoint_id', 'state', 'event_type'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select((s) => s.fn.max('id').as('id'))
        .groupBy('endpoint_id'),
    )
    .execute();
  const attempts =
    deliveries.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempts')
          .select(['delivery_id', 'status', 'attempted_at'])
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('webhook_attempts')
              .select((s) => s.fn.max('id').as('id'))
              .where(
                'delivery_id',
                'in',
                deliveries.map((d) => d.id),
              )
              .groupBy('delivery_id'),
          )
          .execute();
  return { deliveries, attempts };
}

/** Deliveries waiting to be sent (for /metrics): pending, whether due or backing off. */
export async function pendingDeliveryCount(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('state', '=', PENDING)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
