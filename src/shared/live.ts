// The live protocol, both directions: what a client may send (checked with
// zod on the server, since it is untrusted input), what the server sends, and
// every close code with its reason. Stored events reach clients as frames of
// the event catalogue (./events); the web apps take every type from here.
import { z } from 'zod';
import { INT_MAX } from './input';
import type { EventPayload, Signal } from './events';

export const ClientFrame = z.discriminatedUnion('type', [
  /**
   * must be the first frame: from which stored event to continue (null: from now). Event ids are
   * not held to INT_MAX: they may outgrow it (PostgreSQL stores them as bigint); .int() keeps them
   * to the integers a JSON number carries exactly.
   */
  z.object({ type: z.literal('resume'), lastEventId: z.number().int().min(0).nullable() }),
  /** "I am typing in this conversation"; throttled by the server */
  z.object({ type: z.literal('typing'), conversationId: z.number().int().positive().max(INT_MAX) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** The stored events that clients receive as they are (the others become unread.changed, or stay on the server). */
export const liveEventTypes = [
  'message.created',
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.deleted',
  'participant.added',
  'participant.removed',
  /** only to the back-office user mentioned */
  'mention.created',
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

/** A stored event as a client receives it; `id` is what to resume from. */
export type LiveEventFrame = {
  [T in LiveEventType]: { type: T; id: number; conversationId: number; createdAt: string; data: EventPayload<T> };
}[LiveEventType];

export interface StorefrontUnreadTotals {
  side: 'storefront';
  /** unread messages over all my conversations */
  total: number;
  /** conversations with at least one unread message */
  conversations: number;
}

export interface BackofficeUnreadTotals {
  side: 'backoffice';
  /** conversations with unread messages for me */
  count: number;
  latest: { conversationId: number; name: string; preview: string; authorName: string | null; createdAt: string; unreadCount: number }[];
}

export type UnreadTotals = StorefrontUnreadTotals | BackofficeUnreadTotals;

/** Who is typing, as the typing frame names them. */
export type Typist = Extract<Signal, { type: 'typing' }>['from'];

export type ServerFrame =
  | LiveEventFrame
  /** caught up: everything up to lastEventId has been sent; live events follow */
  | { type: 'ready'; lastEventId: number }
  /** too much was missed to replay: reload what is shown, then continue from lastEventId */
  | { type: 'reset'; lastEventId: number }
  /** my totals changed; `conversations`: my unread count in each conversation that changed them */
  | { type: 'unread.changed'; totals: UnreadTotals; conversations?: { id: number; unreadCount: number }[] }
  | { type: 'typing'; conversationId: number; user: Typist }
  | { type: 'pong' };

/** Every code a live socket is closed with, and the reason sent along. */
export const CloseCodes = {
  GOING_AWAY: { code: 1001, reason: 'The server is shutting down; reconnect.' },
  MALFORMED_FRAME: { code: 1007, reason: 'A frame must be one JSON object in a text message.' },
  FRAME_TOO_LARGE: { code: 1009, reason: 'A frame may have at most 4096 bytes.' },
  INVALID_FRAME: { code: 4400, reason: 'The frame does not match the protocol.' },
  SESSION_ENDED: { code: 4401, reason: 'Signed out.' },
  TOO_MANY_SOCKETS: { code: 4409, reason: 'Too many live connections for this user; close other tabs.' },
  RESUME_TIMEOUT: { code: 4408, reason: 'The first frame must be resume, within 10 seconds.' },
  HEARTBEAT_MISSED: { code: 4410, reason: 'No answer to ping.' },
  TOO_MANY_FRAMES: { code: 4429, reason: 'Too many frames; at most 20 a second.' },
  // 1013 "try again later": a client that was only slow reconnects and resumes without loss
  SLOW_CONSUMER: { code: 1013, reason: 'Too far behind: the send buffer is full; reconnect and resume.' },
} as const;
export type CloseCode = keyof typeof CloseCodes;

/** Codes after which reconnecting is pointless until the user signs in again (1008: the handshake was refused). */
export const FINAL_CLOSE_CODES: readonly number[] = [CloseCodes.SESSION_ENDED.code, 1008];
