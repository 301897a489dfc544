// Who receives what: the one place that maps each domain event to the users
// it may reach, from the SPEC's visibility rules (a Buyer their own
// conversations; a customer Administrator their customer's and its
// sub-customers'; back-office users all; never another customer's). The live
// path (mayReceive) and the replay query (replayFilter) are the same rule
// written twice side by side, and tested together.
import { isStaffOnly, type EventScope, type Signal, type StoredEvent } from '../../shared/events';
import { liveEventTypes, type LiveEventFrame, type LiveEventType } from '../../shared/live';
import type { EventFilter } from '../events';
import type { PersonActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import { canSee, type Visibility } from '../people';

/** A connected user: who they are and, computed once at connect, what they may see. */
export interface Audience {
  actor: PersonActor;
  visibility: Visibility;
}

const SENT_AS_IS: ReadonlySet<string> = new Set<LiveEventType>(liveEventTypes);

function visibleScope(audience: Audience, scope: EventScope): boolean {
  if (scope.customerId === null || scope.customerUserId === null) return audience.actor.kind === 'backoffice_user';
  return canSee(audience.visibility, { customer_id: scope.customerId, customer_user_id: scope.customerUserId }, scope.conversationId);
}

/** Whether this user may receive this stored event: one they may see, an internal note only if they are staff, a mention only if it names them. */
export function mayReceive(audience: Audience, event: StoredEvent): boolean {
  if (event.type === 'mention.created')
    return audience.actor.kind === 'backoffice_user' && audience.actor.id === event.payload.mentioned.id;
  return visibleScope(audience, event) && (audience.actor.kind === 'backoffice_user' || !isStaffOnly(event));
}

/**
 * A customer user added to someone else's conversation sees it from then on,
 * and stops when removed: their sockets' visibility follows, at once, in
 * event order (added before the event is offered, removed after, so that the
 * removal itself still reaches them).
 */
export function followGuests(audience: Audience, event: StoredEvent, when: 'before' | 'after') {
  if (event.type !== 'participant.added' && event.type !== 'participant.removed') return;
  const { participant, conversationId } = event.payload;
  const visibility = audience.visibility;
  if (visibility.kind === 'all' || participant.kind !== audience.actor.kind || participant.userId !== audience.actor.id) return;
  const others = visibility.guestOf.filter((id) => id !== conversationId);
  if (event.type === 'participant.added' && when === 'before')
    audience.visibility = { ...visibility, guestOf: [...others, conversationId] };
  if (event.type === 'participant.removed' && when === 'after') audience.visibility = { ...visibility, guestOf: others };
}

/** The event as this user receives it, or null when it is not theirs to see. */
export function frameFor(audience: Audience, event: StoredEvent): LiveEventFrame | null {
  return mayReceive(audience, event) ? clientFrameOf(event) : null;
}

/** The event as clients receive it (the same for all who may), or null when it is never sent as is. */
export function clientFrameOf(event: StoredEvent): LiveEventFrame | null {
  if (!SENT_AS_IS.has(event.type) || event.conversationId === null) return null;
  return {
    type: event.type,
    id: event.id,
    conversationId: event.conversationId,
    createdAt: event.createdAt,
    data: event.payload,
  } as LiveEventFrame;
}

/** The replay query's form of frameFor: only rows this user may receive. */
export function replayFilter(visibility: Visibility): EventFilter {
  const sent = { types: liveEventTypes, withConversation: true };
  switch (visibility.kind) {
    case 'all':
      return sent;
    case 'customerUser':
      return { ...sent, customerUserId: visibility.customerUserId, orConversationIds: visibility.guestOf };
    case 'customers':
      return { ...sent, customerIds: visibility.customerIds, orConversationIds: visibility.guestOf };
    default:
      return unreachable(visibility);
  }
}

/** A typing signal goes to whoever may see the conversation, never back to its sender. */
export function receivesTyping(audience: Audience, signal: Extract<Signal, { type: 'typing' }>): boolean {
  const own = signal.from.kind === audience.actor.kind && signal.from.id === audience.actor.id;
  return !own && visibleScope(audience, signal);
}

export type UserKey = `${PersonActor['kind']}:${number}`;
export const userKeyOf = (user: { kind: PersonActor['kind']; id: number }): UserKey => `${user.kind}:${user.id}`;

/**
 * Whose unread totals an event changes. A new message changes every
 * participant's (the author's read mark moves too), and so does a change of
 * owner; a read mark only its reader's; a deletion takes the conversation out of whoever may see it.
 */
export type UnreadReach =
  /** staffOnly: an internal note moved only the back-office participants' counts */
  | { kind: 'participants'; conversationId: number; staffOnly: boolean }
  | { kind: 'users'; users: UserKey[]; conversation?: { id: number; unreadCount: number } }
  | { kind: 'audience' }
  | { kind: 'none' };

export function unreadReach(event: StoredEvent): UnreadReach {
  switch (event.type) {
    case 'message.created':
    case 'conversation.updated':
    case 'participant.added':
      // a new owner, or someone added, joins as a participant with everything unread
      return event.conversationId === null
        ? { kind: 'none' }
        : { kind: 'participants', conversationId: event.conversationId, staffOnly: isStaffOnly(event) };
    case 'participant.removed': {
      const { participant, conversationId } = event.payload;
      return {
        kind: 'users',
        users: [userKeyOf({ kind: participant.kind, id: participant.userId })],
        conversation: { id: conversationId, unreadCount: 0 },
      };
    }
    case 'conversation.read': {
      const { reader, conversationId, unreadCount } = event.payload;
      return { kind: 'users', users: [userKeyOf(reader)], conversation: { id: conversationId, unreadCount } };
    }
    case 'conversation.deleted':
      return { kind: 'audience' };
    case 'conversation.created':
    case 'conversation.status_changed':
    case 'mention.created':
    case 'record.deleted':
    case 'customer_user.deleted':
    case 'backoffice_user.deactivated':
      return { kind: 'none' };
    default:
      return unreachable(event);
  }
}
