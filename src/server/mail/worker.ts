// The mail worker: every instance runs one. It claims the due pending mails
// with a conditional update (two instances never send the same one; a
// crashed instance's claims run out and another sends them), sends them
// together through the SMTP transport (its pool of connections takes them in
// turn), and records each outcome. Without a
// transport it marks them kept: they stay in the outbox for an
// Administrator to read.
import { systemActor, type SystemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import type { Ctx, Runtime } from '../kernel/context';
import { runRounds } from '../kernel/rounds';
import { claimMails, iso, recordSends, type SendOutcome } from './outbox.service';
import type { MailRow } from './mail.table';
import { dueMails } from './outbox.repo';
import { nextMailAttemptAt } from './retries';
import type { Transport } from './transport';

export interface MailWorkerOptions {
  owner: string;
  clock: Clock;
  /** null: no SMTP server; mails are kept in the outbox */
  transport: Transport | null;
  pollMs: number;
  batch: number;
  log(message: string, details: Record<string, unknown>): void;
}

export interface MailWorker {
  wake(): void;
  stop(): Promise<void>;
}

export function startMailWorker(runtime: Runtime, options: MailWorkerOptions): MailWorker {
  const ctx: Ctx<SystemActor> = runtime.contextFor(systemActor('mail.worker'));

  const attempt = async (mail: MailRow): Promise<SendOutcome> => {
    if (!options.transport) return { id: mail.id, at: iso(options.clock.now()), result: 'kept' };
    try {
      await options.transport.send(mail);
      return { id: mail.id, at: iso(options.clock.now()), result: 'sent' };
    } catch (error) {
      const now = options.clock.now();
      const retryAt = nextMailAttemptAt(now, mail.attempts + 1);
      const message = error instanceof Error ? error.message : String(error);
      return retryAt === null
        ? { id: mail.id, at: iso(now), result: 'failed', error: message }
        : { id: mail.id, at: iso(now), result: 'retry', retryAt: iso(retryAt), error: message };
    }
  };

  /** one round: answers whether it found a full batch (so look again at once) */
  const look = async (stopped: () => boolean) => {
    const at = iso(options.clock.now());
    const due = await dueMails(ctx.db, at, options.batch);
    if (due.length === 0) return false;
    const until = iso(options.clock.now() + 5 * 60_000);
    const claimed = await ctx.write(claimMails, { ids: due.map((d) => d.id), owner: options.owner, at, until });
    // claimed but not sent when stopping: the claim runs out and another round sends them
    const outcomes: SendOutcome[] = stopped() ? [] : await Promise.all(claimed.map(attempt));
    if (outcomes.length > 0) await ctx.write(recordSends, { owner: options.owner, outcomes });
    return due.length === options.batch;
  };

  const rounds = runRounds(look, {
    pollMs: options.pollMs,
    onError: (error) => options.log('mail worker failed; trying again', { error: error instanceof Error ? error.message : String(error) }),
  });

  return {
    wake: rounds.wake,
    async stop() {
      await rounds.stop();
      options.transport?.close();
    },
  };
}
