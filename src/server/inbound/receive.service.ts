// A mail to reply+<token>@PARLEY_MAIL_DOMAIN, whichever way it came (the
// SMTP listener or POST /integration/v1/inbound-email): parsed with
// mailparser, checked (loops and auto-replies are dropped without an answer;
// a bad token, another sender, a Closed conversation or an empty answer are
// bounced saying why), cut to the answer, and posted as the participant the
// token names, once per Message-ID.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { InboundOutcome } from '../../shared/mail';
import { findVisibleConversation, listParticipants, postMessage } from '../conversations';
import { systemActor, type PersonActor } from '../kernel/actor';
import { defineCommand, type Ctx, type Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { iso, isOurMessageId, mailKey, sendMail, type MailSettings } from '../mail';
import { escapeHtml, readReplyToken } from '../notifications';
import { findBackofficeUser, findCustomerUser, personName } from '../people';
import { idempotencyRequest } from '../writes';
import * as repo from './inbound.repo';
import { replyText } from './reply-text';
import type { AttachmentSettings } from '../attachments';
import { keepMailAttachments } from './mail-attachments';

export interface InboundSettings {
  mail: MailSettings;
  publicUrl: string;
  /** mails from one sender per hour past which the rest are dropped */
  perSenderPerHour: number;
  /** where a reply's attachments are kept, under the uploads' limits */
  attachments: AttachmentSettings;
}

const MAX_BODY = 20_000;

export const recordInbound = defineCommand(
  'inbound.record',
  async (ctx, row: { message_id: string; sender: string; received_at: string; outcome: string; reason: string | null }) => {
    await repo.insertInbound(ctx.db, row);
  },
);

const header = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value.trim().toLowerCase() : value === undefined ? '' : JSON.stringify(value).toLowerCase();
};

