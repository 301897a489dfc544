// Mails about what happened to a conversation rather than what was said in
// it: "assigned to you" for its new owner, and "closed" / "reopened" for its
// participants, each as their preferences say (assigned, status changes),
// never to whoever made the change. A durable consumer of the event stream
// queues them; each mail's dedupe key is the event and the recipient, so a
// repeated run (a crash, a lease taken over) queues nothing twice.
import type { StoredEvent } from '../../shared/events';
import type { Consumer } from '../events';
import type { Clock } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { addMails, iso, mailKey, mailRows, type MailSettings, type NewMail } from '../mail';
import { conversationMailLinks, recordOf, threadHeaders, type MailLinks } from './compose';
import { escapeHtml } from './markup';
import { findPreferences } from './preferences.repo';
import { conversationRecipients, recipientOf, type ConversationRecipient, type Recipient } from './recipients';
import type { UnsubscribeWhat } from './tokens';

export interface ChangeMailSettings {
  clock: Clock;
  mail: MailSettings;
  publicUrl: string;
}

const queueChangeMails = defineCommand('notifications.changes', async (ctx, { rows }: { rows: NewMail[] }) => {
  await addMails(ctx, rows);
});

/** What one change tells whom: the recipients, and what the mail says. */
interface Change {
  what: UnsubscribeWhat;
  conversationId: number;
  /** who gets it, of the conversation's participants */
  to(r: ConversationRecipient, user: Recipient): boolean;
  subject(name: string): string;
  sentence(name: string, record: string | null): string;
  stop: string;
}

function changeOf(event: StoredEvent): Change | null {
  if (event.type === 'conversation.status_changed') {
    const { conversationId, to, by } = event.payload;
    const verb = to === 'closed' ? 'closed' : 'reopened';
    return {
      what: 'status_changes',
      conversationId,
      to: (_, user) => !(user.kind === 'backoffice_user' && user.id === by.id),
      subject: (name) => `${name}: ${verb} by ${by.name}`,
      sentence: (name, record) => `${by.name} ${verb} the conversation "${name}"${record ? ` (${record})` : ''}.`,
      stop: 'Stop mails about conversations being closed or reopened',
    };
  }
  if (event.type === 'conversation.updated' && event.payload.assignedBy && event.payload.ownerId !== null) {
    const { conversationId, ownerId, assignedBy } = event.payload;
    if (assignedBy.id === ownerId) return null;
    return {
      what: 'assigned',
      conversationId,
      to: (_, user) => user.kind === 'backoffice_user' && user.id === ownerId,
      subject: (name) => `${name}: assigned to you by ${assignedBy.name}`,
      sentence: (name, record) => `${assignedBy.name} assigned the conversation "${name}"${record ? ` (${record})` : ''} to you.`,
      stop: 'Stop mails about conversations assigned to you',
    };
  }
  return null;
}

function changeMail(user: Recipient, change: Change, r: ConversationRecipient, links: MailLinks) {
  const record = recordOf(r);
  const sentence = change.sentence(r.name, record);
  const text = [
    `Hello ${user.name},`,
    '',
    sentence,
    '',
    `Open the conversation: ${links.conversation}`,
    '',
    `${change.stop}: ${links.unsubscribe}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;color:#222;max-width:640px">
<p>Hello ${escapeHtml(user.name)},</p>
<p>${escapeHtml(sentence)}</p>
<p><a href="${escapeHtml(links.conversation)}">Open the conversation</a></p>
<p style="color:#888;font-size:12px"><a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(change.stop)}</a></p>
</body></html>`;
  return { to: user.email, subject: change.subject(r.name), text, html, headers: threadHeaders(links) };
}

async function mailsFor(event: StoredEvent, ctx: Ctx, settings: ChangeMailSettings, at: string): Promise<NewMail[]> {
  const change = changeOf(event);
  if (!change) return [];
  const { domain } = settings.mail;
  const mails: NewMail[] = [];
  let secret: string | undefined;
  for (const r of await conversationRecipients(ctx.db, change.conversationId)) {
    const user = recipientOf(r);
    if (!user || !change.to(r, user)) continue;
    const preferences = await findPreferences(ctx.db, user.kind, user.id);
    if ((change.what === 'assigned' ? preferences.assigned : preferences.status_changes) !== 1) continue;
    secret ??= await mailKey(ctx.db);
    const mail = changeMail(
      user,
      change,
      r,
      conversationMailLinks(
        { publicUrl: settings.publicUrl, domain, secret },
        { participantId: r.participant_id, conversationId: change.conversationId, user, what: change.what },
      ),
    );
    mails.push(
      ...mailRows(
        [
          {
            ...mail,
            kind: change.what === 'assigned' ? 'assigned' : 'status-change',
            dedupeKey: `${change.what}:${event.id}:${r.participant_id}`,
          },
        ],
        at,
        domain,
      ),
    );
  }
  return mails;
}

async function queue(events: readonly StoredEvent[], ctx: Ctx, settings: ChangeMailSettings) {
  const at = iso(settings.clock.now());
  const rows: NewMail[] = [];
  for (const event of events) rows.push(...(await mailsFor(event, ctx, settings, at)));
  if (rows.length === 0) return;
  await ctx.write(queueChangeMails, { rows });
  settings.mail.wake();
}

export const changesConsumer = (settings: ChangeMailSettings): Consumer => ({
  name: 'notifications.changes',
  types: ['conversation.status_changed', 'conversation.updated'],
  startAt: 'now',
  handle: (event, ctx) => queue([event], ctx, settings),
  handleBatch: (events, ctx) => queue(events, ctx, settings),
});

export const changeCommands = [queueChangeMails];
