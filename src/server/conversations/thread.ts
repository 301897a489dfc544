// Appending to a thread: the one place that numbers messages and keeps the
// conversation's counters and every participant's unread count in step.
import { sql, type Kysely } from 'kysely';
import type { Message, MessageAttachment, MessageAuthor } from '../../shared/api';
import { MESSAGE_MAX, tooLongMessage } from '../../shared/api';
import type { UserRef } from '../../shared/events';
import type { DB } from '../db/schema';
import type { Actor, PersonActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import { now } from '../kernel/clock';
import type { Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { initialsOf } from '../people';
import { precompiled, precompiledCount } from '../writes';
import type { ConversationRow, MessageType } from './conversations.table';
import { presentMessage } from './conversations.present';
import { countUnreadAfter, findMessageBySeq, insertMessage, type Readers } from './messages.repo';
import { ensureParticipant, findParticipant, recordMessageForParticipants } from './participants.repo';

/** The actor as a participant's user: people take part in conversations; an integration or the system does not. */
export function participantUserOf(actor: Actor): UserRef | null {
  switch (actor.kind) {
    case 'customer_user':
    case 'backoffice_user':
      return { kind: actor.kind, id: actor.id };
    case 'integration':
    case 'system':
      return null;
    default:
      return unreachable(actor);
  }
}

/** Whose eyes a thread is read with: back-office users read internal notes, nobody else ever does. */
export function readersOf(actor: Actor): Readers {
  return actor.kind === 'backoffice_user' ? 'staff' : 'public';
}

export function checkMessageLength(body: string, field = 'body') {
  if (body.length > MESSAGE_MAX) {
    throw new AppError('MESSAGE_TOO_LONG', `A message may have at most ${MESSAGE_MAX} characters.`, {
      [field]: tooLongMessage(MESSAGE_MAX),
    });
  }
}

/** The user's participant in the conversation, taking part from now on if they did not (or no longer did). */
export function participantFor(ctx: Ctx, conversation: Pick<ConversationRow, 'id' | 'customer_user_id'>, who: UserRef) {
  const guest = who.kind === 'customer_user' && who.id !== conversation.customer_user_id;
  return ensureParticipant(ctx.db, conversation.id, who, { at: now(), guest }, (participantId) =>
    countUnreadAfter(ctx.db, conversation.id, 0, participantId, who.kind === 'backoffice_user'),
  );
}

export const eventScope = (c: Pick<ConversationRow, 'id' | 'customer_id' | 'customer_user_id'>) => ({
  conversationId: c.id,
  customerId: c.customer_id,
  customerUserId: c.customer_user_id,
});

// The thread's counters move with each message. A text message re-checks the
// status here, under the row's write lock, so that it cannot slip in after a
// concurrent Close has committed; a system message (the Close itself) does not.
// An internal note takes a number in the thread and changes nothing customers
// see: not the count, the activity time, nor their last message.
// The new sequence number is read back by a second statement, which holds no
// surprise (the row stays locked until the transaction ends) and costs less
// than RETURNING (see `precompiled`).
// A customer's text starts the wait for staff (if it had not started); a staff
// member's text ends it: the same UPDATE carries it, so the inbox's "Waiting on
// us" costs a post no statement.
const bumpForText = precompiledCount((db, id: number, at: string, byCustomer: number) =>
  db
    .updateTable('conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      last_public_seq: eb('last_seq', '+', 1),
      last_text_seq: eb('last_seq', '+', 1),
      messages_count: eb('messages_count', '+', 1),
      last_activity_at: at,
      updated_at: at,
      awaiting_staff_since: sql<string | null>`case when ${byCustomer} = 1 then coalesce(awaiting_staff_since, ${at}) else null end`,
    }))
    .where('id', '=', id)
    .where('status', '=', 'active'),
);
const bumpForSystem = precompiledCount((db, id: number, at: string) =>
  db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_public_seq: eb('last_seq', '+', 1), last_activity_at: at, updated_at: at }))
    .where('id', '=', id),
);
const bumpForNote = precompiledCount((db, id: number) =>
  db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'active'),
);
const bumps: Record<MessageType, (db: Kysely<DB>, id: number, at: string, byCustomer: number) => Promise<number>> = {
  text: bumpForText,
  system: (db, id, at) => bumpForSystem(db, id, at),
  note: (db, id) => bumpForNote(db, id),
};
const lastSeqOf = precompiled((db, id: number) => db.selectFrom('conversations').select('last_seq').where('id', '=', id));

/** Inside a command: appends a message to the thread and emits message.created. */
export async function appendMessage(
  ctx: Ctx,
  conversation: Pick<ConversationRow, 'id' | 'customer_id' | 'customer_user_id'>,
  message: {
    type: MessageType;
    body: string;
    authorParticipantId: number | null;
    /** the back-office user who really wrote it, when posting on behalf of the author */
    sentByBackofficeUserId: number | null;
    /** the files it carries (linked by the caller, in the same transaction) */
    attachments?: MessageAttachment[] | undefined;
    /** the author is a customer user (in person or posted on their behalf): a text then waits on staff */
    byCustomer?: boolean | undefined;
  },
  /** the signed-in person, when they are the author: their name and role need no query */
  writer?: PersonActor,
): Promise<Message> {
  const at = now();
  const bumped = await bumps[message.type](ctx.db, conversation.id, at, message.byCustomer ? 1 : 0);
  if (bumped === 0) throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed and accepts no new messages.');
  const seq = (await lastSeqOf(ctx.db, conversation.id))[0]!.last_seq;

  const { attachments, byCustomer: _byCustomer, ...row } = message;
  const { id } = await insertMessage(ctx.db, { conversationId: conversation.id, seq, createdAt: at, ...row });
  // writing in a thread means having read it. A message written in someone's name is news to them (unread,
  // like anyone else's) and read by whoever really wrote it, if they take part (one look-up, on this rare path only)
  const inPerson = message.sentByBackofficeUserId === null;
  const reader = inPerson
    ? message.authorParticipantId
    : ((await findParticipant(ctx.db, conversation.id, { kind: 'backoffice_user', id: message.sentByBackofficeUserId! }))?.id ?? null);
  await recordMessageForParticipants(ctx.db, conversation.id, {
    seq,
    staffOnly: message.type === 'note',
    authorParticipantId: reader,
    authorReadsAll: true,
  });
  // the common case, someone writing as themselves, needs no read-back
  const presented: Message =
    writer && inPerson && message.authorParticipantId !== null
      ? {
          id,
          conversationId: conversation.id,
          seq,
          type: message.type,
          body: message.body,
          author: authorOf(writer, message.authorParticipantId),
          sentBy: null,
          createdAt: at,
        }
      : presentMessage(await findMessageBySeq(ctx.db, conversation.id, seq));
  const stored = attachments?.length ? { ...presented, attachments } : presented;
  await ctx.emit({ type: 'message.created', ...eventScope(conversation), payload: { message: stored } });
  return stored;
}

export function authorOf(actor: PersonActor, participantId: number): MessageAuthor {
  return {
    kind: actor.kind,
    participantId,
    userId: actor.id,
    name: actor.name,
    initials: initialsOf(actor.name),
    role: actor.role,
    deleted: false,
  };
}
