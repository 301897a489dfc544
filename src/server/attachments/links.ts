// Download links for those without a session: a webhook's receiver, a mail's
// reader. The link names the file and when it stops working, signed with
// Parley's key (HMAC-SHA256); GET /files/{id} checks the signature and the
// time, then that a message still carries the file (a deleted conversation's
// files are gone).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { ErrorBody, IdParams, type Message } from '../../shared/api';
import { text, wholeNumber } from '../../shared/input';
import type { DB } from '../db/schema';
import type { Clock } from '../kernel/clock';
import { notFound } from '../kernel/errors';
import type { Runtime } from '../kernel/context';
import { findAttachment } from './attachments.repo';
import { sendAttachment } from './download';
import type { AttachmentStore } from './storage';

/** a webhook's links work for an hour */
export const WEBHOOK_LINK_MS = 3_600_000;

const linkKey = async (db: Kysely<DB>) =>
  (await db.selectFrom('attachment_keys').select('secret').orderBy('id').limit(1).executeTakeFirstOrThrow()).secret;

const mac = (secret: string, id: number, expires: number) =>
  createHmac('sha256', secret).update(`file:${id}:${expires}`).digest('base64url');

export interface LinkSettings {
  publicUrl: string;
  clock: Clock;
}

/** A link to the file that works until `until` (ms since the epoch). */
export async function signedFileUrl(db: Kysely<DB>, settings: LinkSettings, id: number, until: number): Promise<string> {
  const expires = Math.floor(until / 1000);
  return `${settings.publicUrl}/files/${id}?expires=${expires}&signature=${mac(await linkKey(db), id, expires)}`;
}

/** The message with a download link on each of its files, valid for an hour (for webhooks). */
export async function withDownloadLinks(db: Kysely<DB>, settings: LinkSettings, message: Message): Promise<Message> {
  if (!message.attachments?.length) return message;
  const until = settings.clock.now() + WEBHOOK_LINK_MS;
  const attachments = await Promise.all(
    message.attachments.map(async (a) => ({ ...a, downloadUrl: await signedFileUrl(db, settings, a.id, until) })),
  );
  return { ...message, attachments };
}

const LinkQuery = z.object({ expires: wholeNumber(0), signature: text().max(100) });

export function signedFileRoutes(runtime: Runtime, settings: LinkSettings & { store: AttachmentStore }) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/files/:id',
      {
        config: { public: true },
        schema: {
          tags: ['Signed download links'],
          summary: "A file through a signed, expiring link (a webhook's or a mail's)",
          params: IdParams,
          querystring: LinkQuery,
          response: { 404: ErrorBody, 416: ErrorBody },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const { expires, signature } = request.query;
        const expected = Buffer.from(mac(await linkKey(runtime.db), id, expires));
        const given = Buffer.from(signature);
        const valid = given.length === expected.length && timingSafeEqual(given, expected);
        const row = valid && expires * 1000 > settings.clock.now() ? await findAttachment(runtime.db, id) : undefined;
        // a bad signature, an expired link and a file no message carries any more all look the same
        if (!row || row.message_id === null) throw notFound('ATTACHMENT_NOT_FOUND', 'Attachment');
        return sendAttachment(reply, settings.store, row, request.headers.range);
      },
    );
  };
}
