// Service tokens: made, rotated and revoked by back-office Administrators;
// the secret is random (32 bytes), answered once and kept only as its SHA-256.
import crypto from 'node:crypto';
import { TokenScope, type CreateTokenBody, type ServiceToken, type ServiceTokenWithSecret } from '../../shared/integration';
import type { BackofficeUserActor, IntegrationActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { personName } from '../people';
import * as repo from './tokens.repo';

const newSecret = () => `pk_${crypto.randomBytes(32).toString('base64url')}`;
/** A secret of 256 random bits needs no slow hash: SHA-256 cannot be reversed, and there is nothing to guess. */
const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');
const prefixOf = (secret: string) => secret.slice(0, 7);

const scopesOf = (row: { scopes: string }) => row.scopes.split(' ').filter((s): s is TokenScope => TokenScope.safeParse(s).success);

function statusOf(row: { revoked_at: string | null; expires_at: string | null }, at: string): ServiceToken['status'] {
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at !== null && row.expires_at <= at) return 'expired';
  return 'active';
}

function present(row: repo.TokenQueryRow): ServiceToken {
  return {
    id: row.id,
    label: row.label,
    scopes: scopesOf(row),
    prefix: row.prefix,
    status: statusOf(row, now()),
    createdAt: row.created_at,
    createdBy: row.creator_first_name !== null ? personName(row.creator_first_name, row.creator_last_name ?? '') : null,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

const tokenNotFound = () => new AppError('NOT_FOUND', 'Token not found.');

export function mustBeAdministrator(ctx: Ctx<BackofficeUserActor>, what = 'service tokens') {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', `Only an Administrator may manage ${what}.`);
}

async function loadToken(ctx: Ctx, id: number) {
  const row = await repo.findToken(ctx.db, id);
  if (!row) throw tokenNotFound();
  return present(row);
}

const create = defineCommand<{ input: CreateTokenBody; secretHash: string; prefix: string }, number, BackofficeUserActor>(
  'integration.createToken',
  (ctx, { input, secretHash, prefix }) =>
    repo.insertToken(ctx.db, {
      label: input.label,
      scopes: [...new Set(input.scopes)].join(' '),
      secret_hash: secretHash,
      prefix,
      created_by_backoffice_user_id: ctx.actor.id,
      created_at: now(),
      expires_at: input.expiresAt ?? null,
      last_used_at: null,
      revoked_at: null,
    }),
);

const revoke = defineCommand('integration.revokeToken', async (ctx, { id }: { id: number }) => {
  const row = await repo.findToken(ctx.db, id);
  if (!row) throw tokenNotFound();
  if (row.revoked_at === null) await repo.updateToken(ctx.db, id, { revoked_at: now() });
});

const rotate = defineCommand(
  'integration.rotateToken',
  async (ctx, { id, secretHash, prefix }: { id: number; secretHash: string; prefix: string }) => {
    const row = await repo.findToken(ctx.db, id);
    if (!row) throw tokenNotFound();
    if (row.revoked_at !== null) throw new AppError('INVALID_STATUS_TRANSITION', 'A revoked token cannot be rotated; create a new one.');
    await repo.updateToken(ctx.db, id, { secret_hash: secretHash, prefix });
  },
);

const touch = defineCommand('integration.touchToken', async (ctx, { id, at }: { id: number; at: string }) => {
  await repo.updateToken(ctx.db, id, { last_used_at: at });
});

export async function listTokens(ctx: Ctx<BackofficeUserActor>) {
  mustBeAdministrator(ctx);
  return (await repo.listTokens(ctx.db)).map(present);
}

export async function createToken(ctx: Ctx<BackofficeUserActor>, input: CreateTokenBody): Promise<ServiceTokenWithSecret> {
  mustBeAdministrator(ctx);
  const secret = newSecret();
  const id = await ctx.write(create, { input, secretHash: hashSecret(secret), prefix: prefixOf(secret) });
  return { token: await loadToken(ctx, id), secret };
}

/** A new secret for the token, which keeps its label, scopes and expiry; the old secret stops working at once. */
export async function rotateToken(ctx: Ctx<BackofficeUserActor>, id: number): Promise<ServiceTokenWithSecret> {
  mustBeAdministrator(ctx);
  const secret = newSecret();
  await ctx.write(rotate, { id, secretHash: hashSecret(secret), prefix: prefixOf(secret) });
  return { token: await loadToken(ctx, id), secret };
}

export async function revokeToken(ctx: Ctx<BackofficeUserActor>, id: number): Promise<ServiceToken> {
  mustBeAdministrator(ctx);
  await ctx.write(revoke, { id });
  return loadToken(ctx, id);
}

/** The integration actor of a bearer secret, or undefined when it is unknown, revoked or expired. */
export async function actorOfSecret(ctx: Ctx, secret: string): Promise<IntegrationActor | undefined> {
  if (!secret.startsWith('pk_') || secret.length > 100) return undefined;
  const row = await repo.findTokenByHash(ctx.db, hashSecret(secret));
  if (!row || statusOf(row, now()) !== 'active') return undefined;
  return { kind: 'integration', id: row.id, name: row.label, scopes: scopesOf(row) };
}

/** Notes the token's last use (the caller keeps it to about once a minute). */
export const noteTokenUse = (ctx: Ctx, id: number) => ctx.write(touch, { id, at: now() });

export const tokenCommands = [create, revoke, rotate, touch];
