import crypto from 'node:crypto';
import type { Deps, Actor } from '../context';
import type { SessionSide } from '../db/schema';
import { now } from '../db/time';
import { AppError } from '../http/errors';
import * as repo from './accounts.repo';
import { findBackofficeUser, findCustomerUser } from '../customers';
import { decoyHash, verifyPassword } from './password';

const SESSION_DAYS = 14;

export interface SignedInUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  role: string;
  customer?: { id: number; name: string };
}

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function signIn(
  deps: Deps,
  side: SessionSide,
  email: string,
  password: string,
): Promise<{ session: Session; user: SignedInUser }> {
  const account =
    side === 'storefront'
      ? await repo.findCustomerUserByEmail(deps.db, email)
      : await repo.findBackofficeUserByEmail(deps.db, email);
  const ok = await verifyPassword(account?.password_hash ?? (await decoyHash()), password);
  if (!account || !ok) throw new AppError('INVALID_CREDENTIALS', 'The email or password is incorrect.');

  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const createdAt = now();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  await deps.writer.run((trx) =>
    repo.insertSession(trx, { id: hashToken(token), side, userId: account.id, csrfToken, createdAt, expiresAt }),
  );
  const user = await loadSignedInUser(deps, side, account.id);
  if (!user) throw new AppError('INVALID_CREDENTIALS', 'The email or password is incorrect.');
  return { session: { token, csrfToken, expiresAt }, user: user.user };
}

export async function signOut(deps: Deps, token: string): Promise<void> {
  await deps.writer.run((trx) => repo.deleteSession(trx, hashToken(token)));
}

/** The session behind a cookie's token, with its user as an actor, or nothing. */
export async function resolveSession(
  deps: Deps,
  side: SessionSide,
  token: string,
): Promise<{ actor: Actor; user: SignedInUser; csrfToken: string; expiresAt: string } | undefined> {
  const session = await repo.findSession(deps.db, hashToken(token), side);
  if (!session || session.expires_at <= now()) return undefined;
  const found = await loadSignedInUser(deps, side, session.user_id);
  return found && { ...found, csrfToken: session.csrf_token, expiresAt: session.expires_at };
}

async function loadSignedInUser(deps: Deps, side: SessionSide, id: number) {
  if (side === 'storefront') {
    const u = await findCustomerUser(deps.db, id);
    if (!u || u.deleted_at) return undefined;
    const name = `${u.first_name} ${u.last_name}`;
    const actor: Actor = { side, id: u.id, customerId: u.customer_id, role: u.role, name };
    const user: SignedInUser = {
      id: u.id,
      email: u.email,
      firstName: u.first_name,
      lastName: u.last_name,
      name,
      role: u.role,
      customer: { id: u.customer_id, name: u.customer_name },
    };
    return { actor, user };
  }
  const u = await findBackofficeUser(deps.db, id);
  if (!u) return undefined;
  const name = `${u.first_name} ${u.last_name}`;
  const actor: Actor = { side, id: u.id, role: u.role, name };
  const user: SignedInUser = { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, name, role: u.role };
  return { actor, user };
}
