import type { CommerceRecord, RecordType } from '../../shared/api';
import { recordLabel, recordTypeLabel } from '../../shared/api';
import type { BackofficeUserActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import { canSee, customerUserName, visibilityOf, type Visibility } from '../people';
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

export async function listVisibleRecords(ctx: Ctx, filter: repo.RecordFilter, limit: number, offset: number) {
  const { items, total } = await repo.searchRecords(
    ctx.db,
    ctx.dialect,
    withinVisibility(filter, await visibilityOf(ctx.db, ctx.actor)),
    limit,
    offset,
  );
  return { items: items.map(presentRecord), total };
}

function withinVisibility(filter: repo.RecordFilter, visibility: Visibility): repo.RecordFilter {
  switch (visibility.kind) {
    case 'all':
      return filter;
    case 'customerUser':
      return { ...filter, customerUserId: visibility.customerUserId };
    case 'customers':
      return { ...filter, customerIds: visibility.customerIds };
    default:
      return unreachable(visibility);
  }
}

const markDeleted = defineCommand('records.delete', async (ctx, { id }: { id: number }) => {
  const row = await repo.findRecord(ctx.db, id);
  if (!row) throw notFound('RECORD_NOT_FOUND', 'Record');
  await repo.markRecordDeleted(ctx.db, id, now());
  await ctx.emit({
    type: 'record.deleted',
    conversationId: null,
    customerId: row.customer_id,
    customerUserId: row.customer_user_id,
    payload: { recordId: id },
  });
});

/** Deleting a record keeps its conversations; they lose their source (conversations.sources consumes record.deleted). */
export async function deleteRecord(ctx: Ctx<BackofficeUserActor>, id: number) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an Administrator may delete records.');
  await removeRecord(ctx, id);
}

/** The same, for a caller that has checked who may (the store's token, by its scope). */
export const removeRecord = (ctx: Ctx, id: number) => ctx.write(markDeleted, { id });

export const recordsCommands = [markDeleted];
