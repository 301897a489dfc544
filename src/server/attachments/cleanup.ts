// What goes, and when: an upload no message took within 24 hours (a periodic
// job), and the files of a deleted conversation (a durable consumer of
// conversation.deleted). Rows and stored bytes go together.
import { inBatches } from '../db/batches';
import type { Consumer, Job } from '../events';
import { defineCommand } from '../kernel/context';
import * as repo from './attachments.repo';
import type { AttachmentStore } from './storage';

/** how long an upload waits for a message to carry it */
export const UNUSED_UPLOAD_KEEP_MS = 24 * 3_600_000;
const BATCH = 200;
const BATCHES_PER_RUN = 10;

const keysOf = (rows: { storage_key: string; thumbnail_key: string | null }[]) =>
  rows.flatMap((r) => (r.thumbnail_key ? [r.storage_key, r.thumbnail_key] : [r.storage_key]));

/** Deletes up to a batch of unused uploads made before `before`; answers the store keys they had. */
export const purgeUnusedUploads = defineCommand('attachments.purgeUnusedUploads', async (ctx, { before }: { before: string }) => {
  const candidates = await repo.unusedUploadsBefore(ctx.db, before, BATCH);
  if (candidates.length === 0) return { count: 0, keys: [] as string[] };
  // a message may have taken one since: only those still unused go
  const gone = await ctx.db
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('message_id', 'is', null)
    .returning(['storage_key', 'thumbnail_key'])
    .execute();
  return { count: candidates.length, keys: keysOf(gone) };
});

/** Removes unused uploads older than a day: the rows first, then their bytes (bytes left by a crash between are only space). */
export function unusedUploadsJob(store: AttachmentStore, keepMs = UNUSED_UPLOAD_KEEP_MS): Job {
  return {
    name: 'attachments.purgeUnusedUploads',
    everyMs: 10 * 60_000,
    async run(ctx) {
      const before = new Date(Date.now() - keepMs).toISOString();
      return inBatches(
        async () => {
          const { count, keys } = await ctx.write(purgeUnusedUploads, { before });
          await store.remove(keys);
          return count;
        },
        BATCH,
        BATCHES_PER_RUN,
      );
    },
  };
}

const deleteRows = defineCommand('attachments.deleteRows', (ctx, { ids }: { ids: number[] }) => repo.deleteAttachmentRows(ctx.db, ids));

/**
 * A deleted conversation's files go: the bytes first, then the rows, so that
 * a run cut short is finished by the next (the event comes again).
 */
export function deletedConversationsConsumer(store: AttachmentStore): Consumer {
  return {
    name: 'attachments.deletedConversations',
    types: ['conversation.deleted'],
    async handle(event, ctx) {
      if (event.type !== 'conversation.deleted') return;
      for (;;) {
        const rows = await repo.attachmentsOfConversation(ctx.db, event.payload.conversationId, BATCH);
        if (rows.length === 0) return;
        await store.remove(keysOf(rows));
        await ctx.write(deleteRows, { ids: rows.map((r) => r.id) });
      }
    },
  };
}

export const cleanupCommands = [purgeUnusedUploads, deleteRows];
