// Set-password and reset links, one's own password, and signing out
// everywhere. A link's token is 32 random bytes, kept as its SHA-256, used
// once, and expires. Each link is mailed (password-mail.ts); while no SMTP
// server is set, the mail waits in the outbox and the link is also answered
// to the Administrator who made it.
import crypto from 'node:crypto';
import type { PasswordLink } from '../../shared/accounts';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { addMails, type NewMail } from '../mail';
import { findCustomerUserByEmail, passwordHashOf, setPasswordHash } from '../people';
import * as repo from './accounts.repo';
import { hashToken } from './accounts.service';
import { hashPassword, verifyPassword } from './password';
import { linkMail, linkMailData, type LinkMailer } from './password-mail';
import type { PasswordTokenTable } from './password-tokens.table';
import type { SessionSide } from './sessions.table';

type Purpose = PasswordTokenTable['purpose'];
const LINK_HOURS: Record<Purpose, number> = { invite: 7 * 24, reset: 2 };
const PAGE: Record<SessionSide, string> = { storefront: '/reset-password', backoffice: '/admin/set-password' };

export const insertPasswordToken = defineCommand(
  'accounts.issuePasswordToken',
  async (ctx, { row, mails }: { row: PasswordTokenTable; mails: NewMail[] }) => {
    await repo.insertPasswordToken(ctx.db, row);
    await addMails(ctx, mails);
  },
);

/** A new link's token and its row, for a command to store (alone, or with the user it invites). */
export function newPasswordToken(side: SessionSide, userId: number, purpose: Purpose) {
  const token = crypto.randomBytes(32).toString('base64url');
  const at = now();
  const expiresAt = new Date(Date.parse(at) + LINK_HOURS[purpose] * 3_600_000).toISOString();
  const row: PasswordTokenTable = {
    id: hashToken(token),
    side,
    user_id: userId,
    purpose,
    created_at: at,
    expires_at: expiresAt,
    used_at: null,
  };
  const link: PasswordLink = { url: `${PAGE[side]}?token=${token}`, expiresAt, delivered: false };
  return { row, link };
}

/** A user a link is for: who gets the mail. */
export interface LinkUser {
  id: number;
  email: string;
  first_name: string;
}

/** A link for a user, stored with its mail; answered with its URL only while no mail really leaves. */
export async function issuePasswordLink(
  ctx: Ctx,
  side: SessionSide,
  user: LinkUser,
  purpose: Purpose,
  mailer: LinkMailer,
): Promise<PasswordLink> {
  const { row, link } = newPasswordToken(side, user.id, purpose);
  const { rows, answer } = linkMail({ email: user.email, firstName: user.first_name }, purpose, link, linkMailData(mailer));
  await ctx.write(insertPasswordToken, { row, mails: rows });
  mailer.wake();
  return answer;
}

/** "Forgot your password?" on the storefront: a mailed link if the email is a customer user's, and nothing that says whether it is. */
export async function forgotPassword(ctx: Ctx, email: string, mailer: LinkMailer): Promise<{ delivered: boolean }> {
  const user = await findCustomerUserByEmail(ctx.db, email);
  if (user) await issuePasswordLink(ctx, 'storefront', user, 'reset', mailer);
  return { delivered: mailer.sends };
}

const reset = defineCommand(
  'accounts.resetPassword',
  async (ctx, { tokenId, side, passwordHash }: { tokenId: string; side: SessionSide; passwordHash: string }) => {
    const row = await repo.usePasswordToken(ctx.db, tokenId, side, now());
    if (!row) throw new AppError('PASSWORD_TOKEN_INVALID', 'This link is unknown, used already or expired. Ask for a new one.');
    await setPasswordHash(ctx.db, side, row.user_id, passwordHash);
    // whoever had the old password is signed out
    return repo.deleteSessionsOfUser(ctx.db, side, row.user_id);
  },
);

/** Sets the password of a link's user; answers the sessions that ended (their sockets must close). */
export async function resetPassword(ctx: Ctx, side: SessionSide, token: string, password: string): Promise<string[]> {
  return ctx.write(reset, { tokenId: hashToken(token), side, passwordHash: await hashPassword(password) });
}

const change = defineCommand(
  'accounts.changePassword',
  async (ctx, { side, userId, passwordHash, keep }: { side: SessionSide; userId: number; passwordHash: string; keep: string }) => {
    await setPasswordHash(ctx.db, side, userId, passwordHash);
    // this session goes on; the others end
    return repo.deleteSessionsOfUser(ctx.db, side, userId, keep);
  },
);

/** One's own password: the current one must be right; their other sessions end. Answers those sessions. */
export async function changePassword(
  ctx: Ctx,
  side: SessionSide,
  userId: number,
  input: { currentPassword: string; newPassword: string },
  sessionToken: string,
): Promise<string[]> {
  const current = await passwordHashOf(ctx.db, side, userId);
  if (!current || !(await verifyPassword(current.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'Some fields are invalid.', { currentPassword: 'This is not your current password.' });
  }
  return ctx.write(change, { side, userId, passwordHash: await hashPassword(input.newPassword), keep: hashToken(sessionToken) });
}

const endAll = defineCommand('accounts.endAllSessions', (ctx, { side, userId }: { side: SessionSide; userId: number }) =>
  repo.deleteSessionsOfUser(ctx.db, side, userId),
);

/** "Sign out everywhere": every session of the user ends. Answers them. */
export const endAllSessions = (ctx: Ctx, side: SessionSide, userId: number) => ctx.write(endAll, { side, userId });

export const passwordCommands = [insertPasswordToken, reset, change, endAll];
