// Orders, RFQs and quotes as the store's sync API sees them: keyed by the
// store's ids (unique per type), upserted inside the integration's commands.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { RecordType } from '../../shared/api';
import type { RecordLine, RecordUpsert, SyncRecord } from '../../shared/integration';
import type { DB } from '../db/schema';
import { externalReader } from '../db/keyset';
import { now } from '../kernel/clock';
import type { Ctx } from '../kernel/context';
import { AppError, badCursor, invalidFields } from '../kernel/errors';
import { customerUserOf, type SyncListInput, type Upserted } from '../people';

function recordQuery(db: Kysely<DB>, type: RecordType) {
  return db
    .selectFrom('commerce_records as r')
    .innerJoin('customer_users as u', 'u.id', 'r.customer_user_id')
    .select(['r.id', 'r.external_id', 'r.type', 'r.number', 'r.status', 'r.total', 'r.currency', 'r.lines', 'r.created_at', 'r.updated_at'])
    .select('u.external_id as customer_user_external_id')
    .where('r.type', '=', type)
    .where('r.deleted_at', 'is', null);
}
type RecordRow = Awaited<ReturnType<ReturnType<typeof recordQuery>['executeTakeFirstOrThrow']>>;

const presentRecord = (r: RecordRow): z.infer<typeof SyncRecord> => ({
  externalId: r.external_id ?? '',
  id: r.id,
  type: r.type,
  number: r.number,
  status: r.status,
  total: r.total,
  currency: r.currency,
  customerUserExternalId: r.customer_user_external_id,
  lines: r.lines ? (JSON.parse(r.lines) as RecordLine[]) : [],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const reader = (db: Kysely<DB>, type: RecordType) => externalReader('r', () => recordQuery(db, type), presentRecord);

export const syncRecord = (db: Kysely<DB>, type: RecordType, externalId: string) => reader(db, type).one(externalId);

export async function listSyncRecords(db: Kysely<DB>, type: RecordType, input: SyncListInput) {
  const page = await reader(db, type).page(input);
  if (!page) throw badCursor();
  return page;
}

/** The id of the record (not deleted) of this type with this externalId, and its customer user. */
export function recordOf(db: Kysely<DB>, type: RecordType, externalId: string) {
  return db
    .selectFrom('commerce_records')
    .select(['id', 'customer_user_id'])
    .where('type', '=', type)
    .where('external_id', '=', externalId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Inside a command: creates or changes the record of this type with this
 * externalId; one made in Parley with the same number is adopted. The same
 * values again change nothing (not even updatedAt).
 */
export async function upsertRecord(ctx: Ctx, type: RecordType, externalId: string, input: z.infer<typeof RecordUpsert>): Promise<Upserted> {
  const owner = await customerUserOf(ctx.db, input.customerUserExternalId);
  if (!owner) throw invalidFields({ customerUserExternalId: 'No customer user has this externalId.' });
  // one query for both: the row of this externalId, and the one with this number
  const rows = await ctx.db
    .selectFrom('commerce_records')
    .selectAll()
    .where('type', '=', type)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('external_id', '=', externalId), eb('number', '=', input.number)]))
    .execute();
  let existing = rows.find((r) => r.external_id === externalId);
  const sameNumber = rows.find((r) => r.number === input.number);
  if (sameNumber && sameNumber.id !== existing?.id) {
    if (existing || sameNumber.external_id !== null) {
      throw new AppError('EXTERNAL_ID_CONFLICT', `Another ${type} has this number.`, {
        number: sameNumber.external_id
          ? `The ${type} with externalId ${sameNumber.external_id} has this number.`
          : `An ${type} made in Parley has this number.`,
      });
    }
    existing = sameNumber;
  }
  const values = {
    number: input.number,
    status: input.status,
    total: input.total,
    currency: input.currency,
    customer_id: owner.customer_id,
    customer_user_id: owner.id,
    lines: input.lines && input.lines.length > 0 ? JSON.stringify(input.lines) : null,
  };
  const at = now();
  // kept as Parley keeps times (UTC, milliseconds), so that the same moment compares equal
  const createdAt = input.createdAt && new Date(input.createdAt).toISOString();
  if (!existing) {
    const { id } = await ctx.db
      .insertInto('commerce_records')
      .values({ ...values, type, external_id: externalId, created_at: createdAt ?? at, updated_at: at, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { outcome: 'created', id };
  }
  const same =
    existing.external_id === externalId &&
    (Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k]) &&
    (createdAt === undefined || existing.created_at === createdAt);
  if (same) return { outcome: 'unchanged', id: existing.id };
  await ctx.db
    .updateTable('commerce_records')
    .set({ ...values, external_id: externalId, updated_at: at, ...(createdAt ? { created_at: createdAt } : {}) })
    .where('id', '=', existing.id)
    .execute();
  return { outcome: 'updated', id: existing.id };
}
