// Expired sessions and password links are dropped by a periodic job (events/jobs.ts), a bounded
// number per run (ended ones are deleted when they end).
import { sql } from 'kysely';
import { inBatches } from '../db/batches';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';

const BATCH = 1_000;
const BATCHES_PER_RUN = 20;

/** Deletes up to one batch of sessions, and one of password links, expired before now; answers how many. */
export const purgeExpiredSessions = defineCommand('accounts.purgeExpiredSessions', async (ctx) => {
  const at = now();
  const sessions = await sql`delete from sessions where id in (
      select id from sessions where expires_at < ${at} limit ${BATCH})`.execute(ctx.db);
  // used or not, a set-password or reset link past its expiry opens nothing
  const links = await sql`delete from password_tokens where id in (
      select id from password_tokens where expires_at < ${at} limit ${BATCH})`.execute(ctx.db);
  return Number(sessions.numAffectedRows ?? 0) + Number(links.numAffectedRows ?? 0);
});

export const sessionsPurgeJob = {
  name: 'accounts.purgeExpiredSessions',
  everyMs: 10 * 60_000,
  async run(ctx: Ctx) {
    return inBatches(() => ctx.write(purgeExpiredSessions, {}), BATCH, BATCHES_PER_RUN);
  },
};
