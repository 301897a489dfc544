// Builders for the API tests' own data, made through the real HTTP API. Each
// call makes something new with a unique name, so that a test asserts on what
// it made and not on what another test left behind; the demo data is for
// reading.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ConversationSummary, Message } from '../../src/shared/api';
import { emails, type ActorName, type Agent } from './api';
import type { Answer } from './errors';

export type { ConversationSummary, Message };
export interface Created {
  conversation: ConversationSummary;
  message: Message | null;
}

/** "Subject 1a2b3c4d": a name no other test (or run) uses. */
export const unique = (prefix = 'Subject') => `${prefix} ${randomUUID().slice(0, 8)}`;

/** The body of a successful answer; anything else fails the test here, with the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads what it asserts on
export function ok<T = any>(res: Answer & { json(): unknown }, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** A storefront Create Conversation (or Ask A Question, with `recordId`) by a customer user. */
export async function newConversation(
  customerUser: Agent,
  input: { subject?: string; message?: string; recordId?: number } = {},
): Promise<Created & { message: Message }> {
  const { subject = unique(), message = 'Hello', recordId } = input;
  return ok(await customerUser.post('/conversations', { subject, message, ...(recordId ? { recordId } : {}) }), 201);
}

/** A back-office Create Conversation for a customer user (owned by `staff` unless `ownerId` says otherwise). */
export async function backofficeConversation(
  staff: Agent,
  input: {
    customerUserId: number;
    name?: string;
    recordId?: number;
    ownerId?: number | null;
    message?: string;
    participants?: { kind: 'customer_user' | 'backoffice_user'; userId: number }[];
  },
): Promise<Created> {
  return ok(await staff.post('/conversations', { name: unique(), ...input }), 201);
}

/** A back-office conversation that `staff` has closed. */
export async function closedConversation(staff: Agent, input: Parameters<typeof backofficeConversation>[1]): Promise<ConversationSummary> {
  const { conversation } = await backofficeConversation(staff, input);
  return ok(await staff.post(`/conversations/${conversation.id}/close`));
}

/** Posts a message as `author` (either side) and returns it. */
export async function postMessage(author: Agent, conversationId: number, body = unique('Message')): Promise<Message> {
  return ok(await author.post(`/conversations/${conversationId}/messages`, { body }), 201);
}

/** The id of a demo customer user, looked up by a back-office user. */
export async function customerUserId(staff: Agent, who: ActorName): Promise<number> {
  const items: { id: number; email: string }[] = ok(await staff.get(`/customer-users?q=${encodeURIComponent(emails[who])}`)).items;
  return items.find((u) => u.email === emails[who])!.id;
}

/** The id of a demo order, RFQ or quote ("SO-1001"), looked up by a back-office user. */
export async function recordId(staff: Agent, number: string): Promise<number> {
  const items: { id: number; number: string }[] = ok(await staff.get(`/records?q=${encodeURIComponent(number)}`)).items;
  return items.find((r) => r.number === number)!.id;
}

/** The id of a back-office user by name ("John Doe"). */
export async function backofficeUserId(staff: Agent, name: string): Promise<number> {
  const items: { id: number; name: string }[] = ok(await staff.get('/users')).items;
  return items.find((u) => u.name === name)!.id;
}

/** The ids of the demo conversations by name, as a back-office user sees them before any test writes. */
export async function demoConversations(staff: Agent): Promise<Record<string, number>> {
  const items: ConversationSummary[] = ok(await staff.get('/conversations?pageSize=200')).items;
  return Object.fromEntries(items.map((c) => [c.name, c.id]));
}

/**
 * The names, sorted, of those `items` that are demo conversations or the test's
 * own (`mine`): a list checked on what the test knows, whichever tests ran before.
 */
export const namesAmong = (items: ConversationSummary[], demo: Record<string, number>, ...mine: number[]) =>
  items
    .filter((c) => Object.values(demo).includes(c.id) || mine.includes(c.id))
    .map((c) => c.name)
    .sort();

/** The ids of `items`, sorted: for comparing two answers as sets. */
export const sortedIds = (items: { id: number }[]) => items.map((c) => c.id).sort((a, b) => a - b);
