// Attachments through the API: uploads checked by content and size, a
// message that carries files (only files, even), and what may not be
// attached. Downloads and clean-up: attachments-download.test.ts.
import crypto from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { customerUserId, newConversation, ok, unique, type Message } from '../support/fixtures';
import { exe, photo, png, upload, uploaded, type MessageAttachment } from '../support/attachments';
import { download, testStores } from '../support/stores';

const stores = testStores();

for (const store of stores) {
  describeApi(
    `attachments on ${store.name}: upload and post`,
    (h) => {
      let amanda: Agent, nancy: Agent, john: Agent, charlie: Agent;
      beforeAll(async () => {
        [amanda, nancy, john, charlie] = [await h().as('amanda'), await h().as('nancy'), await h().as('john'), await h().as('charlie')];
      });

      it('stores a PNG named invoice.pdf as the PNG it is, with its SHA-256 and a thumbnail', async () => {
        const bytes = await png(640, 480);
        const file = await uploaded(amanda, 'invoice.pdf', bytes);
        expect(file).toMatchObject({
          name: 'invoice.pdf',
          contentType: 'image/png',
          size: bytes.length,
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
          thumbnail: true,
        });
      });

      it('makes thumbnails of at most 400 px without the photo’s metadata', async () => {
        const file = await uploaded(amanda, 'damaged-pallet.jpg', await photo());
        const res = await amanda.get(`/attachments/${file.id}/thumbnail`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/webp');
        const meta = await sharp(res.rawPayload).metadata();
        expect([meta.width, meta.height]).toEqual([400, 300]);
        expect(meta.exif).toBeUndefined();
        expect(meta.icc).toBeUndefined();
      });

      it('refuses a renamed .exe, naming the file, and keeps nothing of it', async () => {
        const before = (await store.keys()).length;
        const res = await upload(amanda, 'drawing.pdf', exe());
        expectError(res, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED', { file: 'drawing.pdf: type application/x-msdownload not allowed' });
        expect(res.json().error.message).toContain('drawing.pdf');
        expect((await store.keys()).length).toBe(before);
      });

      it('refuses a file over PARLEY_ATTACHMENT_MAX_MB (1 here) and takes one of exactly 1 MB', async () => {
        const before = (await store.keys()).length;
        const res = await upload(amanda, 'big.txt', Buffer.alloc(1_048_577, 'a'));
        expectError(res, 413, 'ATTACHMENT_TOO_LARGE', { file: 'big.txt: larger than 1 MB' });
        expect((await store.keys()).length).toBe(before);
        const exact = await uploaded(amanda, 'exact.txt', Buffer.alloc(1_048_576, 'a'));
        expect(exact).toMatchObject({ contentType: 'text/plain', size: 1_048_576 });
        expect((await download(amanda, `/attachments/${exact.id}`)).body.length).toBe(1_048_576);
      });

      it('refuses an empty file, a body that is not multipart, a form without a file, and anonymous uploads', async () => {
        expectError(await upload(amanda, 'empty.txt', Buffer.alloc(0)), 400, 'ATTACHMENT_EMPTY', { file: 'empty.txt: empty' });
        expectError(await amanda.post('/attachments', { file: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
        const empty = await amanda.request('POST', '/attachments', Buffer.from('--b--\r\n'), {
          'content-type': 'multipart/form-data; boundary=b',
        });
        expectError(empty, 400, 'VALIDATION_FAILED', { file: expect.any(String) });
        expectError(await upload(h().anonymous('/api'), 'a.txt', Buffer.from('a')), 401, 'UNAUTHENTICATED');
      });

      it('starts a conversation whose first message carries files (or only files), on both sides', async () => {
        const photoFile = await uploaded(amanda, 'damaged-pallet.png', await png());
        const subject = unique('Damaged delivery');
        const started = ok<{ conversation: { id: number }; message: Message }>(
          await amanda.post('/conversations', { subject, attachmentIds: [photoFile.id] }),
          201,
        );
        expect(started.message).toMatchObject({ body: '', attachments: [{ id: photoFile.id, name: 'damaged-pallet.png' }] });
        const list = ok<{ items: { id: number; lastMessage: { preview: string } }[] }>(await amanda.get('/conversations'));
        expect(list.items.find((c) => c.id === started.conversation.id)!.lastMessage.preview).toBe('📎 damaged-pallet.png');
        // the upload is now the message's: it starts no second conversation
        expectError(await amanda.post('/conversations', { subject, attachmentIds: [photoFile.id] }), 404, 'ATTACHMENT_NOT_FOUND', {
          attachmentIds: `No upload ${photoFile.id}.`,
        });
        expectError(await amanda.post('/conversations', { subject }), 400, 'VALIDATION_FAILED', {
          message: 'This value should not be blank.',
        });

        const quote = await uploaded(john, 'quote.pdf', await png());
        const made = ok<{ conversation: { id: number }; message: Message }>(
          await john.post('/conversations', {
            name: unique('Your quote'),
            customerUserId: await customerUserId(john, 'amanda'),
            message: 'As discussed',
            attachmentIds: [quote.id],
          }),
          201,
        );
        expect(made.message).toMatchObject({ body: 'As discussed', attachments: [{ id: quote.id }] });
        // Amanda reads it like any other file
        expect((await amanda.get(`/attachments/${quote.id}`)).statusCode).toBeLessThan(400);
      });

      it('posts a message that is only files, on both sides, and shows it in the thread, All messages and the list preview', async () => {
        const { conversation } = await newConversation(amanda);
        const pdf = await uploaded(amanda, 'invoice.pdf', await png());
        const csv = await uploaded(amanda, 'lines.csv', Buffer.from('sku,qty\nA-1,4\n'));
        const posted = ok<Message>(
          await amanda.post(`/conversations/${conversation.id}/messages`, { attachmentIds: [pdf.id, csv.id] }),
          201,
        );
        expect(posted).toMatchObject({
          body: '',
          attachments: [
            { id: pdf.id, name: 'invoice.pdf' },
            { id: csv.id, contentType: 'text/csv' },
          ],
        });
        const thread = ok<{ items: Message[] }>(await amanda.get(`/conversations/${conversation.id}/messages`)).items;
        expect(thread.at(-1)!.attachments?.map((a) => a.name)).toEqual(['invoice.pdf', 'lines.csv']);
        const list = ok<{ items: { id: number; lastMessage: { preview: string } }[] }>(await amanda.get('/conversations'));
        expect(list.items.find((c) => c.id === conversation.id)!.lastMessage.preview).toBe('📎 invoice.pdf');

        const reply = await uploaded(john, 'quote.pdf', await png());
        const answered = ok<Message>(
          await john.post(`/conversations/${conversation.id}/messages`, { body: 'Here it is', attachmentIds: [reply.id] }),
          201,
        );
        expect(answered.attachments).toEqual([reply]);
        const all = ok<{ items: Message[] }>(await john.get(`/conversations/${conversation.id}/all-messages`)).items;
        expect(all.map((m) => (m.attachments ?? []).map((a) => a.name))).toEqual([[], ['invoice.pdf', 'lines.csv'], ['quote.pdf']]);
      });

      it('refuses more than 10 files, another person’s upload, an upload already carried, and a message with neither words nor files', async () => {
        const { conversation } = await newConversation(amanda);
        const url = `/conversations/${conversation.id}/messages`;
        const files: MessageAttachment[] = [];
        for (let i = 0; i < 11; i++) files.push(await uploaded(amanda, `page-${i}.txt`, Buffer.from(`page ${i}`)));
        expectError(await amanda.post(url, { attachmentIds: files.map((f) => f.id) }), 400, 'ATTACHMENT_TOO_MANY', {
          attachmentIds: 'At most 10 files.',
        });
        const theirs = await uploaded(nancy, 'theirs.txt', Buffer.from('x'));
        expectError(await amanda.post(url, { body: 'x', attachmentIds: [theirs.id] }), 404, 'ATTACHMENT_NOT_FOUND', {
          attachmentIds: `No upload ${theirs.id}.`,
        });
        const charlies = await uploaded(charlie, 'charlie.txt', Buffer.from('x'));
        expectError(await john.post(url, { body: 'x', attachmentIds: [charlies.id] }), 404, 'ATTACHMENT_NOT_FOUND', {
          attachmentIds: `No upload ${charlies.id}.`,
        });
        ok(await amanda.post(url, { body: 'ten', attachmentIds: files.slice(0, 10).map((f) => f.id) }), 201);
        expectError(await amanda.post(url, { body: 'again', attachmentIds: [files[0]!.id] }), 404, 'ATTACHMENT_NOT_FOUND', {
          attachmentIds: `No upload ${files[0]!.id}.`,
        });
        // nothing half-written: the refused posts left no message
        const thread = ok<{ items: Message[] }>(await amanda.get(url)).items;
        expect(thread.map((m) => m.body)).toEqual(['Hello', 'ten']);
        expectError(await amanda.post(url, { body: '  ', attachmentIds: [] }), 400, 'VALIDATION_FAILED', {
          body: 'This value should not be blank.',
        });
      });

      it('refuses files on a message the conversation refuses, and keeps them unused', async () => {
        const { conversation } = await newConversation(amanda, { subject: unique() });
        ok(await john.post(`/conversations/${conversation.id}/close`));
        const file = await uploaded(amanda, 'late.txt', Buffer.from('late'));
        expectError(
          await amanda.post(`/conversations/${conversation.id}/messages`, { attachmentIds: [file.id] }),
          409,
          'CONVERSATION_CLOSED',
        );
        const other = await newConversation(amanda);
        ok(await amanda.post(`/conversations/${other.conversation.id}/messages`, { attachmentIds: [file.id] }), 201);
        expect(await customerUserId(john, 'amanda')).toBeGreaterThan(0);
      });
    },
    { env: Object.assign(store.env, { PARLEY_ATTACHMENT_MAX_MB: '1' }) },
  );
}
