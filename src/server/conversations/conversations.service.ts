import type { ConversationSummary, Message } from '../../shared/api';
import type { BackofficeActor, Ctx, CustomerUserActor, Emit } from '../context';
import { commit } from '../context';
import type { ConversationRow } from '../db/schema';
import type { Trx } from '../db/writer';
import { now } from '../db/time';
import { AppError, notFound } from '../http/errors';
import { canSee, visibilityOf } from '../access';
import { findBackofficeUser, findCustomerUser, salesRepFor } from '../customers';
import { findRecord, getVisibleRecord } from '../records';
import { commitOnce, type IdempotencyRequest } from '../idempotency/idempotency';
import {
  decodeCursor,
  encodeCursor,
  findConversationRow,
  newestPerCustomer,
  selectConversations,
  whereVisible,
  type Viewer,
} from './conversations.repo';
import { presentConversation } from './conversations.present';
import { nextStatus, systemMessageFor, type StatusAction } from './status';
import { appendMessage, checkMessageLength, eventScope, participantFor, viewerOf } from './thread';

/** The conversation as `viewer` sees it, read inside or outside a transaction. */
async function loadSummary(db: Trx, id: number, viewer: Viewer): Promise<ConversationSummary> {
  return presentConversation(await selectConversations(db, viewer).where('c.id', '=', id).executeTakeFirstOrThrow());
}

/** The conversation row if the actor may see it; CONVERSATION_NOT_FOUND otherwise. */
export async function findVisibleConversation(ctx: Pick<Ctx, 'actor'>, db: Trx, id: number): Promise<ConversationRow> {
  // `db`, not ctx.db: inside a SQLite transaction the one connection is taken,
  // and a query outside it would wait for the transaction forever
  const row = await findConversationRow(db, id);
  if (!row || !canSee(await visibilityOf(db, ctx.actor), row)) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  return row;
}

export async function getConversation(ctx: Ctx, id: number): Promise<ConversationSummary> {
  const visibility = await visibilityOf(ctx.db, ctx.actor);
  const row = await whereVisible(selectConversations(ctx.db, viewerOf(ctx.actor)).where('c.id', '=', id), visibility).executeTakeFirst();
  if (!row) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  return presentConversation(row);
}

/** The storefront list: newest activity first, a page at a time by keyset. */
export async function listConversationsForCustomerUser(
  ctx: Ctx<CustomerUserActor>,
  query: { status?: 'active' | 'closed' | undefined; recordId?: number | undefined; cursor?: string | undefined; limit: number },
) {
  const visibility = await visibilityOf(ctx.db, ctx.actor);
  let q = whereVisible(selectConversations(ctx.db, viewerOf(ctx.actor)), visibility);
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.recordId) q = q.where('c.source_record_id', '=', query.recordId);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (!after) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'Use the nextCursor of a previous page.' });
    q = q.where((eb) =>
      eb.or([eb('c.last_activity_at', '<', after.at), eb.and([eb('c.last_activity_at', '=', after.at), eb('c.id', '<', after.id)])]),
    );
  }
  q = await newestPerCustomer(ctx.db, viewerOf(ctx.actor), q, visibility, query.limit + 1);
  const rows = await q.orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(presentConversation), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

