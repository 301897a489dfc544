import crypto from 'node:crypto';
import type { SignedInUser } from '../../shared/api';
import type { Actor, SystemActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { findBackofficeUser, findBackofficeUserByEmail, findCustomerUser, findCustomerUserByEmail, personName } from '../people';
import * as repo from './accounts.repo';
import { decoyHash, verifyPassword } from './password';
import type { SessionSide } from './sessions.table';

const SESSION_DAYS = 14;

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const createSession = defineCommand(
  'accounts.createSession',
  (ctx, session: { id: string; side: SessionSide; userId: number; csrfToken: string; createdAt: string; expiresAt: string }) =>
    repo.insertSession(ctx.db, session).then(() => undefined),
);

const endSession = defineCommand('accounts.endSession', (ctx, { id }: { id: string }) =>
  repo.deleteSession(ctx.db, id).then(() => undefined),
);

/** Ends a deleted customer user's sessions (the accounts.sessions consumer). */
export const endSessionsOfUser = defineCommand(
  'accounts.endSessionsOfUser',
  (ctx, { side, userId }: { side: SessionSide; userId: number }) => repo.deleteSessionsOfUser(ctx.db, side, userId),
);

/** Signs in with email and password (the system acts: nobody is signed in yet). */
export async function signIn(
  ctx: Ctx<SystemActor>,
  side: SessionSide,
  email: string,
  password: string,
): Promise<{ session: Session; user: SignedInUser }> {
  const account = await accountByEmail(ctx, side, email);
  const ok = await verifyPassword(account?.password_hash ?? (await decoyHash()), password);
  if (!account || !ok) throw new AppError('INVALID_CREDENTIALS', 'The email or password is incorrect.');
  const opened = await openSession(ctx, side, account.id);
  if (!opened) throw new AppError('INVALID_CREDENTIALS', 'The email or password is incorrect.');
  return opened;
}

/** A new session for a user already known to be who they say (a password checked, a store's handoff verified); nothing for a gone user. */
export async function openSession(
  ctx: Ctx,
  side: SessionSide,
  userId: number,
): Promise<{ session: Session; user: SignedInUser } | undefined> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  await ctx.write(createSession, { id: hashToken(token), side, userId, csrfToken, createdAt: now(), expiresAt });
  const user = await loadSignedInUser(ctx, side, userId);
  return user && { session: { token, csrfToken, expiresAt }, user: user.user };
}

export async function signOut(ctx: Ctx, token: string): Promise<void> {
  await ctx.write(endSession, { id: hashToken(token) });
}

export interface ResolvedSession {
  actor: Actor;
  user: SignedInUser;
  csrfToken: string;
  expiresAt: string;
}

/** The session behind a cookie's token, with its user as an actor, or nothing. */
export async function resolveSession(ctx: Ctx, side: SessionSide, token: string): Promise<ResolvedSession | undefined> {
  const session = await repo.findSession(ctx.db, hashToken(token), side);
  if (!session || session.expires_at <= now()) return undefined;
  const found = await loadSignedInUser(ctx, side, session.user_id);
  return found && { ...found, csrfToken: session.csrf_token, expiresAt: session.expires_at };
}

function accountByEmail(ctx: Ctx, side: SessionSide, email: string) {
  switch (side) {
    case 'storefront':
      return findCustomerUserByEmail(ctx.db, email);
    case 'backoffice':
      return findBackofficeUserByEmail(ctx.db, email);
    default:
      return unreachable(side);
  }
}

function loadSignedInUser(ctx: Ctx, side: SessionSide, id: number): Promise<{ actor: Actor; user: SignedInUser } | undefined> {
  switch (side) {
    case 'storefront':
      return loadCustomerUser(ctx, id);
    case 'backoffice':
      return loadBackofficeUser(ctx, id);
    default:
      return unreachable(side);
  }
}

async function loadCustomerUser(ctx: Ctx, id: number): Promise<{ actor: Actor; user: SignedInUser } | undefined> {
  const u = await findCustomerUser(ctx.db, id);
  if (!u || u.deleted_at) return undefined;
  const name = personName(u.first_name, u.last_name);
  return {
    actor: { kind: 'customer_user', id: u.id, customerId: u.customer_id, role: u.role, name },
    user: {
      id: u.id,
      email: u.email,
      firstName: u.first_name,
      lastName: u.last_name,
      name,
      role: u.role,
      customer: { id: u.customer_id, name: u.customer_name },
    },
  };
}

async function loadBackofficeUser(ctx: Ctx, id: number): Promise<{ actor: Actor; user: SignedInUser } | undefined> {
  const u = await findBackofficeUser(ctx.db, id);
  if (!u) return undefined;
  const name = personName(u.first_name, u.last_name);
  return {
    actor: { kind: 'backoffice_user', id: u.id, role: u.role, name },
    user: { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, name, role: u.role },
  };
}

export const accountsCommands = [createSession, endSession, endSessionsOfUser];
