// Saved replies: each back-office user keeps personal ones, Administrators
// manage the shared ones (anyone else trying gets FORBIDDEN); a reply another
// user keeps for themselves answers SAVED_REPLY_NOT_FOUND, as if it did not
// exist. Inserting one fills in the conversation's variables (fill).
import type { FilledReply, SavedReply, SavedReplyBody, UpdateSavedReplyBody } from '../../shared/replies';
import { fillVariables } from '../../shared/replies';
import { getConversation } from '../conversations';
import type { BackofficeUserActor } from '../kernel/actor';
import { isAdministrator } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import { findBackofficeUser, findCustomerUser, personName } from '../people';
import { findRecord } from '../records';
import { deleteReply, findReplyFor, insertReply, listRepliesFor, updateReply, type ReplyQueryRow } from './replies.repo';

type StaffCtx = Ctx<BackofficeUserActor>;

function present(ctx: StaffCtx, row: ReplyQueryRow): SavedReply {
  const shared = row.shared === 1;
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    shared,
    owner: { id: row.owner_id, name: personName(row.first_name, row.last_name) },
    mayEdit: shared ? isAdministrator(ctx.actor) : row.owner_id === ctx.actor.id,
    updatedAt: row.updated_at,
  };
}

const onlyAdministratorsShare = () => new AppError('FORBIDDEN', 'Only an Administrator manages shared saved replies.');

async function visibleReply(ctx: StaffCtx, id: number) {
  const row = await findReplyFor(ctx.db, ctx.actor.id, id);
  if (!row) throw notFound('SAVED_REPLY_NOT_FOUND', 'Saved reply');
  return row;
}

/** A reply this user may change: their own personal one, or (Administrators) a shared one. */
async function editableReply(ctx: StaffCtx, id: number) {
  const row = await visibleReply(ctx, id);
  if (row.shared === 1 && !isAdministrator(ctx.actor)) throw onlyAdministratorsShare();
  return row;
}

export async function listSavedReplies(ctx: StaffCtx, q?: string) {
  return (await listRepliesFor(ctx.db, ctx.dialect, ctx.actor.id, q)).map((row) => present(ctx, row));
}

const create = defineCommand<SavedReplyBody & { shared: boolean }, number, BackofficeUserActor>('replies.create', async (ctx, input) => {
  if (input.shared && !isAdministrator(ctx.actor)) throw onlyAdministratorsShare();
  const at = now();
  const values = { title: input.title, body: input.body, shared: input.shared ? 1 : 0, owner_id: ctx.actor.id };
  return (await insertReply(ctx.db, { ...values, created_at: at, updated_at: at })).id;
});

export async function createSavedReply(ctx: StaffCtx, input: SavedReplyBody & { shared: boolean }) {
  const id = await ctx.write(create, input);
  return present(ctx, await visibleReply(ctx, id));
}

const update = defineCommand<{ id: number; patch: UpdateSavedReplyBody }, void, BackofficeUserActor>(
  'replies.update',
  async (ctx, { id, patch }) => {
    const row = await editableReply(ctx, id);
    if (patch.shared !== undefined && patch.shared !== (row.shared === 1) && !isAdministrator(ctx.actor)) throw onlyAdministratorsShare();
    const shared = patch.shared ?? row.shared === 1;
    await updateReply(ctx.db, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      shared: shared ? 1 : 0,
      // a shared reply names who last changed it; one made personal again is theirs
      owner_id: shared || row.shared === 1 ? ctx.actor.id : row.owner_id,
      updated_at: now(),
    });
  },
);

export async function updateSavedReply(ctx: StaffCtx, id: number, patch: UpdateSavedReplyBody) {
  await ctx.write(update, { id, patch });
  return present(ctx, await visibleReply(ctx, id));
}

const remove = defineCommand<{ id: number }, void, BackofficeUserActor>('replies.delete', async (ctx, { id }) => {
  await editableReply(ctx, id);
  await deleteReply(ctx.db, id);
});

export const deleteSavedReply = (ctx: StaffCtx, id: number) => ctx.write(remove, { id });

/** The reply with this conversation's values in, ready to insert; what has no value stays as written and is named in `unfilled`. */
export async function fillSavedReply(ctx: StaffCtx, id: number, conversationId: number): Promise<FilledReply> {
  const reply = await visibleReply(ctx, id);
  const conversation = await getConversation(ctx, conversationId);
  const [customerUser, record, me] = await Promise.all([
    findCustomerUser(ctx.db, conversation.customerUser.id),
    conversation.source ? findRecord(ctx.db, conversation.source.id) : undefined,
    findBackofficeUser(ctx.db, ctx.actor.id),
  ]);
  return fillVariables(reply.body, {
    'customer.name': conversation.customer.name,
    'customerUser.firstName': customerUser && customerUser.deleted_at === null ? customerUser.first_name : null,
    'record.number': record?.number ?? null,
    'record.status': record?.status ?? null,
    'me.firstName': me?.first_name ?? null,
  });
}

export const replyCommands = [create, update, remove];
