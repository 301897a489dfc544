// The event catalogue: every event Parley stores, its payload as a zod
// schema, once. The server's emit, the Redis bus, the live protocol and both
// web apps take their types from here; a payload that does not match its
// schema is refused where it is emitted (outside production) and where it
// arrives from another process (always).
import { z } from 'zod';
import { ConversationStatus, Message, PersonRef, SourceRef } from './api';

const Id = z.number().int().positive();

/** A person as events name them: a customer user or a back-office user. */
export const UserRef = z.object({ kind: z.enum(['customer_user', 'backoffice_user']), id: Id });
export type UserRef = z.infer<typeof UserRef>;

/** A participant as events name them. */
export const ParticipantRef = z.object({ id: Id, kind: UserRef.shape.kind, userId: Id, name: z.string() });

export const eventPayloads = {
  'conversation.created': z.object({ conversationId: Id, name: z.string() }),
  /** renamed, reassigned, or its source record went away: what it is now (`assignedBy`: this change gave it to its owner) */
  'conversation.updated': z.object({
    conversationId: Id,
    name: z.string(),
    ownerId: Id.nullable(),
    source: SourceRef.nullable(),
    assignedBy: PersonRef.optional(),
  }),
  'conversation.status_changed': z.object({ conversationId: Id, from: ConversationStatus, to: ConversationStatus, by: PersonRef }),
  'conversation.deleted': z.object({ conversationId: Id }),
  /** a participant's read mark moved: private to that reader */
  'conversation.read': z.object({
    conversationId: Id,
    reader: UserRef,
    lastReadSeq: z.number().int().min(0),
    unreadCount: z.number().int().min(0),
  }),
  /** a text, system or internal note (`message.type` "note": back-office users only, see isStaffOnly) */
  'message.created': z.object({ message: Message }),
  /** someone was added to the conversation (their system message follows as message.created) */
  'participant.added': z.object({ conversationId: Id, participant: ParticipantRef, by: PersonRef }),
  /** someone was taken out of the conversation: a guest loses sight of it */
  'participant.removed': z.object({ conversationId: Id, participant: ParticipantRef, by: PersonRef }),
  /** a back-office user was named with `@` in a message: for their eyes only (see mayReceive), never a customer's */
  'mention.created': z.object({
    conversationId: Id,
    conversationName: z.string(),
    message: z.object({ id: Id, seq: Id, type: z.enum(['text', 'note']) }),
    mentioned: PersonRef,
    by: PersonRef,
  }),
  /** an order, RFQ or quote was deleted: its conversations lose their source */
  'record.deleted': z.object({ recordId: Id }),
  /** a customer user was deleted: their sessions end, their messages stay */
  'customer_user.deleted': z.object({ customerUserId: Id }),
  /** a back-office user was deactivated (in Settings > Users or by the store's sync API): their sessions and sockets end everywhere */
  'backoffice_user.deactivated': z.object({ backofficeUserId: Id }),
} as const;

export type EventType = keyof typeof eventPayloads;
export const eventTypes = Object.keys(eventPayloads) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;

/**
 * Whom an event concerns: the conversation (or record) and its customer and
 * customer user. The live layer decides from these who may receive it; a
 * null customer means back-office users only.
 */
export interface EventScope {
  conversationId: number | null;
  customerId: number | null;
  customerUserId: number | null;
}

/**
 * Whether only back-office users may ever learn of this event: an internal
 * note, or a mention (only staff are mentioned, and a mention in a note must
 * not tell a customer that a note was written). The live audience, the replay, the unread push, webhooks (unless an
 * endpoint opts in) and mail all ask this one question.
 */
export function isStaffOnly(event: { type: EventType; payload: unknown }): boolean {
  if (event.type === 'mention.created') return true;
  return event.type === 'message.created' && (event.payload as EventPayload<'message.created'>).message.type === 'note';
}

/**
 * The user whom this event signs out everywhere: a deleted customer user, a
 * deactivated back-office user. Their sessions end (accounts/), every
 * instance forgets them and their sockets close (realtime/).
 */
export function signedOutBy(event: { type: EventType; payload: unknown }): z.infer<typeof UserRef> | null {
  if (event.type === 'customer_user.deleted')
    return { kind: 'customer_user', id: (event.payload as EventPayload<'customer_user.deleted'>).customerUserId };
  if (event.type === 'backoffice_user.deactivated')
    return { kind: 'backoffice_user', id: (event.payload as EventPayload<'backoffice_user.deactivated'>).backofficeUserId };
  return null;
}

/** An event as written, before it is stored. */
export type DomainEvent = { [T in EventType]: EventScope & { type: T; payload: EventPayload<T> } }[EventType];

/** An event as stored: ids increase in commit order. */
export type StoredEvent = DomainEvent & { id: number; createdAt: string };

const Scope = { conversationId: Id.nullable(), customerId: Id.nullable(), customerUserId: Id.nullable() };

/** A stored event, checked: what arrives from another process (Redis) goes through this. */
export const StoredEventSchema = z.discriminatedUnion(
  'type',
  eventTypes.map((type) =>
    z.object({ ...Scope, id: z.number().int().positive(), createdAt: z.string(), type: z.literal(type), payload: eventPayloads[type] }),
  ) as unknown as [z.ZodObject<z.ZodRawShape>, ...z.ZodObject<z.ZodRawShape>[]],
) as unknown as z.ZodType<StoredEvent>;

/**
 * Ephemeral news that every instance must hear but nobody stores: someone is
 * typing, a session ended (its sockets must close wherever they are).
 */
export const SignalSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('typing'),
    conversationId: Id,
    customerId: Id,
    customerUserId: Id,
    from: UserRef.extend({ name: z.string() }),
  }),
  z.object({ type: z.literal('session.ended'), sessionId: z.string() }),
]);
export type Signal = z.infer<typeof SignalSchema>;

/** Checks an event's payload against its schema; throws naming the type and the field. */
export function checkEvent<E extends DomainEvent>(event: E): E {
  const parsed = eventPayloads[event.type].safeParse(event.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`event ${event.type}: payload.${issue.path.join('.')}: ${issue.message}`);
  }
  return event;
}