async function startConversation(
  trx: Trx,
  emit: Emit,
  input: { name: string; customerId: number; customerUserId: number; ownerId: number | null; recordId: number | null },
): Promise<ConversationRow> {
  const at = now();
  const row = await trx
    .insertInto('conversations')
    .values({
      name: input.name,
      status: 'active',
      customer_id: input.customerId,
      customer_user_id: input.customerUserId,
      owner_id: input.ownerId,
      source_record_id: input.recordId,
      messages_count: 0,
      last_seq: 0,
      last_activity_at: at,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // the customer user and the owner take part from the start
  await participantFor(trx, row.id, { kind: 'customer_user', id: input.customerUserId });
  if (input.ownerId !== null) await participantFor(trx, row.id, { kind: 'backoffice_user', id: input.ownerId });
  await emit({ type: 'conversation.created', ...eventScope(row), payload: { conversationId: row.id, name: row.name } });
  return row;
}

/** Create Conversation / Ask A Question: the conversation and its first message, together. */
export async function createConversationAsCustomerUser(
  ctx: Ctx<CustomerUserActor>,
  input: { subject: string; message: string; recordId?: number | undefined },
  idempotency?: IdempotencyRequest,
) {
  checkMessageLength(input.message, 'message');
  const record = input.recordId ? await getVisibleRecord(ctx, input.recordId) : undefined;
  const ownerId = await salesRepFor(ctx.db, ctx.actor.customerId);
  return commitOnce(ctx, idempotency, async (trx, emit) => {
    const row = await startConversation(trx, emit, {
      name: input.subject,
      customerId: ctx.actor.customerId,
      customerUserId: ctx.actor.id,
      ownerId,
      recordId: record?.id ?? null,
    });
    const me = await participantFor(trx, row.id, viewerOf(ctx.actor));
    const message = await appendMessage(trx, emit, row, {
      type: 'text',
      body: input.message,
      authorParticipantId: me.id,
      sentByBackofficeUserId: null,
    }, ctx.actor);
    return { conversation: await loadSummary(trx, row.id, viewerOf(ctx.actor)), message };
  });
}

/** The back-office's Create Conversation, for a customer user, optionally from one of their records. */
export async function createConversationAsBackofficeUser(
  ctx: Ctx<BackofficeActor>,
  input: { name: string; customerUserId: number; recordId?: number | null | undefined; ownerId?: number | null | undefined; message?: string | undefined },
  idempotency?: IdempotencyRequest,
) {
  const firstMessage = input.message?.trim() || undefined;
  if (firstMessage) checkMessageLength(firstMessage, 'message');
  const customerUser = await findCustomerUser(ctx.db, input.customerUserId);
  if (!customerUser || customerUser.deleted_at) {
    throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', { customerUserId: 'Choose an existing customer user.' });
  }
  const recordId = input.recordId ?? null;
  if (recordId !== null) {
    const record = await findRecord(ctx.db, recordId);
    if (!record || record.customer_user_id !== customerUser.id) {
      throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', { recordId: 'Choose a record of this customer user.' });
    }
  }
  const ownerId = input.ownerId === undefined ? ctx.actor.id : input.ownerId;
  if (ownerId !== null && ownerId !== ctx.actor.id && ctx.actor.role !== 'administrator') {
    throw new AppError('FORBIDDEN', 'Only an Administrator may assign a conversation to someone else.');
  }
  if (ownerId !== null && !(await findBackofficeUser(ctx.db, ownerId))) {
    throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', { ownerId: 'Choose an existing back-office user.' });
  }
  return commitOnce(ctx, idempotency, async (trx, emit) => {
    const row = await startConversation(trx, emit, {
      name: input.name,
      customerId: customerUser.customer_id,
      customerUserId: customerUser.id,
      ownerId,
      recordId,
    });
    let message: Message | null = null;
    if (firstMessage) {
      const me = await participantFor(trx, row.id, viewerOf(ctx.actor));
      message = await appendMessage(trx, emit, row, { type: 'text', body: firstMessage, authorParticipantId: me.id, sentByBackofficeUserId: null }, ctx.actor);
    }
    return { conversation: await loadSummary(trx, row.id, viewerOf(ctx.actor)), message };
  });
}

/** Rename and reassign. Only an Administrator may give a conversation to someone else. */
export async function updateConversation(
  ctx: Ctx<BackofficeActor>,
  id: number,
  input: { name?: string | undefined; ownerId?: number | null | undefined },
) {
  if (input.ownerId !== undefined && ctx.actor.role !== 'administrator' && input.ownerId !== ctx.actor.id) {
    throw new AppError('FORBIDDEN', 'Only an Administrator may assign a conversation to someone else.');
  }
  if (input.ownerId != null && !(await findBackofficeUser(ctx.db, input.ownerId))) {
    throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', { ownerId: 'Choose an existing back-office user.' });
  }
  return commit(ctx, async (trx, emit) => {
    const row = await findVisibleConversation(ctx, trx, id);
    const changes: { name?: string; owner_id?: number | null } = {};
    if (input.name !== undefined && input.name !== row.name) changes.name = input.name;
    if (input.ownerId !== undefined && input.ownerId !== row.owner_id) changes.owner_id = input.ownerId;
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('conversations').set({ ...changes, updated_at: now() }).where('id', '=', id).execute();
      if (changes.owner_id != null) await participantFor(trx, id, { kind: 'backoffice_user', id: changes.owner_id });
      await emit({
        type: 'conversation.updated',
        ...eventScope(row),
        payload: { conversationId: id, name: changes.name ?? row.name, ownerId: changes.owner_id ?? row.owner_id },
      });
    }
    return loadSummary(trx, id, viewerOf(ctx.actor));
  });
}

/** Close and Reopen: through the transition table, kept in the history and shown in the thread. */
export async function changeStatus(ctx: Ctx<BackofficeActor>, id: number, action: StatusAction) {
  return commit(ctx, async (trx, emit) => {
    const row = await findVisibleConversation(ctx, trx, id);
    const to = nextStatus(row.status, action);
    if (!to) {
      throw new AppError('INVALID_STATUS_TRANSITION', `A ${row.status === 'active' ? 'Active' : 'Closed'} conversation cannot be ${action === 'close' ? 'closed' : 'reopened'}.`);
    }
    const at = now();
    const changed = await trx
      .updateTable('conversations')
      .set({ status: to, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('INVALID_STATUS_TRANSITION', 'The status changed meanwhile; reload.');
    await trx
      .insertInto('status_changes')
      .values({ conversation_id: id, from_status: row.status, to_status: to, changed_by_backoffice_user_id: ctx.actor.id, created_at: at })
      .execute();
    const me = await participantFor(trx, id, viewerOf(ctx.actor));
    await appendMessage(trx, emit, row, {
      type: 'system',
      body: systemMessageFor(to, ctx.actor.name),
      authorParticipantId: me.id,
      sentByBackofficeUserId: null,
    }, ctx.actor);
    await emit({
      type: 'conversation.status_changed',
      ...eventScope(row),
      payload: { conversationId: id, from: row.status, to, by: { id: ctx.actor.id, name: ctx.actor.name } },
    });
    return loadSummary(trx, id, viewerOf(ctx.actor));
  });
}

function requireAdministrator(ctx: Ctx<BackofficeActor>, what: string) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', `Only an Administrator may ${what}.`);
}

/** Deletes conversations with their messages; answers how many went. */
export async function deleteConversations(ctx: Ctx<BackofficeActor>, ids: number[], { mustExist }: { mustExist: boolean }) {
  requireAdministrator(ctx, 'delete conversations');
  return commit(ctx, async (trx, emit) => {
    let deleted = 0;
    for (const id of new Set(ids)) {
      const row = await findConversationRow(trx, id);
      if (!row) {
        if (mustExist) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
        continue;
      }
      await trx.deleteFrom('conversations').where('id', '=', id).execute();
      await emit({ type: 'conversation.deleted', ...eventScope(row), payload: { conversationId: id } });
      deleted += 1;
    }
    return { deleted };
  });
}

export async function statusHistory(ctx: Ctx<BackofficeActor>, id: number) {
  await findVisibleConversation(ctx, ctx.db, id);
  const rows = await ctx.db
    .selectFrom('status_changes as s')
    .innerJoin('backoffice_users as b', 'b.id', 's.changed_by_backoffice_user_id')
    .select(['s.id', 's.from_status', 's.to_status', 's.created_at', 'b.id as by_id', 'b.first_name', 'b.last_name'])
    .where('s.conversation_id', '=', id)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    changedBy: { id: r.by_id, name: `${r.first_name} ${r.last_name}` },
    createdAt: r.created_at,
  }));
}
