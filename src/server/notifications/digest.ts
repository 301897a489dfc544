// The daily digest: whoever chose it (a customer Administrator: their
// company's conversations; a back-office user: the ones they take part in)
// gets one mail a day, once the app's clock has passed PARLEY_DIGEST_HOUR
// (UTC), listing the conversations with activity since their last digest
// (or since they chose it): name, record, unread count, last message. No
// activity, no mail. The day is settled and the mail queued in one
// transaction, on condition that the day is still unsettled: with several
// instances, exactly one sends it.
import type { ConversationSummary } from '../../shared/api';
import { previewLine } from '../../shared/preview';
import { recordLabel } from '../../shared/api';
import { gridConversations, listConversationsForCustomerUser } from '../conversations';
import type { Actor, SystemActor } from '../kernel/actor';
import { defineCommand, type Ctx, type Runtime } from '../kernel/context';
import { addMails, iso, mailKey, mailRows, type MailSettings, type NewMail } from '../mail';
import { findBackofficeUser, findCustomerUser, personName } from '../people';
import { escapeHtml } from './markup';
import { dueDigests, settleDigest } from './preferences.repo';
import { automaticMailHeaders, conversationLink, unsubscribeLink } from './compose';

export interface DigestSettings {
  mail: MailSettings;
  publicUrl: string;
  /** the UTC hour from which each day's digest goes out */
  hourUtc: number;
}

/** At most this many conversations in one digest ("and 12 more" after them). */
const SHOWN = 30;

const settle = defineCommand(
  'notifications.digest',
  async (
    ctx,
    item: {
      userKind: 'customer_user' | 'backoffice_user';
      userId: number;
      previous: string | null;
      at: string;
      since: string;
      mail: NewMail | null;
    },
  ) => {
    if (!(await settleDigest(ctx.db, item))) return false;
    if (item.mail) await addMails(ctx, [item.mail]);
    return item.mail !== null;
  },
);

/** Who the digest is for, as the actor whose eyes it lists conversations with; null for a user gone. */
async function readerOf(ctx: Ctx, userKind: 'customer_user' | 'backoffice_user', userId: number) {
  if (userKind === 'customer_user') {
    const u = await findCustomerUser(ctx.db, userId);
    if (!u || u.deleted_at) return null;
    const name = personName(u.first_name, u.last_name);
    const actor: Actor = { kind: 'customer_user', id: u.id, customerId: u.customer_id, role: u.role, name };
    return { actor, email: u.email, firstName: u.first_name };
  }
  const u = await findBackofficeUser(ctx.db, userId);
  if (!u) return null;
  const actor: Actor = { kind: 'backoffice_user', id: u.id, role: u.role, name: personName(u.first_name, u.last_name) };
  return { actor, email: u.email, firstName: u.first_name };
}

/** The reader's conversations with activity after `since`, newest first: up to SHOWN of them, and whether there are more. */
async function activeSince(runtime: Runtime, actor: Actor, since: string): Promise<ConversationSummary[]> {
  const items =
    actor.kind === 'customer_user'
      ? (await listConversationsForCustomerUser(runtime.contextFor(actor), { limit: SHOWN + 1 })).items
      : actor.kind === 'backoffice_user'
        ? (
            await gridConversations(runtime.contextFor(actor), {
              mine: true,
              sort: 'lastMessageAt',
              order: 'desc',
              page: 1,
              pageSize: SHOWN + 1,
            })
          ).items
        : [];
  return items.filter((c) => c.lastActivityAt > since);
}

function digestMail(
  reader: { email: string; firstName: string },
  conversations: ConversationSummary[],
  links: { conversation(id: number): string; unsubscribe: string },
) {
  const shown = conversations.slice(0, SHOWN);
  const more = conversations.length - shown.length;
  const count = conversations.length === 1 ? '1 conversation' : `${more > 0 ? `more than ${SHOWN}` : conversations.length} conversations`;
  const lineOf = (c: ConversationSummary) => {
    const record = c.source ? ` (${recordLabel(c.source.type, c.source.number)})` : '';
    const unread = c.unreadCount > 0 ? `, ${c.unreadCount} unread` : '';
    const last = c.lastMessage ? previewLine(c.lastMessage) : '';
    return { title: `${c.name}${record}${unread}`, last, url: links.conversation(c.id) };
  };
  const lines = shown.map(lineOf);
  const text = [
    `Hello ${reader.firstName},`,
    '',
    `Activity in ${count} since your last digest:`,
    '',
    ...lines.flatMap((l) => [`* ${l.title}`, `  ${l.last}`, `  ${l.url}`, '']),
    ...(more > 0 ? [`…and ${more} more.`, ''] : []),
    `Stop the digest: ${links.unsubscribe}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;color:#222;max-width:640px">
<p>Hello ${escapeHtml(reader.firstName)},</p>
<p>Activity in ${escapeHtml(count)} since your last digest:</p>
${lines
  .map(
    (l) => `<div style="border-left:3px solid #ccc;padding-left:12px;margin:12px 0">
<p style="margin:0"><a href="${escapeHtml(l.url)}"><strong>${escapeHtml(l.title)}</strong></a></p>
<p style="margin:0;color:#555">${escapeHtml(l.last)}</p>
</div>`,
  )
  .join('\n')}
${more > 0 ? `<p>…and ${more} more.</p>` : ''}
<p style="color:#888;font-size:12px"><a href="${escapeHtml(links.unsubscribe)}">Stop the digest</a></p>
</body></html>`;
  return {
    to: reader.email,
    subject: `Your daily digest: ${count}`,
    text,
    html,
    headers: automaticMailHeaders(links.unsubscribe),
  };
}

/** One round: the digests due at `nowMs` (a bounded number); answers how many mails it queued. */
export async function sendDigests(runtime: Runtime, ctx: Ctx<SystemActor>, settings: DigestSettings, nowMs: number): Promise<number> {
  if (new Date(nowMs).getUTCHours() < settings.hourUtc) return 0;
  const at = iso(nowMs);
  let queued = 0;
  let secret: string | undefined;
  for (const due of await dueDigests(ctx.db, at.slice(0, 10), 20)) {
    const reader = await readerOf(ctx, due.user_kind, due.user_id);
    const since = due.digest_since ?? due.updated_at;
    const conversations = reader ? await activeSince(runtime, reader.actor, since) : [];
    // the next window starts after the newest activity this one listed, on the
    // clock of the rows themselves (so a message written while this one is
    // read is in the next digest, not in none)
    const next = conversations.reduce((newest, c) => (c.lastActivityAt > newest ? c.lastActivityAt : newest), since);
    let mail: NewMail | null = null;
    if (reader && conversations.length > 0) {
      secret ??= await mailKey(ctx.db);
      const customer = due.user_kind === 'customer_user';
      const content = digestMail(reader, conversations, {
        conversation: (id) => conversationLink(settings.publicUrl, customer, id),
        unsubscribe: unsubscribeLink(settings.publicUrl, secret, { userKind: due.user_kind, userId: due.user_id, what: 'new_messages' }),
      });
      const key = `digest:${due.user_kind}:${due.user_id}:${at.slice(0, 10)}`;
      mail = mailRows([{ ...content, kind: 'digest', dedupeKey: key }], at, settings.mail.domain)[0] ?? null;
    }
    const item = { userKind: due.user_kind, userId: due.user_id, previous: due.digest_sent_on, at, since: next, mail };
    if (await ctx.write(settle, item)) queued++;
  }
  return queued;
}

export const digestCommands = [settle];
