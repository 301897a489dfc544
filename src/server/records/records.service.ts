import type { CommerceRecord } from '../../shared/api';
import { recordLabel, recordTypeLabel } from '../../shared/api';
import type { Ctx } from '../context';
import { commit } from '../context';
import type { RecordType } from '../db/schema';
import { now } from '../db/time';
import { AppError, notFound } from '../http/errors';
import { customerUserName } from '../customers';
import { canSee, visibilityOf } from '../access';
import { clearSourceRecord } from '../conversations';
import * as repo from './records.repo';

export function presentRecord(row: repo.RecordQueryRow): CommerceRecord {
  return {
    id: row.id,
    type: row.type,
    number: row.number,
    label: recordLabel(row.type, row.number),
    status: row.status,
    total: row.total,
    currency: row.currency,
    customer: { id: row.customer_id, name: row.customer_name },
    customerUser: {
      id: row.customer_user_id,
      name: customerUserName({ first_name: row.u_first_name, last_name: row.u_last_name, deleted_at: row.u_deleted_at }),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A record the actor may see, or RECORD_NOT_FOUND (never 403: ids do not leak). */
export async function getVisibleRecord(ctx: Ctx, id: number, type?: RecordType) {
  const row = await repo.findRecord(ctx.db, id);
  if (!row || (type && row.type !== type) || !canSee(await visibilityOf(ctx.db, ctx.actor), row)) {
    throw notFound('RECORD_NOT_FOUND', type ? recordTypeLabel[type] : 'Record');
  }
  return row;
}

export async function listVisibleRecords(
  ctx: Ctx,
  filter: repo.RecordFilter,
  limit: number,
  offset: number,
) {
  const visibility = await visibilityOf(ctx.db, ctx.actor);
  const scoped: repo.RecordFilter =
    visibility.kind === 'customerUser'
      ? { ...filter, customerUserId: visibility.customerUserId }
      : visibility.kind === 'customers'
        ? { ...filter, customerIds: visibility.customerIds }
        : filter;
  const { items, total } = await repo.searchRecords(ctx.db, ctx.dialect, scoped, limit, offset);
  return { items: items.map(presentRecord), total };
}

/** Deleting a record keeps its conversations; they lose their source. */
export async function deleteRecord(ctx: Ctx, id: number) {
  if (ctx.actor.side !== 'backoffice' || ctx.actor.role !== 'administrator') {
    throw new AppError('FORBIDDEN', 'Only an Administrator may delete records.');
  }
  await commit(ctx, async (trx, emit) => {
    const row = await repo.findRecord(trx, id);
    if (!row) throw notFound('RECORD_NOT_FOUND', 'Record');
    const at = now();
    const cleared = await clearSourceRecord(trx, id, at);
    await repo.deleteRecordRow(trx, id);
    for (const c of cleared) {
      await emit({
        type: 'conversation.updated',
        conversationId: c.id,
        customerId: c.customer_id,
        customerUserId: c.customer_user_id,
        payload: { conversationId: c.id, source: null },
      });
    }
  });
}
