// Signed tokens in mail: the reply address's (which participant answers in
// which conversation) and the unsubscribe link's (whose which kind of mail to
// turn off). HMAC-SHA256 with the key made at migration, in lower-case hex,
// since mail servers may fold the case of an address's local part.
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, purpose: string, data: string) =>
  createHmac('sha256', secret).update(`${purpose}:${data}`).digest('hex').slice(0, 32);

function sign(secret: string, purpose: string, data: string) {
  return `${data}.${mac(secret, purpose, data)}`;
}

function verify(secret: string, purpose: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return null;
  const data = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1).toLowerCase());
  const expected = Buffer.from(mac(secret, purpose, data));
  return given.length === expected.length && timingSafeEqual(given, expected) ? data : null;
}

export interface ReplyToken {
  participantId: number;
  conversationId: number;
}

export const replyToken = (secret: string, t: ReplyToken) => sign(secret, 'reply', `${t.participantId}.${t.conversationId}`);

export function readReplyToken(secret: string, token: string): ReplyToken | null {
  const data = verify(secret, 'reply', token);
  const m = data === null ? null : /^(\d{1,10})\.(\d{1,10})$/.exec(data);
  return m ? { participantId: Number(m[1]), conversationId: Number(m[2]) } : null;
}

export type UnsubscribeWhat = 'new_messages' | 'assigned' | 'status_changes';
export interface UnsubscribeToken {
  userKind: 'customer_user' | 'backoffice_user';
  userId: number;
  what: UnsubscribeWhat;
}

const kinds = { c: 'customer_user', b: 'backoffice_user' } as const;

export const unsubscribeToken = (secret: string, t: UnsubscribeToken) =>
  sign(secret, 'unsubscribe', `${t.userKind === 'customer_user' ? 'c' : 'b'}.${t.userId}.${t.what}`);

export function readUnsubscribeToken(secret: string, token: string): UnsubscribeToken | null {
  const data = verify(secret, 'unsubscribe', token);
  const m = data === null ? null : /^([cb])\.(\d{1,10})\.(new_messages|assigned|status_changes)$/.exec(data);
  return m ? { userKind: kinds[m[1] as 'c' | 'b'], userId: Number(m[2]), what: m[3] as UnsubscribeWhat } : null;
}
