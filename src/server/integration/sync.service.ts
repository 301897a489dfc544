// The sync API's writes and reads, by the store's ids: each upsert is a
// command (the write thread runs it), a bulk import is many small ones.
import type { z } from 'zod';
import type { RecordType } from '../../shared/api';
import type {
  BackofficeUserUpsert,
  BulkAnswer,
  CustomerUpsert,
  CustomerUserUpsert,
  RecordUpsert,
  SyncKind,
} from '../../shared/integration';
import { unreachable, type IntegrationActor } from '../kernel/actor';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import {
  customerUserOf,
  listSyncBackofficeUsers,
  listSyncCustomers,
  listSyncCustomerUsers,
  removeCustomerUser,
  syncBackofficeUser,
  syncCustomer,
  syncCustomerUser,
  upsertBackofficeUser,
  upsertCustomer,
  upsertCustomerUser,
  type SyncListInput,
  type Upserted,
} from '../people';
import { listSyncRecords, recordOf, removeRecord, syncRecord, upsertRecord } from '../records';
import { once, type IdempotencyRequest } from '../writes';

/** One upsert, as data: what a PUT or a bulk line asks. */
export type UpsertItem =
  | { kind: 'customer'; externalId: string; body: z.output<typeof CustomerUpsert> }
  | { kind: 'customer_user'; externalId: string; body: z.output<typeof CustomerUserUpsert> }
  | { kind: 'backoffice_user'; externalId: string; body: z.output<typeof BackofficeUserUpsert> }
  | { kind: RecordType; externalId: string; body: z.output<typeof RecordUpsert> };

export const isRecordKind = (kind: SyncKind): kind is RecordType => kind === 'order' || kind === 'rfq' || kind === 'quote';

/** Inside a command: one upsert, checked before it writes anything (so a refusal leaves the transaction clean). */
function upsertOf(ctx: Ctx, item: UpsertItem): Promise<Upserted> {
  switch (item.kind) {
    case 'customer':
      return upsertCustomer(ctx, item.externalId, item.body);
    case 'customer_user':
      return upsertCustomerUser(ctx, item.externalId, item.body);
    case 'backoffice_user':
      return upsertBackofficeUser(ctx, item.externalId, item.body);
    case 'order':
    case 'rfq':
    case 'quote':
      return upsertRecord(ctx, item.kind, item.externalId, item.body);
    default:
      return unreachable(item);
  }
}

const upsertOne = defineCommand('integration.upsert', (ctx, item: UpsertItem) => upsertOf(ctx, item));

export interface Refusal {
  code: AppError['code'];
  message: string;
  fields?: Record<string, string>;
}
export type ItemOutcome = Upserted | { outcome: 'failed'; error: Refusal };

export const refusalOf = (e: AppError): Refusal => ({ code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) });

/**
 * A chunk of a bulk import in one transaction. A refused line (a missing
 * parent, a taken email) is answered as such and the others go on: each
 * upsert refuses before it writes.
 */
const upsertMany = defineCommand('integration.upsertMany', async (ctx, { items }: { items: UpsertItem[] }) => {
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    try {
      outcomes.push(await upsertOf(ctx, item));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ outcome: 'failed', error: refusalOf(error) });
    }
  }
  return outcomes;
});

/**
 * PUT: one upsert. Two requests racing to create the same externalId on
 * PostgreSQL: the loser's insert breaks the unique index, and its second try
 * finds the winner's row.
 */
export async function upsert(ctx: Ctx<IntegrationActor>, item: UpsertItem): Promise<Upserted> {
  try {
    return await ctx.write(upsertOne, item);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return ctx.write(upsertOne, item);
  }
}

/** A chunk of a bulk import; when its transaction fails as a whole, each line alone, so that only the faulty ones fail. */
export async function upsertChunk(ctx: Ctx<IntegrationActor>, items: UpsertItem[]): Promise<ItemOutcome[]> {
  try {
    return await ctx.write(upsertMany, { items });
  } catch {
    const outcomes: ItemOutcome[] = [];
    for (const item of items) {
      try {
        outcomes.push(await upsert(ctx, item));
      } catch (error) {
        outcomes.push({
          outcome: 'failed',
          error: error instanceof AppError ? refusalOf(error) : { code: 'INTERNAL_ERROR', message: 'This line could not be saved.' },
        });
      }
    }
    return outcomes;
  }
}

const missing = {
  customer: () => notFound('CUSTOMER_NOT_FOUND', 'Customer'),
  customer_user: () => notFound('CUSTOMER_USER_NOT_FOUND', 'Customer user'),
  backoffice_user: () => new AppError('NOT_FOUND', 'Back-office user not found.'),
  record: (type: RecordType) => notFound('RECORD_NOT_FOUND', type === 'rfq' ? 'RFQ' : type === 'order' ? 'Order' : 'Quote'),
};

/** GET one, by the store's id. */
export async function readOne(ctx: Ctx, kind: SyncKind, externalId: string) {
  const found = isRecordKind(kind)
    ? await syncRecord(ctx.db, kind, externalId)
    : await { customer: syncCustomer, customer_user: syncCustomerUser, backoffice_user: syncBackofficeUser }[kind](ctx.db, externalId);
  if (!found) throw isRecordKind(kind) ? missing.record(kind) : missing[kind]();
  return found;
}

/** A page of a kind's rows in change order. */
export function readPage(ctx: Ctx, kind: SyncKind, input: SyncListInput) {
  if (isRecordKind(kind)) return listSyncRecords(ctx.db, kind, input);
  return { customer: listSyncCustomers, customer_user: listSyncCustomerUsers, backoffice_user: listSyncBackofficeUsers }[kind](
    ctx.db,
    input,
  );
}

/** DELETE: a customer user (their messages stay, shown as a deleted user) or a record (its conversations stay, without source). */
export async function remove(ctx: Ctx, kind: 'customer_user' | RecordType, externalId: string) {
  if (kind === 'customer_user') {
    const user = await customerUserOf(ctx.db, externalId);
    if (!user) throw missing.customer_user();
    await removeCustomerUser(ctx, user.id);
    return;
  }
  const record = await recordOf(ctx.db, kind, externalId);
  if (!record) throw missing.record(kind);
  await removeRecord(ctx, record.id);
}

/** A bulk import's answer, kept under its Idempotency-Key once all its chunks are written (a racing twin's answer wins). */
export const rememberBulk = defineCommand(
  'integration.rememberBulk',
  (ctx, { request, answer }: { request: IdempotencyRequest; answer: BulkAnswer }) => once(ctx, request, () => Promise.resolve(answer)),
);

export const syncCommands = [upsertOne, upsertMany, rememberBulk];
