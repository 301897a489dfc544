import type { AllMessagesPage, AllMessagesQuery, Message } from '../../shared/api';
import type { BackofficeUserActor, PersonActor } from '../kernel/actor';
import { isAdministrator } from '../kernel/actor';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, invalidFields } from '../kernel/errors';
import { attachmentsByMessage, attachUploads, checkAttachmentIds, takeUploads } from '../attachments';
import { customerUserName, personName } from '../people';
import { once, settleRetries, type IdempotencyRequest, type Replayable } from '../writes';
import { presentMessage } from './conversations.present';
import { postInOneStatement } from './post-statement';
import { findVisibleConversation } from './conversations.service';
import { countUnreadAfter, pageOfMessages, searchThread } from './messages.repo';
import { findParticipant, findParticipantById, listParticipants, setReadState } from './participants.repo';
import { lockConversationOrder } from '../events';
import { recordMentions, takeInMentioned } from './mentions';
import { appendMessage, checkMessageLength, eventScope, participantFor, participantUserOf, readersOf } from './thread';

/** A page of the thread: the latest by default, or before/after a sequence number. */
export async function listMessages(
  ctx: Ctx,
  conversationId: number,
  page: { before?: number | undefined; after?: number | undefined; limit: number },
) {
  await findVisibleConversation(ctx, conversationId);
  const fetched = await pageOfMessages(ctx.db, conversationId, page, readersOf(ctx.actor));
  const { more, forward } = fetched;
  const items = await withAttachments(ctx, fetched.items.map(presentMessage));
  const first = items[0];
  const last = items[items.length - 1];
  const hasMoreBefore = forward ? (first ? first.seq > 1 : (page.after ?? 0) > 0) : more;
  const hasMoreAfter = forward ? more : page.before !== undefined && last !== undefined;
  return { items, hasMoreBefore, hasMoreAfter };
}

/** The messages with the files each carries. */
async function withAttachments(ctx: Ctx, messages: Message[]): Promise<Message[]> {
  const files = await attachmentsByMessage(
    ctx,
    messages.map((m) => m.id),
  );
  return messages.map((m) => (files.has(m.id) ? { ...m, attachments: files.get(m.id) } : m));
}

/** Every message of the thread, oldest first, optionally filtered: the All messages tab. */
export async function searchMessages(ctx: Ctx, conversationId: number, filter: AllMessagesQuery): Promise<AllMessagesPage> {
  await findVisibleConversation(ctx, conversationId);
  const rows = await searchThread(ctx.db, ctx.dialect, conversationId, filter, readersOf(ctx.actor));
  const items = await withAttachments(ctx, rows.slice(0, filter.limit).map(presentMessage));
  return { items, nextAfter: rows.length > filter.limit ? items.at(-1)!.seq : null };
}

export interface PostMessageInput {
  body: string;
  /** `note`: an internal note (back-office users only) */
  type?: 'text' | 'note' | undefined;
  onBehalfOfParticipantId?: number | undefined;
  /** back-office users named with `@` (back-office users only) */
  mentions?: number[] | undefined;
  /** the poster's own unused uploads, which the message carries */
  attachmentIds?: number[] | undefined;
  /** whose uploads they are when not the author's: the integration that posts in a back-office user's name */
  uploadedBy?: { kind: 'integration'; id: number } | undefined;
}

const post = defineCommand<
  { conversationId: number; input: PostMessageInput; idempotency?: IdempotencyRequest | undefined },
  Replayable<Message>,
  PersonActor
>('conversations.postMessage', (ctx, { conversationId, input, idempotency }) =>
  once(ctx, idempotency, async () => {
    await lockConversationOrder(ctx.db, ctx.dialect, [conversationId]);
    const conversation = await findVisibleConversation(ctx, conversationId);
    if (conversation.status === 'closed')
      throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed and accepts no new messages.');
    const onBehalf = input.onBehalfOfParticipantId;
    let authorParticipantId: number;
    let sentBy: number | null = null;
    // on behalf of a customer user is the customer's message (staff relaying a call or a mail): it waits on staff
    let byCustomer = ctx.actor.kind === 'customer_user';
    if (onBehalf !== undefined) {
      const author = await findParticipantById(ctx.db, conversationId, onBehalf);
      if (!author) throw invalidFields({ onBehalfOfParticipantId: 'Choose a participant of this conversation.' });
      // a note is staff-only: nobody writes one in a customer user's name
      if (input.type === 'note' && author.customer_user_id !== null)
        throw invalidFields({ onBehalfOfParticipantId: 'An internal note is written by a back-office user.' });
      authorParticipantId = author.id;
      byCustomer = author.customer_user_id !== null;
      if (author.backoffice_user_id !== ctx.actor.id) sentBy = ctx.actor.id;
    } else {
      authorParticipantId = (await participantFor(ctx, conversation, { kind: ctx.actor.kind, id: ctx.actor.id })).id;
    }
    const staff = ctx.actor.kind === 'backoffice_user' ? (ctx as Ctx<BackofficeUserActor>) : null;
    const mentioned = staff && input.mentions ? await takeInMentioned(staff, conversation, input.mentions) : [];
    // the files go with the message, in its transaction: all of them or no message
    const attachmentIds = input.attachmentIds ?? [];
    const attachments = await takeUploads(ctx, attachmentIds, input.uploadedBy ?? ctx.actor);
    const type = input.type ?? 'text';
    const message = await appendMessage(
      ctx,
      conversation,
      { type, body: input.body, authorParticipantId, sentByBackofficeUserId: sentBy, attachments, byCustomer },
      ctx.actor,
    );
    if (staff) await recordMentions(staff, conversation, message, mentioned);
    await attachUploads(ctx, attachmentIds, { messageId: message.id, conversationId, staffOnly: type === 'note' });
    return message;
  }),
);

