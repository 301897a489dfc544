import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { commit, type Deps, type Emit } from '../context';
import type { DB } from '../db/schema';
import type { Trx } from '../db/writer';
import { now } from '../db/time';
import { AppError } from '../http/errors';

/** A client's promise that retries of one request carry the same key. */
export interface IdempotencyRequest {
  /** whose key it is (a key is only unique per user) */
  scope: string;
  key: string;
  /** hash of what was asked, so a reused key with another request is refused */
  requestHash: string;
}

export function idempotencyRequest(scope: string, key: string | undefined, body: unknown): IdempotencyRequest | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1 to 255 characters.', {
      'Idempotency-Key': 'Use 1 to 255 characters.',
    });
  }
  const requestHash = crypto.createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
  return { scope, key, requestHash };
}

async function findStored(db: Kysely<DB>, request: IdempotencyRequest) {
  const row = await db
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

/**
 * Inside a write's transaction: the first request with a key stores its
 * result there, with its writes; a retry gets that result back and writes
 * nothing.
 */
export async function once<T>(trx: Trx, request: IdempotencyRequest | undefined, job: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
  if (!request) return { value: await job(), replayed: false };
  const stored = await findStored(trx, request);
  if (stored !== undefined) return { value: stored as T, replayed: true };
  const value = await job();
  await trx
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
 * Runs a write made with `once`. Two retries racing on PostgreSQL: the
 * loser's insert of the key fails; the winner has committed by then, so its
 * stored result is there to return.
 */
export async function settleRetries<T>(
  deps: Deps,
  request: IdempotencyRequest | undefined,
  attempt: () => Promise<{ value: T; replayed: boolean }>,
): Promise<{ value: T; replayed: boolean }> {
  try {
    return await attempt();
  } catch (error) {
    const stored = request && (await findStored(deps.db, request).catch(() => undefined));
    if (stored !== undefined) return { value: stored as T, replayed: true };
    throw error;
  }
}

/** `commit`, made safe to retry (see `once`). */
export function commitOnce<T>(
  deps: Deps,
  request: IdempotencyRequest | undefined,
  job: (trx: Trx, emit: Emit) => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (!request) return commit(deps, job).then((value) => ({ value, replayed: false }));
  return settleRetries(deps, request, () => commit(deps, (trx, emit) => once(trx, request, () => job(trx, emit))));
}