/** RFC 3834 and the usual robots' marks: never posted, never answered. */
function automatic(mail: ParsedMail): string | null {
  const auto = header(mail, 'auto-submitted');
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = header(mail, 'precedence');
  if (['bulk', 'junk', 'list'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-reply']) if (mail.headers.has(name)) return name;
  return null;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));

const isRobot = (address: string) => /^(mailer-daemon|postmaster|no-?reply)@/i.test(address);

export async function receiveMail(
  runtime: Runtime,
  settings: InboundSettings,
  raw: Buffer | string,
  envelope: { from?: string; to?: string[] } = {},
): Promise<InboundOutcome> {
  const ctx = runtime.contextFor(systemActor('mail.inbound'));
  const mail = await simpleParser(raw);
  const sender = (mail.from?.value[0]?.address ?? envelope.from ?? '').toLowerCase();
  const messageId = (mail.messageId ?? `sha256-${createHash('sha256').update(raw).digest('hex')}`).replace(/^<|>$/g, '');
  const at = iso(settings.mail.now());
  const done = async (outcome: InboundOutcome['outcome'], reason: string | null, conversationId: number | null = null) => {
    await ctx.write(recordInbound, { message_id: messageId, sender, received_at: at, outcome, reason });
    return { outcome, reason, messageId, conversationId };
  };

  const robot = automatic(mail);
  if (robot) return done('ignored', `automatic reply (${robot})`);
  if (!sender || isRobot(sender) || sender === settings.mail.from.toLowerCase().replace(/^.*<|>$/g, ''))
    return done('ignored', 'no sender to answer');
  if (await isOurMessageId(ctx.db, messageId)) return done('ignored', 'one of our own mails came back');
  if (await repo.wasPosted(ctx.db, messageId)) return done('duplicate', 'posted before');
  if ((await repo.countSince(ctx.db, sender, iso(settings.mail.now() - 3_600_000))) >= settings.perSenderPerHour)
    return done('ignored', `more than ${settings.perSenderPerHour} mails from this sender in an hour`);

  const bounce = async (reason: string, explanation: string, conversationId: number | null = null) => {
    await sendMail(ctx, settings.mail, {
      kind: 'bounce',
      to: sender,
      subject: `Not posted: ${mail.subject ?? '(no subject)'}`,
      text: `Your mail was not posted in the conversation.\n\n${explanation}\n`,
      html: `<p>Your mail was not posted in the conversation.</p><p>${escapeHtml(explanation)}</p>`,
      headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': `<${messageId}>`, References: `<${messageId}>` },
    });
    return done('bounced', reason, conversationId);
  };

  const secret = await mailKey(ctx.db);
  const domain = settings.mail.domain.toLowerCase();
  const recipients = [...addressesOf(mail.to), ...addressesOf(mail.cc), ...(envelope.to ?? []).map((a) => a.toLowerCase())];
  const tokenText = recipients.map((a) => /^reply\+([^@]+)@(.+)$/.exec(a)).find((m) => m && m[2] === domain)?.[1];
  const token = tokenText ? readReplyToken(secret, tokenText) : null;
  const unknown =
    'The address you replied to is not one Parley gave out (it is unknown or was changed). Reply to the notification mail itself.';
  if (!token) return bounce('unknown or tampered token', unknown);
  const participant = (await listParticipants(ctx.db, token.conversationId)).find((p) => p.id === token.participantId);
  const actor = participant ? await actorOf(ctx, participant) : null;
  if (!actor) return bounce('unknown or tampered token', unknown);
  if (actor.email !== sender)
    return bounce(
      'sender is not the participant',
      `Replies are posted only from the address the notification was sent to. Send it from ${actor.email}.`,
    );

  const personCtx = runtime.contextFor(actor.actor);
  const conversation = await findVisibleConversation(personCtx, token.conversationId);
  const askNew =
    actor.actor.kind === 'customer_user' ? `${settings.publicUrl}/conversations` : `${settings.publicUrl}/admin/conversations/new`;
  const closed = `The conversation "${conversation.name}" is closed and accepts no new messages. To ask a new question, start a conversation: ${askNew}`;
  if (conversation.status === 'closed') return bounce('conversation closed', closed, conversation.id);

  const answer = replyText(mail.text ?? '');
  const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline');
  if (answer === '' && files.length === 0)
    return bounce(
      'empty after stripping',
      'Nothing was left of your mail once the quoted conversation and signature were taken out. Write your answer above the quoted text.',
      conversation.id,
    );
  const { ids, notKept } = await keepMailAttachments(personCtx, settings.attachments, files);
  const body = [answer.slice(0, MAX_BODY - 1000), ...notKept].filter(Boolean).join('\n\n');
  let replayed: boolean;
  try {
    const posted = await postMessage(
      personCtx,
      conversation.id,
      { body, attachmentIds: ids },
      idempotencyRequest('mail-reply', messageId, { conversationId: conversation.id }),
    );
    replayed = posted.replayed;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONVERSATION_CLOSED') return bounce('conversation closed', closed, conversation.id);
    if (error instanceof AppError && error.code === 'IDEMPOTENCY_KEY_REUSED') return done('duplicate', 'posted before', conversation.id);
    throw error;
  }
  return done(replayed ? 'duplicate' : 'posted', null, conversation.id);
}

async function actorOf(
  ctx: Ctx,
  p: { customer_user_id: number | null; backoffice_user_id: number | null },
): Promise<{ actor: PersonActor; email: string } | null> {
  if (p.customer_user_id !== null) {
    const u = await findCustomerUser(ctx.db, p.customer_user_id);
    if (!u || u.deleted_at) return null;
    return {
      actor: { kind: 'customer_user', id: u.id, customerId: u.customer_id, role: u.role, name: personName(u.first_name, u.last_name) },
      email: u.email.toLowerCase(),
    };
  }
  if (p.backoffice_user_id !== null) {
    const u = await findBackofficeUser(ctx.db, p.backoffice_user_id);
    if (!u) return null;
    return {
      actor: { kind: 'backoffice_user', id: u.id, role: u.role, name: personName(u.first_name, u.last_name) },
      email: u.email.toLowerCase(),
    };
  }
  return null;
}
