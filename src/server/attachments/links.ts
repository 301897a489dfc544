// Download links for those without a session: a webhook's receiver, a mail's
// reader. The link names the file, when it stops working and (in a mail) its
// reader, signed with Parley's key (HMAC-SHA256); GET /files/{id} checks the
// signature and the time, then that a message still carries the file (a
// deleted conversation's files are gone) and, for a reader, that they may
// still see it (removed from the conversation, deleted, a note: 404).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { ErrorBody, IdParams, type Message } from '../../shared/api';
import { text, wholeNumber } from '../../shared/input';
import type { DB } from '../db/schema';
import type { PersonActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import { notFound } from '../kernel/errors';
import type { Runtime } from '../kernel/context';
import { findBackofficeUser, findCustomerUser, personName } from '../people';
import { findAttachment } from './attachments.repo';
import { findVisibleAttachment, type AttachmentSettings } from './attachments.service';
import { sendAttachment } from './download';

/** a webhook's links work for an hour */
export const WEBHOOK_LINK_MS = 3_600_000;
/** a mail's links work for a week: mail is read late */
export const MAIL_LINK_MS = 7 * 86_400_000;

/** whose link it is (a mail's reader), or null: a webhook's, for whoever holds it */
export type Reader = { kind: 'customer_user' | 'backoffice_user'; id: number } | null;
const readerKey = (reader: Reader) => (reader ? `${reader.kind === 'customer_user' ? 'c' : 'b'}${reader.id}` : '');

const linkKey = async (db: Kysely<DB>) =>
  (await db.selectFrom('attachment_keys').select('secret').orderBy('id').limit(1).executeTakeFirstOrThrow()).secret;

const mac = (secret: string, id: number, expires: number, reader: string) =>
  createHmac('sha256', secret).update(`file:${id}:${expires}:${reader}`).digest('base64url');

export interface LinkSettings {
  publicUrl: string;
  clock: Clock;
}

/** A link to the file that works until `until` (ms since the epoch), for anyone or for one reader. */
export async function signedFileUrl(db: Kysely<DB>, settings: LinkSettings, id: number, until: number, reader: Reader = null) {
  const expires = Math.floor(until / 1000);
  const who = readerKey(reader);
  const signature = mac(await linkKey(db), id, expires, who);
  return `${settings.publicUrl}/files/${id}?expires=${expires}${who ? `&for=${who}` : ''}&signature=${signature}`;
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

/** The reader as the actor they are now: null when deleted. */
async function readerActor(db: Kysely<DB>, who: string): Promise<PersonActor | null> {
  const id = Number(who.slice(1));
  if (who.startsWith('c')) {
    const u = await findCustomerUser(db, id);
    if (!u || u.deleted_at) return null;
    return { kind: 'customer_user', id, customerId: u.customer_id, role: u.role, name: personName(u.first_name, u.last_name) };
  }
  const u = await findBackofficeUser(db, id);
  if (!u) return null;
  return { kind: 'backoffice_user', id, role: u.role, name: personName(u.first_name, u.last_name) };
}

const LinkQuery = z.object({
  expires: wholeNumber(0),
  for: text()
    .regex(/^[cb][1-9]\d{0,9}$/)
    .optional(),
  signature: text().max(100),
});

export function signedFileRoutes(runtime: Runtime, settings: LinkSettings & AttachmentSettings) {
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
        const { expires, signature, for: who = '' } = request.query;
        const expected = Buffer.from(mac(await linkKey(runtime.db), id, expires, who));
        const given = Buffer.from(signature);
        const valid = given.length === expected.length && timingSafeEqual(given, expected) && expires * 1000 > settings.clock.now();
        // a bad signature, an expired link, a file no message carries and a reader who may no longer see it all look the same
        const gone = () => notFound('ATTACHMENT_NOT_FOUND', 'Attachment');
        if (!valid) throw gone();
        let row = await findAttachment(runtime.db, id);
        if (!row || row.message_id === null) throw gone();
        if (who) {
          const reader = await readerActor(runtime.db, who);
          if (!reader) throw gone();
          // checked again now, as at any download
          row = await findVisibleAttachment(runtime.contextFor(reader), settings, id);
        }
        return sendAttachment(reply, settings.store, row, request.headers.range);
      },
    );
  };
}
