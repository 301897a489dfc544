// Periodic jobs (purging expired rows, ...): each runs on one instance at a
// time, at most once per period across all instances. A run is claimed with a
// conditional update of its row in `scheduled_jobs` (due, and not leased by a
// running instance), so two instances asking at once cannot both win; a run
// that dies leaves a lease that expires. A job does bounded work per run
// (its own batches, each a command on the write path) and says how much.
import type { Ctx, Runtime } from '../kernel/context';
import { defineCommand } from '../kernel/context';
import { now } from '../kernel/clock';
import { systemActor, type SystemActor } from '../kernel/actor';

export interface Job {
  name: string;
  everyMs: number;
  /** one run: bounded work; answers how many rows (or things) it handled */
  run(ctx: Ctx<SystemActor>): Promise<number>;
}

export interface JobOptions {
  owner: string;
  /** how long a claimed run may take before another instance may run it */
  leaseMs: number;
  /** how often each instance asks whether a job is due */
  checkMs: number;
  log: (message: string, details: Record<string, unknown>) => void;
}

export const defaultJobOptions: Omit<JobOptions, 'owner' | 'log'> = { leaseMs: 5 * 60_000, checkMs: 60_000 };

const at = (ms: number) => new Date(ms).toISOString();

/** Claims the job's next run when it is due and nobody runs it; false otherwise. */
export const claimJobRun = defineCommand(
  'events.claimJobRun',
  async (ctx, { name, owner, everyMs, leaseMs }: { name: string; owner: string; everyMs: number; leaseMs: number }) => {
    const t = Date.now();
    await ctx.db
      .insertInto('scheduled_jobs')
      .values({ name, last_run_at: null, lease_owner: null, lease_until: null, last_result: null, updated_at: now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const claimed = await ctx.db
      .updateTable('scheduled_jobs')
      .set({ lease_owner: owner, lease_until: at(t + leaseMs), updated_at: now() })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<=', at(t - everyMs))]))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at(t))]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  },
);

/** Ends a claimed run: when it ran, and what it did (or the error). */
export const finishJobRun = defineCommand(
  'events.finishJobRun',
  async (ctx, { name, owner, result }: { name: string; owner: string; result: string }) => {
    await ctx.db
      .updateTable('scheduled_jobs')
      .set({ last_run_at: now(), lease_owner: null, lease_until: null, last_result: result.slice(0, 2000), updated_at: now() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute();
  },
);

export const jobCommands = [claimJobRun, finishJobRun];

/** Each job's last run, for tests and whoever looks. */
export const jobRuns = (runtime: Runtime) =>
  runtime.db.selectFrom('scheduled_jobs').select(['name', 'last_run_at', 'last_result', 'lease_owner']).orderBy('name').execute();

export function startJobs(runtime: Runtime, jobs: readonly Job[], options: JobOptions) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      const ctx = runtime.contextFor(systemActor(job.name));
      const lease = { name: job.name, owner: options.owner, everyMs: job.everyMs, leaseMs: options.leaseMs };
      try {
        if (!(await ctx.write(claimJobRun, lease))) continue;
        let result: string;
        try {
          result = `handled ${await job.run(ctx)}`;
        } catch (error) {
          result = `failed: ${error instanceof Error ? error.message : String(error)}`;
          options.log('job failed', { job: job.name, error: result });
        }
        await ctx.write(finishJobRun, { name: job.name, owner: options.owner, result });
      } catch (error) {
        // the database is away: the next check tries again
        options.log('job not run', { job: job.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const check = () => {
    running = running.then(tick);
  };
  const first = setTimeout(check, Math.min(options.checkMs, 5_000));
  const timer = setInterval(check, options.checkMs);
  first.unref();
  timer.unref();
  return {
    /** stops after the run in progress */
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
