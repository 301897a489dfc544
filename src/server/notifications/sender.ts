// The notification sender: every instance runs one. It looks for waits older
// than the delay (PARLEY_NOTIFY_DELAY_S), finds what the participant has
// neither read nor been mailed, and settles the wait and queues the mail in
// one transaction, on condition that the wait is still the one it read: with
// several instances, or a restart halfway, exactly one mail is queued (its
// dedupe key guards it once more). A participant who read everything
// meanwhile, or chose the digest or no mail, gets none.
import { systemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import { defineCommand, type Runtime } from '../kernel/context';
import { addMails, iso, mailKey, mailRows, type MailSettings, type NewMail } from '../mail';
import { conversationMailLinks, MAIL_SHOWS, notificationMail } from './compose';
import { findPreferences } from './preferences.repo';
import { dueWatches, settleWatch, unmailedMessages, type DueWatch } from './watches.repo';
import { runRounds } from '../kernel/rounds';
import { recipientOf } from './recipients';
import { sendDigests } from './digest';
import { attachmentsByMessage, MAIL_LINK_MS, signedFileUrl } from '../attachments';

export interface NotifierOptions {
  clock: Clock;
  delayMs: number;
  pollMs: number;
  mail: MailSettings;
  /** where links in mail point: http://localhost:3000 */
  publicUrl: string;
  /** the UTC hour from which each day's digest goes out */
  digestHourUtc: number;
  log(message: string, details: Record<string, unknown>): void;
}

export interface Notifier {
  stop(): Promise<void>;
}

interface Settlement {
  participantId: number;
  sinceAt: string;
  seq: number;
  mail: NewMail | null;
}

export const settleNotifications = defineCommand(
  'notifications.settle',
  async (ctx, { items, at }: { items: Settlement[]; at: string }) => {
    let queued = 0;
    for (const item of items) {
      if (!(await settleWatch(ctx.db, { ...item, at })) || !item.mail) continue;
      await addMails(ctx, [item.mail]);
      queued++;
    }
    return queued;
  },
);

export function startNotifier(runtime: Runtime, options: NotifierOptions): Notifier {
  const ctx = runtime.contextFor(systemActor('notifications.sender'));
  let secret: string | undefined;

  const settlementOf = async (w: DueWatch, at: string): Promise<Settlement> => {
    const afterSeq = Math.max(w.notified_seq, w.last_read_seq);
    const recipient = recipientOf(w);
    const customer = w.customer_user_id !== null;
    const messages = await unmailedMessages(ctx.db, {
      participantId: w.participant_id,
      conversationId: w.conversation_id,
      afterSeq,
      customer,
    });
    const seq = Math.max(afterSeq, messages.at(-1)?.seq ?? 0);
    const base = { participantId: w.participant_id, sinceAt: w.since_at!, seq, mail: null };
    if (!recipient || messages.length === 0) return base;
    if ((await findPreferences(ctx.db, recipient.kind, recipient.id)).new_messages !== 'delay') return base;
    secret ??= await mailKey(ctx.db);
    const { domain } = options.mail;
    // each file as a link for this reader, checked again when they follow it
    const until = options.clock.now() + MAIL_LINK_MS;
    const files = new Map<number, { name: string; url: string }[]>();
    // of the messages the mail shows
    for (const [messageId, list] of await attachmentsByMessage(
      ctx,
      messages.slice(-MAIL_SHOWS).map((m) => m.id),
    )) {
      const reader = { kind: recipient.kind, id: recipient.id };
      files.set(
        messageId,
        await Promise.all(list.map(async (a) => ({ name: a.name, url: await signedFileUrl(ctx.db, options, a.id, until, reader) }))),
      );
    }
    const links = conversationMailLinks(
      { publicUrl: options.publicUrl, domain, secret },
      { participantId: w.participant_id, conversationId: w.conversation_id, user: recipient, what: 'new_messages' },
    );
    const mail = notificationMail(recipient.email, recipient.name, w, messages, { ...links, files });
    const [row] = mailRows([{ ...mail, kind: 'notification', dedupeKey: `notify:${w.participant_id}:${seq}` }], at, domain);
    return { ...base, mail: row! };
  };

  const look = async () => {
    const now = options.clock.now();
    const digests = await sendDigests(
      runtime,
      ctx,
      { mail: options.mail, publicUrl: options.publicUrl, hourUtc: options.digestHourUtc },
      now,
    );
    if (digests > 0) options.mail.wake();
    const due = await dueWatches(ctx.db, iso(now - options.delayMs), 50);
    if (due.length === 0) return false;
    const at = iso(now);
    const items: Settlement[] = [];
    for (const w of due) items.push(await settlementOf(w, at));
    if ((await ctx.write(settleNotifications, { items, at })) > 0) options.mail.wake();
    return due.length === 50;
  };

  const rounds = runRounds(look, {
    pollMs: options.pollMs,
    onError: (error) =>
      options.log('notification sender failed; trying again', { error: error instanceof Error ? error.message : String(error) }),
  });

  return { stop: rounds.stop };
}
