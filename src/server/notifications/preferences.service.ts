// Each user's mail preferences, on both sides, and the one-click unsubscribe
// (RFC 8058) that turns one kind of mail off without signing in.
import type { z } from 'zod';
import type { NotificationPreferences, UpdateNotificationPreferences } from '../../shared/mail';
import { unreachable, type PersonActor } from '../kernel/actor';
import { defineCommand, type Ctx } from '../kernel/context';
import { invalidFields, notFound } from '../kernel/errors';
import { iso, mailKey } from '../mail';
import type { NotificationPreferenceTable } from './notifications.table';
import { findPreferences, savePreferences, type UserKind } from './preferences.repo';
import { readUnsubscribeToken, type UnsubscribeWhat } from './tokens';

type Changes = Partial<Pick<NotificationPreferenceTable, 'new_messages' | 'assigned' | 'status_changes'>>;

const present = (row: Pick<NotificationPreferenceTable, 'new_messages' | 'assigned' | 'status_changes'>): NotificationPreferences => ({
  newMessages: row.new_messages,
  assigned: row.assigned === 1,
  statusChanges: row.status_changes === 1,
});

const savePreferencesCommand = defineCommand(
  'notifications.preferences',
  async (ctx, { userKind, userId, changes, at }: { userKind: UserKind; userId: number; changes: Changes; at: string }) =>
    present(await savePreferences(ctx.db, userKind, userId, changes, at)),
);

/** Only a customer Administrator has a company to digest; a Buyer chooses between the delay and none. */
function mayDigest(actor: PersonActor) {
  switch (actor.kind) {
    case 'customer_user':
      return actor.role === 'administrator';
    case 'backoffice_user':
      return true;
    default:
      return unreachable(actor);
  }
}

export async function getPreferences(ctx: Ctx<PersonActor>): Promise<NotificationPreferences> {
  return present(await findPreferences(ctx.db, ctx.actor.kind, ctx.actor.id));
}

export async function updatePreferences(
  ctx: Ctx<PersonActor>,
  now: number,
  input: z.infer<typeof UpdateNotificationPreferences>,
): Promise<NotificationPreferences> {
  if (input.newMessages === 'digest' && !mayDigest(ctx.actor))
    throw invalidFields({ newMessages: 'The daily digest is for Administrators; choose after a delay or never.' });
  const changes: Changes = {
    ...(input.newMessages !== undefined ? { new_messages: input.newMessages } : {}),
    ...(input.assigned !== undefined ? { assigned: input.assigned ? 1 : 0 } : {}),
    ...(input.statusChanges !== undefined ? { status_changes: input.statusChanges ? 1 : 0 } : {}),
  };
  return ctx.write(savePreferencesCommand, { userKind: ctx.actor.kind, userId: ctx.actor.id, changes, at: iso(now) });
}

const offFor: Record<UnsubscribeWhat, Changes> = {
  new_messages: { new_messages: 'never' },
  assigned: { assigned: 0 },
  status_changes: { status_changes: 0 },
};

export const unsubscribedWords: Record<UnsubscribeWhat, string> = {
  new_messages: 'mails about new messages',
  assigned: 'mails about conversations assigned to you',
  status_changes: 'mails about conversations being closed or reopened',
};

/** Reads an unsubscribe link's token: what it turns off, or NOT_FOUND for one Parley did not sign. */
export async function unsubscribeTarget(ctx: Ctx, token: string) {
  const target = readUnsubscribeToken(await mailKey(ctx.db), token);
  if (!target) throw notFound('NOT_FOUND', 'Unsubscribe link');
  return target;
}

export async function unsubscribe(ctx: Ctx, now: number, token: string) {
  const target = await unsubscribeTarget(ctx, token);
  await ctx.write(savePreferencesCommand, { userKind: target.userKind, userId: target.userId, changes: offFor[target.what], at: iso(now) });
  return target;
}

export const preferenceCommands = [savePreferencesCommand];
