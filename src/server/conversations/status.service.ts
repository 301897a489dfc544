import type { BackofficeUserActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import * as repo from './conversations.repo';
import { findVisibleConversation, loadSummary } from './conversations.service';
import { nextStatus, systemMessageFor, type StatusAction } from './status';
import { lockConversationOrder } from '../events';
import { appendMessage, eventScope, participantFor } from './thread';

const changeStatusCommand = defineCommand<
  { id: number; action: StatusAction },
  Awaited<ReturnType<typeof loadSummary>>,
  BackofficeUserActor
>('conversations.changeStatus', async (ctx, { id, action }) => {
  await lockConversationOrder(ctx.db, ctx.dialect, [id]);
  const row = await findVisibleConversation(ctx, id);
  const to = nextStatus(row.status, action);
  if (!to) {
    throw new AppError(
      'INVALID_STATUS_TRANSITION',
      `A ${row.status === 'active' ? 'Active' : 'Closed'} conversation cannot be ${action === 'close' ? 'closed' : 'reopened'}.`,
    );
  }
  const at = now();
  if (!(await repo.setStatus(ctx.db, id, row.status, to, at)))
    throw new AppError('INVALID_STATUS_TRANSITION', 'The status changed meanwhile; reload.');
  await repo.insertStatusChange(ctx.db, {
    conversation_id: id,
    from_status: row.status,
    to_status: to,
    changed_by_backoffice_user_id: ctx.actor.id,
    created_at: at,
  });
  const me = await participantFor(ctx, row, { kind: 'backoffice_user', id: ctx.actor.id });
  await appendMessage(
    ctx,
    row,
    { type: 'system', body: systemMessageFor(to, ctx.actor.name), authorParticipantId: me.id, sentByBackofficeUserId: null },
    ctx.actor,
  );
  await ctx.emit({
    type: 'conversation.status_changed',
    ...eventScope(row),
    payload: { conversationId: id, from: row.status, to, by: { id: ctx.actor.id, name: ctx.actor.name } },
  });
  return loadSummary(ctx, id);
});

/** Close and Reopen: through the transition table, kept in the history and shown in the thread as a system message, in one write. */
export function changeStatus(ctx: Ctx<BackofficeUserActor>, id: number, action: StatusAction) {
  return ctx.write(changeStatusCommand, { id, action });
}

/** Status changes: who and when. */
export async function statusHistory(ctx: Ctx<BackofficeUserActor>, id: number) {
  await findVisibleConversation(ctx, id);
  const rows = await repo.listStatusChanges(ctx.db, id);
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    changedBy: { id: r.by_id, name: `${r.first_name} ${r.last_name}` },
    createdAt: r.created_at,
  }));
}

export const statusCommands = [changeStatusCommand];
