import type { ConversationSummary, Message, ParticipantChoice } from '../../shared/api';
import type { BackofficeUserActor, CustomerUserActor, PersonActor } from '../kernel/actor';
import { isPerson } from '../kernel/actor';
import { attachUploads, checkAttachmentIds, takeUploads } from '../attachments';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, badCursor, invalidFields, notFound } from '../kernel/errors';
import { canSee, findBackofficeUser, findCustomerUser } from '../people';
import { routedOwner } from './routing.service';
import { conversationVisibilityOf } from './visibility';
import { findRecord, getVisibleRecord } from '../records';
import { once, settleRetries, type IdempotencyRequest } from '../writes';
import * as repo from './conversations.repo';
import type { ConversationRow } from './conversations.table';
import { presentConversation } from './conversations.present';
import { lockConversationOrder } from '../events';
import { changedWindow, keysetPage } from '../db/keyset';
import { addParticipantsIn } from './participants.rules';
import { appendMessage, checkMessageLength, eventScope, participantFor, participantUserOf } from './thread';

/** The conversation as `viewer` sees it, read inside or outside a write. */
export async function loadSummary(ctx: Ctx, id: number): Promise<ConversationSummary> {
  return presentConversation(
    await repo.selectConversations(ctx.db, participantUserOf(ctx.actor)).where('c.id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** The conversation row if the actor may see it; CONVERSATION_NOT_FOUND otherwise (never 403: ids do not leak). */
export async function findVisibleConversation(ctx: Ctx, id: number): Promise<ConversationRow> {
  const row = await repo.findConversationRow(ctx.db, id);
  if (!row || !canSee(await conversationVisibilityOf(ctx.db, ctx.actor), row, row.id))
    throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  return row;
}

/** Whether the actor may see the conversation (another module's check, such as an attachment's download). */
export async function seesConversation(ctx: Ctx, id: number): Promise<boolean> {
  const row = await repo.findConversationRow(ctx.db, id);
  return row !== undefined && canSee(await conversationVisibilityOf(ctx.db, ctx.actor), row, row.id);
}

export async function getConversation(ctx: Ctx, id: number): Promise<ConversationSummary> {
  const visibility = await conversationVisibilityOf(ctx.db, ctx.actor);
  const row = await repo
    .whereVisible(repo.selectConversations(ctx.db, participantUserOf(ctx.actor)).where('c.id', '=', id), visibility)
    .executeTakeFirst();
  if (!row) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  return presentConversation(row);
}

/** The storefront list: newest activity first, a page at a time by keyset. */
export async function listConversationsForCustomerUser(
  ctx: Ctx<CustomerUserActor>,
  query: { status?: 'active' | 'closed' | undefined; recordId?: number | undefined; cursor?: string | undefined; limit: number },
) {
  const viewer = participantUserOf(ctx.actor);
  const visibility = await conversationVisibilityOf(ctx.db, ctx.actor);
  let q = repo.whereVisible(repo.selectConversations(ctx.db, viewer), visibility);
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.recordId) q = q.where('c.source_record_id', '=', query.recordId);
  if (query.cursor) {
    const after = repo.decodeCursor(query.cursor);
    if (!after) throw new AppError('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'Use the nextCursor of a previous page.' });
    q = q.where((eb) =>
      eb.or([eb('c.last_activity_at', '<', after.at), eb.and([eb('c.last_activity_at', '=', after.at), eb('c.id', '<', after.id)])]),
    );
  }
  q = await repo.newestPerCustomer(ctx.db, viewer, q, visibility, query.limit + 1);
  const rows = await q
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(presentConversation), nextCursor: rows.length > query.limit && last ? repo.encodeCursor(last) : null };
}

/** Inside a command: the conversation, with its customer user and owner taking part from the start. */
async function startConversation(
  ctx: Ctx,
  input: { name: string; customerId: number; customerUserId: number; ownerId: number | null; recordId: number | null },
): Promise<ConversationRow> {
  const at = now();
  const row = await repo.insertConversation(ctx.db, {
    name: input.name,
    status: 'active',
    customer_id: input.customerId,
    customer_user_id: input.customerUserId,
    owner_id: input.ownerId,
    source_record_id: input.recordId,
    messages_count: 0,
    last_seq: 0,
    last_public_seq: 0,
    last_text_seq: 0,
    last_activity_at: at,
    created_at: at,
    updated_at: at,
  });
  await participantFor(ctx, row, { kind: 'customer_user', id: input.customerUserId });
  if (input.ownerId !== null) await participantFor(ctx, row, { kind: 'backoffice_user', id: input.ownerId });
  await ctx.emit({ type: 'conversation.created', ...eventScope(row), payload: { conversationId: row.id, name: row.name } });
  return row;
}

interface Started {
  conversation: ConversationSummary;
  message: Message | null;
}

/** The conversation and, when given, its first message by the actor: one write. */
const startWithMessage = defineCommand(
  'conversations.start',
  async (
    ctx,
    args: {
      conversation: { name: string; customerId: number; customerUserId: number; ownerId: number | null; recordId: number | null };
      message: string | null;
      /** the actor's uploads for the first message to carry */
      attachmentIds?: number[] | undefined;
      /** more people taking part from the start, each told in the thread */
      participants?: ParticipantChoice[] | undefined;
      idempotency: IdempotencyRequest | undefined;
    },
  ) =>
    once(ctx, args.idempotency, async (): Promise<Started> => {
      const row = await startConversation(ctx, args.conversation);
      if (args.participants?.length && isPerson(ctx.actor)) await addParticipantsIn(ctx as Ctx<PersonActor>, row, args.participants);
      let message: Message | null = null;
      if (args.message !== null && isPerson(ctx.actor)) {
        const me = await participantFor(ctx, row, { kind: ctx.actor.kind, id: ctx.actor.id });
        const files = args.attachmentIds ?? [];
        const attachments = await takeUploads(ctx, files, ctx.actor);
        message = await appendMessage(
          ctx,
          row,
          {
            type: 'text',
            body: args.message,
            authorParticipantId: me.id,
            sentByBackofficeUserId: null,
            byCustomer: ctx.actor.kind === 'customer_user',
            attachments,
          },
          ctx.actor,
        );
        await attachUploads(ctx, files, { messageId: message.id, conversationId: row.id, staffOnly: false });
      } else if (args.message !== null) {
        // a store's integration writing as Parley itself: a system message, nobody's
        message = await appendMessage(ctx, row, {
          type: 'system',
          body: args.message,
          authorParticipantId: null,
          sentByBackofficeUserId: null,
        });
      }
      return { conversation: await loadSummary(ctx, row.id), message };
    }),
);

const start = (ctx: Ctx, args: Parameters<typeof startWithMessage.run>[1]) =>
  settleRetries(ctx, args.idempotency, () => ctx.write(startWithMessage, args));

/**
 * The one rule for a conversation's source, on both sides: an order, RFQ or
 * quote of the conversation's own customer. A sub-customer's record is not
 * (its people could never see the conversation about it).
 */
function checkSourceRecord(record: { customer_id: number } | undefined, customerId: number) {
  if (!record || record.customer_id !== customerId) {
    throw invalidFields({ recordId: "Choose an order, RFQ or quote of the conversation's customer." });
  }
}

/** Create Conversation / Ask A Question: the conversation and its first message, together. */
export async function createConversationAsCustomerUser(
  ctx: Ctx<CustomerUserActor>,
  input: { subject: string; message: string; recordId?: number | undefined; attachmentIds?: number[] | undefined },
  idempotency?: IdempotencyRequest,
) {
  checkMessageLength(input.message, 'message');
  const attachmentIds = checkAttachmentIds(input.attachmentIds);
  const record = input.recordId ? await getVisibleRecord(ctx, input.recordId) : undefined;
  if (record) checkSourceRecord(record, ctx.actor.customerId);
  const ownerId = await routedOwner(ctx.db, ctx.actor.customerId);
  return start(ctx, {
    conversation: {
      name: input.subject,
      customerId: ctx.actor.customerId,
      customerUserId: ctx.actor.id,
      ownerId,
      recordId: record?.id ?? null,
    },
    message: input.message,
    attachmentIds,
    idempotency,
  });
}

/** The back-office's Create Conversation, for a customer user, optionally from one of their records. */
export async function createConversationAsBackofficeUser(
  ctx: Ctx<BackofficeUserActor>,
  input: {
    name: string;
    customerUserId: number;
    recordId?: number | null | undefined;
    ownerId?: number | null | undefined;
    message?: string | undefined;
    attachmentIds?: number[] | undefined;
    participants?: ParticipantChoice[] | undefined;
  },
  idempotency?: IdempotencyRequest,
) {
  const attachmentIds = checkAttachmentIds(input.attachmentIds);
  // files alone make a first message too
  const firstMessage = input.message?.trim() || (attachmentIds.length > 0 ? '' : null);
  if (firstMessage) checkMessageLength(firstMessage, 'message');
  const customerUser = await findCustomerUser(ctx.db, input.customerUserId);
  if (!customerUser || customerUser.deleted_at) throw invalidFields({ customerUserId: 'Choose an existing customer user.' });
  const recordId = input.recordId ?? null;
  if (recordId !== null) checkSourceRecord(await findRecord(ctx.db, recordId), customerUser.customer_id);
  const ownerId = input.ownerId === undefined ? ctx.actor.id : input.ownerId;
  await checkOwner(ctx, ownerId);
  return start(ctx, {
    conversation: { name: input.name, customerId: customerUser.customer_id, customerUserId: customerUser.id, ownerId, recordId },
    message: firstMessage,
    attachmentIds,
    participants: input.participants,
    idempotency,
  });
}

/**
 * A store's integration starts a conversation for a customer user, optionally
 * about one of their records, owned by the customer's sales representative.
 * `ctx` is the author of the first message: a back-office user's context, or
 * the integration's own (a system message).
 */
export async function createConversationForStore(
  ctx: Ctx,
  input: { name: string; customerUserId: number; customerId: number; recordId: number | null; message: string },
  idempotency?: IdempotencyRequest,
) {
  checkMessageLength(input.message, 'message');
  const ownerId = await routedOwner(ctx.db, input.customerId);
  return start(ctx, {
    conversation: {
      name: input.name,
      customerId: input.customerId,
      customerUserId: input.customerUserId,
      ownerId,
      recordId: input.recordId,
    },
    message: input.message,
    idempotency,
  });
}

/** A store's integration reads conversations in change order (updatedAt, then id), optionally of one customer user. */
export async function listConversationsInChangeOrder(
  ctx: Ctx,
  query: { customerUserId?: number | undefined; updatedSince?: string | undefined; cursor?: string | undefined; limit: number },
) {
  let q = repo.whereVisible(
    repo.selectConversations(ctx.db, participantUserOf(ctx.actor)),
    await conversationVisibilityOf(ctx.db, ctx.actor),
  );
  if (query.customerUserId !== undefined) q = q.where('c.customer_user_id', '=', query.customerUserId);
  const window = changedWindow('c.updated_at', 'c.id', query);
  if (!window) throw badCursor();
  q = q.where(window);
  const rows = await q
    .orderBy('c.updated_at')
    .orderBy('c.id')
    .limit(query.limit + 1)
    .execute();
  const page = keysetPage(rows, query.limit, (r) => ({ at: r.updated_at, id: r.id }));
  return { items: page.items.map(presentConversation), nextCursor: page.nextCursor };
}

/** Only an Administrator may give a conversation to someone else; the owner must exist. */
async function checkOwner(ctx: Ctx<BackofficeUserActor>, ownerId: number | null | undefined) {
  if (ownerId === undefined || ownerId === null) return;
  if (ownerId !== ctx.actor.id && ctx.actor.role !== 'administrator') {
    throw new AppError('FORBIDDEN', 'Only an Administrator may assign a conversation to someone else.');
  }
  if (!(await findBackofficeUser(ctx.db, ownerId))) throw invalidFields({ ownerId: 'Choose an existing back-office user.' });
}

const update = defineCommand(
  'conversations.update',
  async (ctx, { id, name, ownerId }: { id: number; name?: string | undefined; ownerId?: number | null | undefined }) => {
    await lockConversationOrder(ctx.db, ctx.dialect, [id]);
    const row = await findVisibleConversation(ctx, id);
    const changes: { name?: string; owner_id?: number | null } = {};
    if (name !== undefined && name !== row.name) changes.name = name;
    if (ownerId !== undefined && ownerId !== row.owner_id) changes.owner_id = ownerId;
    if (Object.keys(changes).length === 0) return loadSummary(ctx, id);
    await repo.updateConversationRow(ctx.db, id, changes, now());
    if (changes.owner_id != null) await participantFor(ctx, row, { kind: 'backoffice_user', id: changes.owner_id });
    const summary = await loadSummary(ctx, id);
    await ctx.emit({
      type: 'conversation.updated',
      ...eventScope(row),
      payload: {
        conversationId: id,
        name: summary.name,
        ownerId: summary.owner?.id ?? null,
        source: summary.source,
        ...(changes.owner_id != null && isPerson(ctx.actor) ? { assignedBy: { id: ctx.actor.id, name: ctx.actor.name } } : {}),
      },
    });
    return summary;
  },
);

/** Rename and reassign. */
export async function updateConversation(
  ctx: Ctx<BackofficeUserActor>,
  id: number,
  input: { name?: string | undefined; ownerId?: number | null | undefined },
) {
  if (input.ownerId !== undefined && ctx.actor.role !== 'administrator' && input.ownerId !== ctx.actor.id) {
    throw new AppError('FORBIDDEN', 'Only an Administrator may assign a conversation to someone else.');
  }
  await checkOwner(ctx, input.ownerId);
  return ctx.write(update, { id, ...input });
}

const remove = defineCommand('conversations.delete', async (ctx, { ids, mustExist }: { ids: number[]; mustExist: boolean }) => {
  let deleted = 0;
  await lockConversationOrder(ctx.db, ctx.dialect, ids);
  for (const id of new Set(ids)) {
    const row = await repo.findConversationRow(ctx.db, id);
    if (!row) {
      if (mustExist) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
      continue;
    }
    await repo.deleteConversationRow(ctx.db, id);
    await ctx.emit({ type: 'conversation.deleted', ...eventScope(row), payload: { conversationId: id } });
    deleted += 1;
  }
  return { deleted };
});

/** Deletes conversations with their messages (Administrator); answers how many went. */
export async function deleteConversations(ctx: Ctx<BackofficeUserActor>, ids: number[], options: { mustExist: boolean }) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an Administrator may delete conversations.');
  return ctx.write(remove, { ids, ...options });
}

/** A deleted record's conversations let go of it (the conversations.sources consumer); running twice changes nothing. */
export const clearSource = defineCommand('conversations.clearSource', async (ctx, { recordId }: { recordId: number }) => {
  // a deleted record gains no conversation, so the ones read here are the ones cleared
  await lockConversationOrder(ctx.db, ctx.dialect, await repo.conversationIdsOfRecord(ctx.db, recordId));
  const cleared = await repo.clearSourceRecord(ctx.db, recordId, now());
  for (const c of cleared) {
    await ctx.emit({
      type: 'conversation.updated',
      ...eventScope(c),
      payload: { conversationId: c.id, name: c.name, ownerId: c.owner_id, source: null },
    });
  }
  return { cleared: cleared.length };
});

export const conversationCommands = [startWithMessage, update, remove, clearSource];
