// What a notification says, in text and HTML: the conversation's name, its
// record, each new message with its author and time, a link that opens the
// conversation, the "Reply above this line" marker (replies are cut there),
// and the headers that thread it, route replies and unsubscribe in one click.
import { recordLabel } from '../../shared/api';
import type { OutgoingMail } from '../mail';
import { escapeHtml, lightMarkdownHtml } from './markup';
import { replyToken, unsubscribeToken, type UnsubscribeToken, type UnsubscribeWhat } from './tokens';
import { UNMAILED_READ, type DueWatch, type UnmailedMessage } from './watches.repo';

export const REPLY_MARKER = '## Reply above this line ##';

export const conversationLink = (publicUrl: string, customer: boolean, id: number) =>
  customer ? `${publicUrl}/conversations?conversation=${id}` : `${publicUrl}/admin/conversations/${id}`;

export const threadIdOf = (domain: string, conversationId: number) => `conversation-${conversationId}@${domain}`;

export interface MailLinks {
  conversation: string;
  unsubscribe: string;
  replyTo: string;
  /** the conversation's thread id: every mail of it refers to this, so clients thread them */
  threadId: string;
  /** each message's files (by message id), with a signed link for this reader */
  files?: ReadonlyMap<number, readonly { name: string; url: string }[]>;
}

// made once: building a DateTimeFormat costs about a millisecond, formatting with one microseconds
const mailTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const at = (iso: string) => `${mailTime.format(new Date(iso))} UTC`;

export function authorName(m: UnmailedMessage): string {
  if (m.abo_first_name !== null) return `${m.abo_first_name} ${m.abo_last_name ?? ''}`.trim();
  if (m.acu_first_name !== null) return m.acu_deleted_at ? 'Deleted user' : `${m.acu_first_name} ${m.acu_last_name ?? ''}`.trim();
  return 'Parley';
}

export const recordOf = (w: Pick<DueWatch, 'record_type' | 'record_number'>) =>
  w.record_type && w.record_number ? recordLabel(w.record_type, w.record_number) : null;

/** The signed link that turns one kind of mail off for one user, in one click. */
export const unsubscribeLink = (publicUrl: string, secret: string, target: UnsubscribeToken) =>
  `${publicUrl}/mail/unsubscribe/${unsubscribeToken(secret, target)}`;

/** The links of a mail about a conversation to one of its participants: open it, answer it, thread it, stop this kind of mail. */
export function conversationMailLinks(
  settings: { publicUrl: string; domain: string; secret: string },
  to: { participantId: number; conversationId: number; user: { kind: UnsubscribeToken['userKind']; id: number }; what: UnsubscribeWhat },
): MailLinks {
  const { publicUrl, domain, secret } = settings;
  return {
    conversation: conversationLink(publicUrl, to.user.kind === 'customer_user', to.conversationId),
    unsubscribe: unsubscribeLink(publicUrl, secret, { userKind: to.user.kind, userId: to.user.id, what: to.what }),
    replyTo: `reply+${replyToken(secret, { participantId: to.participantId, conversationId: to.conversationId })}@${domain}`,
    threadId: threadIdOf(domain, to.conversationId),
  };
}

/** Every automatic mail's: one-click unsubscribe (RFC 8058), and "automatic" (RFC 3834) so that out-of-office robots do not answer it. */
export function automaticMailHeaders(unsubscribe: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
  };
}

export function threadHeaders(links: MailLinks): Record<string, string> {
  return {
    'Reply-To': links.replyTo,
    'In-Reply-To': `<${links.threadId}>`,
    References: `<${links.threadId}>`,
    ...automaticMailHeaders(links.unsubscribe),
  };
}

/** a mail shows the newest this many of the messages it is about; the rest are one click away */
export const MAIL_SHOWS = 10;

export function notificationMail(
  to: string,
  greeting: string,
  w: Pick<DueWatch, 'name' | 'record_type' | 'record_number'>,
  messages: readonly UnmailedMessage[],
  links: MailLinks,
): Omit<OutgoingMail, 'kind' | 'dedupeKey'> {
  const record = recordOf(w);
  const more = messages.length > UNMAILED_READ;
  const count = messages.length === 1 ? 'a new message' : `${more ? `${UNMAILED_READ}+` : messages.length} new messages`;
  const shown = messages.slice(-MAIL_SHOWS);
  const hidden = messages.length - shown.length;
  const earlier =
    hidden === 0
      ? null
      : `${hidden === 1 ? 'One earlier message is' : `${more ? `More than ${hidden - 1}` : hidden} earlier messages are`} in the conversation.`;
  // someone named the recipient with @: that is what the mail is about
  const mentioner = messages.find((m) => m.mention_id !== null);
  const subject = mentioner ? `${w.name}: ${authorName(mentioner)} mentioned you` : `${w.name}: ${count}`;
  const about = `"${w.name}"${record ? ` (${record})` : ''}`;
  const intro = mentioner ? `${authorName(mentioner)} mentioned you in ${about}.` : `You have ${count} in ${about}.`;
  const text = [
    REPLY_MARKER,
    '',
    `Hello ${greeting},`,
    '',
    intro,
    '',
    ...(earlier ? [earlier, ''] : []),
    ...shown.flatMap((m) => [
      `${authorName(m)}, ${at(m.created_at)}:`,
      m.body,
      ...(links.files?.get(m.id) ?? []).map((f) => `📎 ${f.name}: ${f.url}`),
      '',
    ]),
    `Open the conversation: ${links.conversation}`,
    '',
    'Reply to this mail to answer in the conversation.',
    `Stop these mails: ${links.unsubscribe}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;color:#222;max-width:640px">
<p style="color:#888;font-size:12px">${escapeHtml(REPLY_MARKER)}</p>
<p>Hello ${escapeHtml(greeting)},</p>
<p>${escapeHtml(intro)}</p>
${earlier ? `<p style="color:#555">${escapeHtml(earlier)}</p>\n` : ''}${shown
    .map(
      (m) => `<div style="border-left:3px solid #ccc;padding-left:12px;margin:12px 0">
<p style="margin:0;color:#555"><strong>${escapeHtml(authorName(m))}</strong>, ${escapeHtml(at(m.created_at))}</p>
${lightMarkdownHtml(m.body)}
${(links.files?.get(m.id) ?? []).map((f) => `<p style="margin:4px 0">📎 <a href="${escapeHtml(f.url)}">${escapeHtml(f.name)}</a></p>`).join('\n')}
</div>`,
    )
    .join('\n')}
<p><a href="${escapeHtml(links.conversation)}">Open the conversation</a></p>
<p style="color:#888;font-size:12px">Reply to this mail to answer in the conversation. <a href="${escapeHtml(links.unsubscribe)}">Stop these mails</a></p>
</body></html>`;
  return { to, subject, text, html, headers: threadHeaders(links) };
}
