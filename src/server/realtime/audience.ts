// Who receives what: the one place that maps each domain event to the users
// it may reach, from the SPEC's visibility rules (a Buyer their own
// conversations; a customer Administrator their customer's and its
// sub-customers'; back-office users all; never another customer's). The live
// path (mayReceive) and the replay query (whereAudience) are the same rule
// written twice side by side, and tested together.
import type { SelectQueryBuilder } from 'kysely';
import type { Actor } from '../context';
import type { DB } from '../db/schema';
import type { Signal, StoredEvent } from '../events/events';
import { canSee, type Visibility } from '../access';
import type { LiveEventFrame, StoredEventType } from './protocol';

/** A connected user: who they are and, computed once at connect, what they may see. */
export interface Audience {
  actor: Actor;
  visibility: Visibility;
}

/** What an event (or a typing signal) is about: the conversation's customer and customer user. */
interface Scope {
  customerId: number | null;
  customerUserId: number | null;
}

const SENT_AS_IS: ReadonlySet<string> = new Set<StoredEventType>([
  'message.created',
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.deleted',
]);

/** Events that are private to one user: their own read marks. */
const PRIVATE = 'conversation.read';

function visibleScope(audience: Audience, scope: Scope): boolean {
  if (scope.customerId === null || scope.customerUserId === null) return audience.actor.side === 'backoffice';
  return canSee(audience.visibility, { customer_id: scope.customerId, customer_user_id: scope.customerUserId });
}

/** Whether this user may receive this stored event. */
export const mayReceive = (audience: Audience, event: StoredEvent) => visibleScope(audience, event);

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
export function whereAudience<O>(query: SelectQueryBuilder<DB, 'events', O>, visibility: Visibility) {
  const q = query.where('type', 'in', [...SENT_AS_IS]).where('conversation_id', 'is not', null);
  switch (visibility.kind) {
    case 'all':
      return q;
    case 'customerUser':
      return q.where('customer_user_id', '=', visibility.customerUserId);
    case 'customers':
      // an empty list would be invalid SQL; nobody with no customer sees anything
      return visibility.customerIds.length === 0 ? q.where('id', '<', 0) : q.where('customer_id', 'in', visibility.customerIds);
  }
}

/** A typing signal goes to whoever may see the conversation, never back to its sender. */
export function receivesTyping(audience: Audience, signal: Extract<Signal, { type: 'typing' }>): boolean {
  const own = (signal.from.kind === 'customer_user') === (audience.actor.side === 'storefront') && signal.from.id === audience.actor.id;
  return !own && visibleScope(audience, signal);
}

export type UserKey = `${'customer_user' | 'backoffice_user'}:${number}`;
export const userKeyOf = (actor: Actor): UserKey =>
  `${actor.side === 'storefront' ? 'customer_user' : 'backoffice_user'}:${actor.id}`;

/**
 * Whose unread totals an event changes. A new message changes every
 * participant's (the author's read mark moves too), and so does a change of
 * owner; a read mark only its reader's; a deletion takes the conversation out of whoever may see it.
 */
export type UnreadReach =
  | { kind: 'participants'; conversationId: number }
  | { kind: 'users'; users: UserKey[]; conversation?: { id: number; unreadCount: number } }
  | { kind: 'audience' }
  | { kind: 'none' };

export function unreadReach(event: StoredEvent): UnreadReach {
  const p = event.payload;
  switch (event.type) {
    case 'message.created':
      return event.conversationId === null ? { kind: 'none' } : { kind: 'participants', conversationId: event.conversationId };
    case PRIVATE: {
      const reader = p.reader as { kind: 'customer_user' | 'backoffice_user'; id: number };
      const conversation = { id: Number(p.conversationId), unreadCount: Number(p.unreadCount) };
      return { kind: 'users', users: [`${reader.kind}:${reader.id}`], conversation };
    }
    case 'conversation.updated':
      // a new owner joins as a participant with everything unread
      return event.conversationId === null ? { kind: 'none' } : { kind: 'participants', conversationId: event.conversationId };
    case 'conversation.deleted':
      return { kind: 'audience' };
    default:
      return { kind: 'none' };
  }
}
