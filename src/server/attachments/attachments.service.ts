import type { MessageAttachment } from '../../shared/api';
import { ATTACHMENTS_PER_MESSAGE } from '../../shared/api';
import type { IntegrationActor, PersonActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, notFound } from '../kernel/errors';
import * as repo from './attachments.repo';
import type { AttachmentRow, UploaderKind } from './attachments.table';

/** Who may upload: people, and a store's integration. */
export type Uploader = PersonActor | IntegrationActor;
import type { AttachmentStore } from './storage';
import { receiveFile, type AttachmentLimits, type ReceivedFile } from './upload';

/** Whether the actor may see the conversation: the conversations module's rule, handed in by the app. */
export type SeesConversation = (ctx: Ctx, conversationId: number) => Promise<boolean>;

export interface AttachmentSettings {
  store: AttachmentStore;
  limits: AttachmentLimits;
  seesConversation: SeesConversation;
}

const noSuchAttachment = () => notFound('ATTACHMENT_NOT_FOUND', 'Attachment');

const recordUpload = defineCommand<ReceivedFile, MessageAttachment, Uploader>('attachments.recordUpload', async (ctx, file) => {
  const row = await ctx.db
    .insertInto('attachments')
    .values({
      uploader_kind: ctx.actor.kind,
      uploader_id: ctx.actor.id,
      name: file.name,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      storage_key: file.storageKey,
      thumbnail_key: file.thumbnailKey,
      message_id: null,
      conversation_id: null,
      staff_only: 0,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return repo.presentAttachment(row);
});

/** Receives an uploaded file for the person to attach to a message (within 24 hours, or it is removed). */
export async function uploadAttachment(
  ctx: Ctx<Uploader>,
  settings: AttachmentSettings,
  file: Parameters<typeof receiveFile>[0],
): Promise<MessageAttachment> {
  const received = await receiveFile(file, settings.store, settings.limits);
  try {
    return await ctx.write(recordUpload, received);
  } catch (error) {
    await settings.store.remove([received.storageKey, ...(received.thumbnailKey ? [received.thumbnailKey] : [])]);
    throw error;
  }
}

/** Before a message is posted: at most 10 files, each given once. */
export function checkAttachmentIds(ids: readonly number[] | undefined): number[] {
  const unique = [...new Set(ids ?? [])];
  if (unique.length > ATTACHMENTS_PER_MESSAGE) {
    throw new AppError(
      'ATTACHMENT_TOO_MANY',
      `A message carries at most ${ATTACHMENTS_PER_MESSAGE} files; this one has ${unique.length}.`,
      {
        attachmentIds: `At most ${ATTACHMENTS_PER_MESSAGE} files.`,
      },
    );
  }
  return unique;
}

/** Inside a write: the person's own unused uploads, in the order given; any other id is ATTACHMENT_NOT_FOUND. */
export async function takeUploads(
  ctx: Ctx,
  ids: readonly number[],
  uploader: { kind: UploaderKind; id: number },
): Promise<MessageAttachment[]> {
  if (ids.length === 0) return [];
  const rows = await repo.findUnusedUploads(ctx.db, ids, { kind: uploader.kind, id: uploader.id });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row)
      throw new AppError('ATTACHMENT_NOT_FOUND', `Attachment ${id} is not an unused upload of yours.`, {
        attachmentIds: `No upload ${id}.`,
      });
    return repo.presentAttachment(row);
  });
}

/** Inside the write that stored the message: the message carries the uploads (all of them, or the write fails). */
export async function attachUploads(
  ctx: Ctx,
  ids: readonly number[],
  to: { messageId: number; conversationId: number; staffOnly: boolean },
) {
  if (ids.length === 0) return;
  if ((await repo.linkUploads(ctx.db, ids, to)) !== ids.length) throw noSuchAttachment();
}

/** The files of each message, by message id. */
export async function attachmentsByMessage(ctx: Ctx, messageIds: readonly number[]): Promise<Map<number, MessageAttachment[]>> {
  const byMessage = new Map<number, MessageAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  for (const row of await repo.attachmentsOfMessages(ctx.db, messageIds)) {
    const list = byMessage.get(row.message_id!) ?? [];
    list.push(repo.presentAttachment(row));
    byMessage.set(row.message_id!, list);
  }
  return byMessage;
}

/**
 * An attachment the actor may download: one of their own uploads, or a file
 * of a message they may see (an internal note's: back-office users only).
 * Anything else is ATTACHMENT_NOT_FOUND, so that ids do not leak.
 */
export async function findVisibleAttachment(
  ctx: Ctx,
  settings: Pick<AttachmentSettings, 'seesConversation'>,
  id: number,
): Promise<AttachmentRow> {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw noSuchAttachment();
  const actor = ctx.actor;
  if (row.conversation_id === null) {
    const mine = actor.kind !== 'system' && actor.kind === row.uploader_kind && actor.id === row.uploader_id;
    if (!mine) throw noSuchAttachment();
    return row;
  }
  if (row.staff_only === 1 && actor.kind !== 'backoffice_user') throw noSuchAttachment();
  if (!(await settings.seesConversation(ctx, row.conversation_id))) throw noSuchAttachment();
  return row;
}

export const attachmentCommands = [recordUpload];
