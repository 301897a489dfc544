// Idempotency keys are kept for a day: a client retries within minutes, and
// a key older than that is only weight. A periodic job (events/jobs.ts) drops
// the older ones, a bounded number per run.
import { sql } from 'kysely';
import { inBatches } from '../db/batches';
import { defineCommand, type Ctx } from '../kernel/context';

/** how long a key replays its first answer */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;
const BATCH = 1_000;
const BATCHES_PER_RUN = 20;

/** Deletes up to one batch of keys stored before `before`; answers how many. */
export const purgeIdempotencyKeys = defineCommand('writes.purgeIdempotencyKeys', async (ctx, { before }: { before: string }) => {
  const result = await sql`delete from idempotency_keys where (scope, key) in (
      select scope, key from idempotency_keys where created_at < ${before} limit ${BATCH})`.execute(ctx.db);
  return Number(result.numAffectedRows ?? 0);
});

export const idempotencyPurgeJob = {
  name: 'writes.purgeIdempotencyKeys',
  everyMs: 10 * 60_000,
  async run(ctx: Ctx) {
    const before = new Date(Date.now() - IDEMPOTENCY_KEEP_MS).toISOString();
    return inBatches(() => ctx.write(purgeIdempotencyKeys, { before }), BATCH, BATCHES_PER_RUN);
  },
};
