import type { Message } from '../../shared/api';
import type { Ctx } from '../context';
import { commit, commitCommand } from '../context';
import type { CommandScope } from '../commands';
import { AppError } from '../http/errors';
import { once, settleRetries, type IdempotencyRequest } from '../idempotency/idempotency';
import { customerUserName, personName } from '../customers';
import { presentMessage } from './conversations.present';
import { findVisibleConversation } from './conversations.service';
import { countUnreadAfter, pageOfMessages, selectMessages } from './messages.repo';
import { findParticipant, listParticipants, setReadState } from './participants.repo';
import { appendMessage, checkMessageLength, eventScope, participantFor, viewerOf } from './thread';

/** A page of the thread: the latest by default, or before/after a sequence number. */
export async function listMessages(
  ctx: Ctx,
  conversationId: number,
  page: { before?: number | undefined; after?: number | undefined; limit: number },
) {
  await findVisibleConversation(ctx, ctx.db, conversationId);
  const { items, more, forward } = await pageOfMessages(ctx.db, conversationId, page);
  const first = items[0];
  const last = items[items.length - 1];
  const hasMoreBefore = forward ? (first ? first.seq > 1 : (page.after ?? 0) > 0) : more;
  const hasMoreAfter = forward ? more : page.before !== undefined && last !== undefined;
  return { items: items.map(presentMessage), hasMoreBefore, hasMoreAfter };
}

/** Every message of the thread, oldest first, optionally filtered: the All messages tab. */
export async function searchMessages(
  ctx: Ctx,
  conversationId: number,
  filter: { text?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  await findVisibleConversation(ctx, ctx.db, conversationId);
  let query = selectMessages(ctx.db).where('m.conversation_id', '=', conversationId);
  if (filter.from) query = query.where('m.created_at', '>=', filter.from);
  if (filter.to) query = query.where('m.created_at', '<', filter.to.length === 10 ? nextDay(filter.to) : filter.to);
  const rows = (await query.orderBy('m.seq', 'asc').limit(5000).execute()).map(presentMessage);
  const needle = filter.text?.toLowerCase();
  return needle ? rows.filter((m) => m.body.toLowerCase().includes(needle) || (m.author?.name ?? '').toLowerCase().includes(needle)) : rows;
}

export const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export interface PostMessageInput {
  body: string;
  onBehalfOfParticipantId?: number | undefined;
}

/**
 * Posts a message. An Administrator may post on behalf of another
 * participant; the message then also records who really wrote it. The write
 * itself is a command (`postMessageCommand`): on SQLite it runs on the write
 * thread.
 */
export async function postMessage(
  ctx: Ctx,
  conversationId: number,
  input: PostMessageInput,
  idempotency?: IdempotencyRequest,
): Promise<{ value: Message; replayed: boolean }> {
  checkMessageLength(input.body);
  if (input.onBehalfOfParticipantId !== undefined && (ctx.actor.side !== 'backoffice' || ctx.actor.role !== 'administrator')) {
    throw new AppError('FORBIDDEN', 'Only an Administrator may post on behalf of another participant.');
  }
  return settleRetries(ctx, idempotency, () => commitCommand(ctx, 'postMessage', { conversationId, input, idempotency }));
}

export async function postMessageCommand(
  { trx, emit, actor }: CommandScope,
  { conversationId, input, idempotency }: { conversationId: number; input: PostMessageInput; idempotency?: IdempotencyRequest | undefined },
): Promise<{ value: Message; replayed: boolean }> {
  return once(trx, idempotency, async () => {
    const conversation = await findVisibleConversation({ actor }, trx, conversationId);
    if (conversation.status === 'closed') {
      throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed and accepts no new messages.');
    }
    const onBehalf = input.onBehalfOfParticipantId;
    let authorParticipantId: number;
    let sentBy: number | null = null;
    if (onBehalf !== undefined) {
      const author = await trx
        .selectFrom('participants')
        .select(['id', 'backoffice_user_id'])
        .where('id', '=', onBehalf)
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      if (!author) {
        throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', {
          onBehalfOfParticipantId: 'Choose a participant of this conversation.',
        });
      }
      authorParticipantId = author.id;
      if (author.backoffice_user_id !== actor.id) sentBy = actor.id;
    } else {
      authorParticipantId = (await participantFor(trx, conversationId, viewerOf(actor))).id;
    }
    return appendMessage(trx, emit, conversation, {
      type: 'text',
      body: input.body,
      authorParticipantId,
      sentByBackofficeUserId: sentBy,
    }, actor);
  });
}

/**
 * Marks the thread read up to a message. Only participants keep a read
 * state; for anyone else (a customer Administrator looking at a colleague's
 * conversation, say) there is nothing unread to clear.
 */
export async function markRead(ctx: Ctx, conversationId: number, upToSeq: number) {
  return commit(ctx, async (trx, emit) => {
    const conversation = await findVisibleConversation(ctx, trx, conversationId);
    const me = await findParticipant(trx, conversationId, viewerOf(ctx.actor));
    if (!me) return { lastReadSeq: 0, unreadCount: 0 };
    const target = Math.min(upToSeq, conversation.last_seq);
    if (target <= me.last_read_seq) return { lastReadSeq: me.last_read_seq, unreadCount: me.unread_count };
    const unreadCount = await countUnreadAfter(trx, conversationId, target, me.id);
    await setReadState(trx, me.id, target, unreadCount);
    await emit({
      type: 'conversation.read',
      ...eventScope(conversation),
      payload: { conversationId, reader: viewerOf(ctx.actor), lastReadSeq: target, unreadCount },
    });
    return { lastReadSeq: target, unreadCount };
  });
}

export async function participantsOf(ctx: Ctx, conversationId: number) {
  await findVisibleConversation(ctx, ctx.db, conversationId);
  const rows = await listParticipants(ctx.db, conversationId);
  return rows.map((p) => {
    const isBackoffice = p.backoffice_user_id !== null;
    return {
      id: p.id,
      kind: isBackoffice ? ('backoffice_user' as const) : ('customer_user' as const),
      userId: (p.backoffice_user_id ?? p.customer_user_id)!,
      name: isBackoffice
        ? personName(p.bo_first_name ?? '', p.bo_last_name ?? '')
        : customerUserName({ first_name: p.cu_first_name, last_name: p.cu_last_name, deleted_at: p.cu_deleted_at }),
      role: (isBackoffice ? p.bo_role : p.cu_role) ?? '',
      lastReadSeq: p.last_read_seq,
      unreadCount: p.unread_count,
    };
  });
}
