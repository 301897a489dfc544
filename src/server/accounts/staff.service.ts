// Settings > Users: back-office Administrators invite staff (a set-password
// link), change their role, deactivate and reactivate them (their sessions
// end at once), and send them a reset link.
import type { InviteStaffBody, PasswordLink, StaffUser, UpdateStaffBody } from '../../shared/accounts';
import type { BackofficeUserActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import {
  emitDeactivated,
  findStaff,
  findStaffByEmail,
  insertBackofficeUser,
  listStaff,
  personName,
  updateStaff,
  type StaffRow,
} from '../people';
import { addMails } from '../mail';
import * as repo from './accounts.repo';
import { linkMail, linkMailData, type LinkMailData, type LinkMailer } from './password-mail';
import { issuePasswordLink, newPasswordToken } from './passwords.service';

/** A password hash that no password matches: made here, a user has none until they follow their link. */
const NO_PASSWORD = '!';

const present = (u: StaffRow): StaffUser => ({
  id: u.id,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  name: personName(u.first_name, u.last_name),
  role: u.role,
  active: u.deactivated_at === null,
  invited: u.password_hash === NO_PASSWORD,
  externalId: u.external_id,
  createdAt: u.created_at,
});

function mustBeAdministrator(ctx: Ctx<BackofficeUserActor>) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an Administrator may manage users.');
}

const userNotFound = () => new AppError('NOT_FOUND', 'User not found.');

async function loadStaff(ctx: Ctx, id: number) {
  const row = await findStaff(ctx.db, id);
  if (!row) throw userNotFound();
  return row;
}

export async function listStaffUsers(ctx: Ctx<BackofficeUserActor>): Promise<StaffUser[]> {
  mustBeAdministrator(ctx);
  return (await listStaff(ctx.db)).map(present);
}

const invite = defineCommand(
  'accounts.inviteStaff',
  async (ctx, { input, mail }: { input: InviteStaffBody; mail: LinkMailData }): Promise<{ id: number; link: PasswordLink }> => {
    if (await findStaffByEmail(ctx.db, input.email))
      throw new AppError('EMAIL_TAKEN', 'Another user has this email.', { email: 'Another user has this email.' });
    const id = await insertBackofficeUser(ctx.db, {
      email: input.email.toLowerCase(),
      first_name: input.firstName,
      last_name: input.lastName,
      role: input.role,
      password_hash: NO_PASSWORD,
      created_at: now(),
      external_id: null,
      updated_at: null,
      deactivated_at: null,
    });
    const { row, link } = newPasswordToken('backoffice', id, 'invite');
    await repo.insertPasswordToken(ctx.db, row);
    const { rows, answer } = linkMail({ email: input.email.toLowerCase(), firstName: input.firstName }, 'invite', link, mail);
    await addMails(ctx, rows);
    return { id, link: answer };
  },
);

/** Invites a staff member: the user, and their mailed set-password link (answered too while no mail really leaves). */
export async function inviteStaff(ctx: Ctx<BackofficeUserActor>, input: InviteStaffBody, mailer: LinkMailer) {
  mustBeAdministrator(ctx);
  const { id, link } = await ctx.write(invite, { input, mail: linkMailData(mailer) });
  mailer.wake();
  return { user: present(await loadStaff(ctx, id)), link };
}

const update = defineCommand('accounts.updateStaff', async (ctx, { id, change }: { id: number; change: UpdateStaffBody }) => {
  const row = await findStaff(ctx.db, id);
  if (!row) throw userNotFound();
  const deactivate = change.active === false && row.deactivated_at === null;
  await updateStaff(ctx.db, id, {
    ...(change.role ? { role: change.role } : {}),
    ...(change.active === undefined ? {} : { deactivated_at: change.active ? null : (row.deactivated_at ?? now()) }),
  });
  if (!deactivate) return [];
  // a deactivated user is signed out everywhere at once: here, and on every instance by the event
  await emitDeactivated(ctx, id);
  return repo.deleteSessionsOfUser(ctx.db, 'backoffice', id);
});

/** Changes a staff member's role or activity; answers them, and the sessions that ended (their sockets must close). */
export async function updateStaffUser(ctx: Ctx<BackofficeUserActor>, id: number, change: UpdateStaffBody) {
  mustBeAdministrator(ctx);
  if (id === ctx.actor.id && (change.active === false || (change.role && change.role !== ctx.actor.role))) {
    throw new AppError('FORBIDDEN', 'You cannot deactivate yourself or change your own role; ask another Administrator.');
  }
  const ended = await ctx.write(update, { id, change });
  return { user: present(await loadStaff(ctx, id)), ended };
}

/** A mailed reset link for a staff member (answered too while no mail really leaves). */
export async function sendStaffReset(ctx: Ctx<BackofficeUserActor>, id: number, mailer: LinkMailer): Promise<PasswordLink> {
  mustBeAdministrator(ctx);
  const row = await loadStaff(ctx, id);
  if (row.deactivated_at !== null)
    throw new AppError('INVALID_STATUS_TRANSITION', 'Reactivate this user before sending them a reset link.');
  return issuePasswordLink(ctx, 'backoffice', row, 'reset', mailer);
}

export const staffCommands = [invite, update];
