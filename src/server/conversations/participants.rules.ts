// Who may add whom to a conversation, and adding them inside a command: the
// back-office any staff and any customer user of the customer's tree; a
// customer Administrator colleagues of their customer tree; a Buyer colleagues
// of their own customer. Each addition is told in the thread.
import type { ParticipantChoice } from '../../shared/api';
import type { UserRef } from '../../shared/events';
import type { PersonActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { AppError, invalidFields } from '../kernel/errors';
import { customerTreeIds, customerUserName, descendantCustomerIds, findBackofficeUser, findCustomerUser, personName } from '../people';
import type { ConversationRow } from './conversations.table';
import { findParticipant } from './participants.repo';
import { appendMessage, eventScope, participantFor } from './thread';

/** The customers whose users this actor may add to (and take out of) a conversation of `customerId`. */
export async function addableCustomers(ctx: Ctx<PersonActor>, customerId: number): Promise<number[]> {
  const actor = ctx.actor;
  switch (actor.kind) {
    case 'backoffice_user':
      return customerTreeIds(ctx.db, customerId);
    case 'customer_user':
      return actor.role === 'administrator' ? descendantCustomerIds(ctx.db, actor.customerId) : [actor.customerId];
    default:
      return unreachable(actor);
  }
}

/** The person's name, if this actor may add them to this conversation; VALIDATION_FAILED otherwise. */
async function addableName(ctx: Ctx<PersonActor>, conversation: ConversationRow, who: ParticipantChoice): Promise<string> {
  if (who.kind === 'backoffice_user') {
    if (ctx.actor.kind !== 'backoffice_user') throw new AppError('FORBIDDEN', 'Only back-office users add staff to a conversation.');
    const user = await findBackofficeUser(ctx.db, who.userId);
    if (!user) throw invalidFields({ userId: 'Choose an existing back-office user.' });
    return personName(user.first_name, user.last_name);
  }
  const user = await findCustomerUser(ctx.db, who.userId);
  const allowed = user && user.deleted_at === null && (await addableCustomers(ctx, conversation.customer_id)).includes(user.customer_id);
  if (!user || !allowed) throw invalidFields({ userId: "Choose a customer user of this conversation's customer." });
  return customerUserName(user);
}

/** Inside a command: adds each person not taking part yet, with a system message each; the actor's own name says who did. */
export async function addParticipantsIn(ctx: Ctx<PersonActor>, conversation: ConversationRow, people: readonly ParticipantChoice[]) {
  for (const who of people) {
    const name = await addableName(ctx, conversation, who);
    const ref: UserRef = { kind: who.kind, id: who.userId };
    const existing = await findParticipant(ctx.db, conversation.id, ref);
    if (existing && existing.removed_at === null) continue;
    const added = await participantFor(ctx, conversation, ref);
    await ctx.emit({
      type: 'participant.added',
      ...eventScope(conversation),
      payload: {
        conversationId: conversation.id,
        participant: { id: added.id, kind: who.kind, userId: who.userId, name },
        by: { id: ctx.actor.id, name: ctx.actor.name },
      },
    });
    await appendMessage(ctx, conversation, {
      type: 'system',
      body: `${ctx.actor.name} added ${name}`,
      authorParticipantId: null,
      sentByBackofficeUserId: null,
    });
  }
}
