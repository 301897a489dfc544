import type { Kysely } from 'kysely';
import type { MessageAttachment } from '../../shared/api';
import type { DB } from '../db/schema';
import type { AttachmentRow, UploaderKind } from './attachments.table';

export function presentAttachment(row: AttachmentRow): MessageAttachment {
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    thumbnail: row.thumbnail_key !== null,
    createdAt: row.created_at,
  };
}

export function findAttachment(db: Kysely<DB>, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The uploads among `ids` that this person made and no message carries yet. */
export function findUnusedUploads(db: Kysely<DB>, ids: readonly number[], uploader: { kind: UploaderKind; id: number }) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', 'in', ids)
    .where('uploader_kind', '=', uploader.kind)
    .where('uploader_id', '=', uploader.id)
    .where('message_id', 'is', null)
    .execute();
}

/** Gives the uploads to a message; answers how many it took (fewer: one was taken meanwhile). */
export async function linkUploads(
  db: Kysely<DB>,
  ids: readonly number[],
  to: { messageId: number; conversationId: number; staffOnly: boolean },
) {
  const result = await db
    .updateTable('attachments')
    .set({ message_id: to.messageId, conversation_id: to.conversationId, staff_only: to.staffOnly ? 1 : 0 })
    .where('id', 'in', ids)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The files of these messages, each message's in upload order. */
export function attachmentsOfMessages(db: Kysely<DB>, messageIds: readonly number[]) {
  return db.selectFrom('attachments').selectAll().where('message_id', 'in', messageIds).orderBy('message_id').orderBy('id').execute();
}

export function unusedUploadsBefore(db: Kysely<DB>, before: string, limit: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'thumbnail_key'])
    .where('message_id', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export function attachmentsOfConversation(db: Kysely<DB>, conversationId: number, limit: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'thumbnail_key'])
    .where('conversation_id', '=', conversationId)
    .limit(limit)
    .execute();
}

export async function deleteAttachmentRows(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('attachments').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}
