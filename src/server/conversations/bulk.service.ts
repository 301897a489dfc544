// The grid's bulk Close, Reopen and Assign: each conversation changes on its
// own, through the same command a single change takes (the transition table,
// the history, the system message, the events and so the webhooks and mails),
// so one that cannot change leaves the others changed; the answer says how
// each one ended.
import type { BulkActionBody, BulkActionResult } from '../../shared/api';
import type { BackofficeUserActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { updateConversation } from './conversations.service';
import { changeStatus } from './status.service';

export async function bulkChange(ctx: Ctx<BackofficeUserActor>, body: BulkActionBody): Promise<BulkActionResult> {
  // a refusal that holds for every conversation refuses the request, before anything changes
  if (body.action === 'assign' && body.ownerId !== ctx.actor.id && ctx.actor.role !== 'administrator') {
    throw new AppError('FORBIDDEN', 'Only an Administrator may assign a conversation to someone else.');
  }
  const results: BulkActionResult['results'] = [];
  for (const id of new Set(body.ids)) {
    try {
      if (body.action === 'assign') await updateConversation(ctx, id, { ownerId: body.ownerId! });
      else await changeStatus(ctx, id, body.action);
      results.push({ id, ok: true });
    } catch (error) {
      // an unknown owner is the request's fault, the same for every conversation
      if (!(error instanceof AppError) || error.code === 'VALIDATION_FAILED') throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}
