// Mentions: a back-office user named with `@` in a reply or an internal note
// takes part in the conversation from then on (so the message is unread for
// them, and the notifications module mails them about it), is told live
// (mention.created reaches only them), and finds the conversation in the
// grid's Mentions view. Only staff are mentioned, and only by staff.
import type { Message } from '../../shared/api';
import type { BackofficeUserActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { invalidFields } from '../kernel/errors';
import { now } from '../kernel/clock';
import { findBackofficeUser, personName } from '../people';
import type { ConversationRow } from './conversations.table';
import { eventScope, participantFor } from './thread';

export interface Mentioned {
  id: number;
  name: string;
}

/**
 * Inside a command, before the message is appended: each mentioned user
 * (oneself aside) checked, and taking part from now on, so that the message
 * counts as unread for them. VALIDATION_FAILED names `mentions` when one is
 * not an active back-office user.
 */
export async function takeInMentioned(
  ctx: Ctx<BackofficeUserActor>,
  conversation: Pick<ConversationRow, 'id' | 'customer_user_id'>,
  ids: readonly number[],
): Promise<Mentioned[]> {
  const mentioned: Mentioned[] = [];
  for (const id of new Set(ids)) {
    if (id === ctx.actor.id) continue;
    const user = await findBackofficeUser(ctx.db, id);
    if (!user) throw invalidFields({ mentions: 'Mention active back-office users only.' });
    await participantFor(ctx, conversation, { kind: 'backoffice_user', id });
    mentioned.push({ id, name: personName(user.first_name, user.last_name) });
  }
  return mentioned;
}

/** Inside a command, after the message: one row and one mention.created per mentioned user. */
export async function recordMentions(
  ctx: Ctx<BackofficeUserActor>,
  conversation: Pick<ConversationRow, 'id' | 'name' | 'customer_id' | 'customer_user_id'>,
  message: Message,
  mentioned: readonly Mentioned[],
) {
  if (mentioned.length === 0) return;
  const at = now();
  await ctx.db
    .insertInto('mentions')
    .values(mentioned.map((m) => ({ conversation_id: conversation.id, message_id: message.id, backoffice_user_id: m.id, created_at: at })))
    .execute();
  for (const m of mentioned) {
    await ctx.emit({
      type: 'mention.created',
      ...eventScope(conversation),
      payload: {
        conversationId: conversation.id,
        conversationName: conversation.name,
        message: { id: message.id, seq: message.seq, type: message.type === 'note' ? 'note' : 'text' },
        mentioned: m,
        by: { id: ctx.actor.id, name: ctx.actor.name },
      },
    });
  }
}
