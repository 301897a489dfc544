// Who takes part in a conversation beyond its customer user and owner (Oro's
// Context): adding and removing people, each change told in the thread as a
// system message ("John Doe added Charlie Sheen"). A customer user added to
// someone else's conversation takes part as a guest and sees it while they do.
import type { ParticipantChoice } from '../../shared/api';
import type { CustomerUserActor, PersonActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import { lockConversationOrder } from '../events';
import { customerUserName, listCustomerUsersOf, personName } from '../people';
import { findVisibleConversation } from './conversations.service';
import { participantsOf } from './messages.service';
import { listParticipants, removeParticipantRow } from './participants.repo';
import { addableCustomers, addParticipantsIn } from './participants.rules';
import { appendMessage, eventScope } from './thread';

const add = defineCommand<{ conversationId: number; people: ParticipantChoice[] }, void, PersonActor>(
  'conversations.addParticipants',
  async (ctx, { conversationId, people }) => {
    await lockConversationOrder(ctx.db, ctx.dialect, [conversationId]);
    await addParticipantsIn(ctx, await findVisibleConversation(ctx, conversationId), people);
  },
);

/** Adds people to a conversation the actor may see; answers who takes part now. */
export async function addParticipants(ctx: Ctx<PersonActor>, conversationId: number, people: ParticipantChoice[]) {
  await ctx.write(add, { conversationId, people });
  return participantsOf(ctx, conversationId);
}

const remove = defineCommand<{ conversationId: number; participantId: number }, void, PersonActor>(
  'conversations.removeParticipant',
  async (ctx, { conversationId, participantId }) => {
    await lockConversationOrder(ctx.db, ctx.dialect, [conversationId]);
    const conversation = await findVisibleConversation(ctx, conversationId);
    const participant = (await listParticipants(ctx.db, conversationId)).find((p) => p.id === participantId);
    // a customer user knows only the customer side of those taking part
    const hidden = ctx.actor.kind === 'customer_user' && participant?.customer_user_id === null;
    if (!participant || hidden) throw notFound('PARTICIPANT_NOT_FOUND', 'Participant');
    if (participant.customer_user_id === conversation.customer_user_id || participant.backoffice_user_id === conversation.owner_id) {
      throw new AppError('PARTICIPANT_REQUIRED', "The conversation's customer user and its owner always take part.");
    }
    if (
      ctx.actor.kind === 'customer_user' &&
      !(await addableCustomers(ctx, conversation.customer_id)).includes(participant.cu_customer_id!)
    ) {
      throw new AppError(
        'FORBIDDEN',
        'You may take out only colleagues you may add: of your customer (a Buyer) or its tree (an Administrator).',
      );
    }
    await removeParticipantRow(ctx.db, participantId, now());
    const staff = participant.backoffice_user_id !== null;
    const name = staff
      ? personName(participant.bo_first_name ?? '', participant.bo_last_name ?? '')
      : customerUserName({
          first_name: participant.cu_first_name,
          last_name: participant.cu_last_name,
          deleted_at: participant.cu_deleted_at,
        });
    await ctx.emit({
      type: 'participant.removed',
      ...eventScope(conversation),
      payload: {
        conversationId,
        participant: {
          id: participantId,
          kind: staff ? 'backoffice_user' : 'customer_user',
          userId: (participant.backoffice_user_id ?? participant.customer_user_id)!,
          name,
        },
        by: { id: ctx.actor.id, name: ctx.actor.name },
      },
    });
    await appendMessage(ctx, conversation, {
      type: 'system',
      body: `${ctx.actor.name} removed ${name}`,
      authorParticipantId: null,
      sentByBackofficeUserId: null,
    });
  },
);

/** Takes someone out of a conversation (on the storefront: a colleague one may add); answers who takes part now. */
export async function removeParticipant(ctx: Ctx<PersonActor>, conversationId: number, participantId: number) {
  await ctx.write(remove, { conversationId, participantId });
  return participantsOf(ctx, conversationId);
}

/** The colleagues a customer user may add to a conversation (an Administrator's customer tree, a Buyer's own customer; not themselves), by name. */
export async function listColleagues(ctx: Ctx<CustomerUserActor>, q: string | undefined) {
  const people = await listCustomerUsersOf(ctx, await addableCustomers(ctx, ctx.actor.customerId), q, 21);
  return people
    .filter((p) => p.id !== ctx.actor.id)
    .slice(0, 20)
    .map(({ id, name, role, customer }) => ({ id, name, role, customer }));
}

export const participantCommands = [add, remove];
