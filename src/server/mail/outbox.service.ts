// The outbox: every mail is a row first (queued in the same transaction as
// whatever decided it, or by sendMail), then the worker sends it. Times come
// in as arguments, from the app's clock, so a command is the same wherever
// it runs.
import { randomUUID } from 'node:crypto';
import type { OutboxMail, OutboxMailDetail } from '../../shared/mail';
import type { Actor } from '../kernel/actor';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import type { MailRow } from './mail.table';
import * as repo from './outbox.repo';

/** What a module hands the outbox. */
export interface OutgoingMail {
  /** what sort of mail: notification, digest, bounce, password-reset… (shown in the outbox) */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** further headers: Reply-To, List-Unsubscribe, In-Reply-To, References, Auto-Submitted… */
  headers?: Record<string, string>;
  /** unique per mail that must go once: a repeated queueing adds nothing */
  dedupeKey?: string;
  /** its Message-ID without brackets (made here when absent) */
  messageId?: string;
}

/** Where mail comes from: the sender address, the domain of Message-IDs and reply addresses, the clock. */
export interface MailSettings {
  from: string;
  domain: string;
  now(): number;
  /** tells this instance's worker there is mail to send */
  wake(): void;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const newMessageId = (domain: string) => `${randomUUID()}@${domain}`;

export function mailRows(mails: readonly OutgoingMail[], at: string, domain: string): repo.NewMail[] {
  return mails.map((m) => ({
    dedupe_key: m.dedupeKey ?? null,
    kind: m.kind,
    to_address: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: JSON.stringify(m.headers ?? {}),
    message_id: m.messageId ?? newMessageId(domain),
    state: 'pending' as const,
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
    updated_at: at,
  }));
}

/** Inside another module's command: queues mails in its transaction, so they exist exactly when its rows do. */
export const addMails = (ctx: Ctx, rows: repo.NewMail[]) => repo.insertMails(ctx.db, rows);

export const queueMails = defineCommand('mail.queue', async (ctx, { rows }: { rows: repo.NewMail[] }) => {
  await repo.insertMails(ctx.db, rows);
});

/** Queues mails for sending (or, without an SMTP server, for the outbox); the worker sends them. */
export async function sendMail(ctx: Ctx, settings: MailSettings, ...mails: OutgoingMail[]) {
  await ctx.write(queueMails, { rows: mailRows(mails, iso(settings.now()), settings.domain) });
  settings.wake();
}

export const claimMails = defineCommand(
  'mail.claim',
  async (ctx, { ids, owner, at, until }: { ids: number[]; owner: string; at: string; until: string }) =>
    repo.claimMails(ctx.db, ids, owner, at, until),
);

export interface SendOutcome {
  id: number;
  at: string;
  /** sent: the server took it; kept: no server, it stays in the outbox; retry: try again at `retryAt`; failed: given up */
  result: 'sent' | 'kept' | 'retry' | 'failed';
  retryAt?: string;
  error?: string;
}

export const recordSends = defineCommand('mail.record', async (ctx, { owner, outcomes }: { owner: string; outcomes: SendOutcome[] }) => {
  for (const o of outcomes) {
    const base = { claimed_by: null, claimed_until: null, updated_at: o.at };
    switch (o.result) {
      case 'kept':
        await repo.updateMail(ctx.db, o.id, owner, { ...base, state: 'kept' });
        break;
      case 'sent':
        await repo.updateMail(ctx.db, o.id, owner, { ...base, state: 'sent', sent_at: o.at, attempts: await attemptsAfter(ctx, o.id) });
        break;
      case 'retry':
      case 'failed':
        await repo.updateMail(ctx.db, o.id, owner, {
          ...base,
          state: o.result === 'failed' ? 'failed' : 'pending',
          attempts: await attemptsAfter(ctx, o.id),
          last_error: o.error ?? null,
          next_attempt_at: o.retryAt ?? o.at,
        });
        break;
    }
  }
});

const attemptsAfter = async (ctx: Ctx, id: number) => ((await repo.findMail(ctx.db, id))?.attempts ?? 0) + 1;

function canReadOutbox(actor: Actor) {
  return actor.kind === 'backoffice_user' && actor.role === 'administrator';
}

function present(row: MailRow): OutboxMail {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

const forbidden = () => new AppError('FORBIDDEN', 'Only an Administrator may read the outbox.');

export async function listOutbox(ctx: Ctx, query: { before?: number | undefined }) {
  if (!canReadOutbox(ctx.actor)) throw forbidden();
  const limit = 50;
  const rows = await repo.listMails(ctx.db, query.before, limit + 1);
  const items = rows.slice(0, limit).map(present);
  return { items, nextBefore: rows.length > limit ? items.at(-1)!.id : null };
}

export async function getOutboxMail(ctx: Ctx, id: number): Promise<OutboxMailDetail> {
  if (!canReadOutbox(ctx.actor)) throw forbidden();
  const row = await repo.findMail(ctx.db, id);
  if (!row) throw notFound('NOT_FOUND', 'Mail');
  return {
    ...present(row),
    text: row.text,
    html: row.html,
    headers: JSON.parse(row.headers) as Record<string, string>,
    messageId: row.message_id,
  };
}

export const mailCommands = [queueMails, claimMails, recordSends];
