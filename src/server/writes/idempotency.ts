import crypto from 'node:crypto';
import { now } from '../kernel/clock';
import type { Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';

/** A client's promise that retries of one request carry the same key. */
export interface IdempotencyRequest {
  /** whose key it is (a key is only unique per user) */
  scope: string;
  key: string;
  /** hash of what was asked, so a reused key with another request is refused */
  requestHash: string;
}

export interface Replayable<T> {
  value: T;
  /** true when this is the first request's stored answer, and nothing was written now */
  replayed: boolean;
}

export function idempotencyRequest(scope: string, key: string | undefined, body: unknown): IdempotencyRequest | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1 to 255 characters.', {
      'Idempotency-Key': 'Use 1 to 255 characters.',
    });
  }
  const requestHash = crypto
    .createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
  return { scope, key, requestHash };
}

async function findStored(ctx: Ctx, request: IdempotencyRequest) {
  const row = await ctx.db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', request.scope)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== request.requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
  }
  return JSON.parse(row.response) as unknown;
}

/** The first answer stored under this key (IDEMPOTENCY_KEY_REUSED when it was another request), read outside a write. */
export const storedAnswer = <T>(ctx: Ctx, request: IdempotencyRequest) => findStored(ctx, request) as Promise<T | undefined>;

/**
 * Inside a command: the first request with a key stores its result there,
 * with its writes; a retry gets that result back and writes nothing.
 */
export async function once<T>(ctx: Ctx, request: IdempotencyRequest | undefined, job: () => Promise<T>): Promise<Replayable<T>> {
  if (!request) return { value: await job(), replayed: false };
  const stored = await findStored(ctx, request);
  if (stored !== undefined) return { value: stored as T, replayed: true };
  const value = await job();
  await ctx.db
    .insertInto('idempotency_keys')
    .values({
      scope: request.scope,
      key: request.key,
      request_hash: request.requestHash,
      status_code: 201,
      response: JSON.stringify(value),
      created_at: now(),
    })
    .execute();
  return { value, replayed: false };
}

/**
 * Outside the command: runs a write made with `once`. Two requests with one
 * key racing on PostgreSQL: the loser's insert of the key fails; the winner
 * has committed by then, so its stored result is there: the loser answers it
 * when it asked the same, and IDEMPOTENCY_KEY_REUSED when it asked otherwise.
 */
export async function settleRetries<T>(
  ctx: Ctx,
  request: IdempotencyRequest | undefined,
  attempt: () => Promise<Replayable<T>>,
): Promise<Replayable<T>> {
  try {
    return await attempt();
  } catch (error) {
    if (!request) throw error;
    const stored = await findStored(ctx, request).catch((lookup: unknown) => {
      if (lookup instanceof AppError) throw lookup;
      return undefined;
    });
    if (stored !== undefined) return { value: stored as T, replayed: true };
    throw error;
  }
}