/**
 * Posts a message. An Administrator may post on behalf of another
 * participant; the message then also records who really wrote it.
 */
export async function postMessage(
  ctx: Ctx<PersonActor>,
  conversationId: number,
  input: PostMessageInput,
  idempotency?: IdempotencyRequest,
): Promise<Replayable<Message>> {
  checkMessageLength(input.body);
  input = { ...input, attachmentIds: checkAttachmentIds(input.attachmentIds) };
  if (input.onBehalfOfParticipantId !== undefined && !isAdministrator(ctx.actor)) {
    throw new AppError('FORBIDDEN', 'Only an Administrator may post on behalf of another participant.');
  }
  if (input.type === 'note' && ctx.actor.kind !== 'backoffice_user') {
    throw new AppError('FORBIDDEN', 'Only back-office users write internal notes.');
  }
  if (input.mentions?.length && ctx.actor.kind !== 'backoffice_user') {
    throw new AppError('FORBIDDEN', 'Only back-office users mention colleagues.');
  }
  // PostgreSQL: the common case in one statement (see post-statement.ts)
  const common =
    input.onBehalfOfParticipantId === undefined &&
    (input.type ?? 'text') === 'text' &&
    !input.mentions?.length &&
    !input.attachmentIds?.length;
  if (ctx.dialect === 'postgres' && idempotency === undefined && common) {
    const posted = await ctx.write(postInOneStatement, { conversationId, body: input.body });
    if (posted) return { value: posted, replayed: false };
  }
  return settleRetries(ctx, idempotency, () => ctx.write(post, { conversationId, input, idempotency }));
}

const postSystem = defineCommand(
  'conversations.postSystemMessage',
  (
    ctx,
    {
      conversationId,
      body,
      idempotency,
      files,
    }: { conversationId: number; body: string; idempotency?: IdempotencyRequest | undefined; files?: SystemFiles },
  ) =>
    once(ctx, idempotency, async () => {
      await lockConversationOrder(ctx.db, ctx.dialect, [conversationId]);
      const conversation = await findVisibleConversation(ctx, conversationId);
      // a system message passes a Close (it is how a Close is told), so the status is checked here
      if (conversation.status === 'closed')
        throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed and accepts no new messages.');
      const attachments = files ? await takeUploads(ctx, files.ids, files.uploadedBy) : [];
      const message = await appendMessage(ctx, conversation, {
        type: 'system',
        body,
        authorParticipantId: null,
        sentByBackofficeUserId: null,
        attachments,
      });
      if (files) await attachUploads(ctx, files.ids, { messageId: message.id, conversationId, staffOnly: false });
      return message;
    }),
);

/** A message from Parley itself, nobody's: what a store's integration writes when it names no back-office user. */
export function postSystemMessage(ctx: Ctx, conversationId: number, body: string, idempotency?: IdempotencyRequest, files?: SystemFiles) {
  checkMessageLength(body);
  const checked = files && { ...files, ids: checkAttachmentIds(files.ids) };
  return settleRetries(ctx, idempotency, () => ctx.write(postSystem, { conversationId, body, idempotency, files: checked }));
}

/** Files a system message carries: an integration's uploads. */
export interface SystemFiles {
  ids: number[];
  uploadedBy: { kind: 'integration'; id: number };
}

const read = defineCommand(
  'conversations.markRead',
  async (ctx, { conversationId, upToSeq }: { conversationId: number; upToSeq: number }) => {
    await lockConversationOrder(ctx.db, ctx.dialect, [conversationId]);
    const conversation = await findVisibleConversation(ctx, conversationId);
    const reader = participantUserOf(ctx.actor);
    const me = reader && (await findParticipant(ctx.db, conversationId, reader));
    if (!reader || !me || me.removed_at !== null) return { lastReadSeq: 0, unreadCount: 0 };
    const staff = readersOf(ctx.actor) === 'staff';
    // up to the last message this reader may see: a customer never reads past a note they cannot know of
    const target = Math.min(upToSeq, staff ? conversation.last_seq : conversation.last_public_seq);
    if (target <= me.last_read_seq) return { lastReadSeq: me.last_read_seq, unreadCount: me.unread_count };
    const unreadCount = await countUnreadAfter(ctx.db, conversationId, target, me.id, staff);
    await setReadState(ctx.db, me.id, target, unreadCount);
    await ctx.emit({
      type: 'conversation.read',
      ...eventScope(conversation),
      payload: { conversationId, reader, lastReadSeq: target, unreadCount },
    });
    return { lastReadSeq: target, unreadCount };
  },
);

/**
 * Marks the thread read up to a message. Only participants keep a read
 * state; for anyone else (a customer Administrator looking at a colleague's
 * conversation, say) there is nothing unread to clear.
 */
export function markRead(ctx: Ctx, conversationId: number, upToSeq: number) {
  return ctx.write(read, { conversationId, upToSeq });
}

export async function participantsOf(ctx: Ctx, conversationId: number) {
  await findVisibleConversation(ctx, conversationId);
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

export const messageCommands = [post, postInOneStatement, postSystem, read];
