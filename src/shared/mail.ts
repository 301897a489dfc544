// The back-office's outbox (Settings > Email > Outbox) and the
// notification preferences of both sides.
import { z } from 'zod';
import { Id } from './api';

export const MailState = z.enum(['pending', 'sent', 'kept', 'failed']);
export type MailState = z.infer<typeof MailState>;

export const OutboxMail = z.object({
  id: z.number(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  /** pending: waiting to be sent (again); sent: the SMTP server took it; kept: no SMTP server, kept here; failed: given up */
  state: MailState,
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const OutboxMailDetail = OutboxMail.extend({
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  messageId: z.string(),
});
export type OutboxMailDetail = z.infer<typeof OutboxMailDetail>;

export const OutboxPage = z.object({ items: z.array(OutboxMail), nextBefore: z.number().nullable() });
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = z.object({ before: Id.optional() });
export const OutboxIdParams = z.object({ id: Id });

/** What became of a mail sent to a reply address. */
export const InboundOutcome = z.object({
  /** posted: in the thread now; duplicate: posted before (same Message-ID); ignored: an auto-reply or a loop, or past the hourly cap (never answered); bounced: refused, the sender was told why */
  outcome: z.enum(['posted', 'duplicate', 'ignored', 'bounced']),
  reason: z.string().nullable(),
  messageId: z.string(),
  conversationId: z.number().nullable(),
});
export type InboundOutcome = z.infer<typeof InboundOutcome>;

/** new messages: one mail after the delay, a daily digest (customer Administrators: of their company), or none */
export const NewMessagesChoice = z.enum(['delay', 'digest', 'never']);
export const NotificationPreferences = z.object({
  newMessages: NewMessagesChoice,
  /** a mail when a conversation is assigned to me (back-office) */
  assigned: z.boolean(),
  /** a mail when a conversation of mine is closed or reopened */
  statusChanges: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const UpdateNotificationPreferences = NotificationPreferences.partial();
