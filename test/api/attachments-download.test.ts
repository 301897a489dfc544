// Downloading attachments: only whoever may see the message (anyone else:
// 404), with headers that never let a file run as a page of Parley's, Range
// requests, presigned URLs that expire (S3); and clean-up of unused uploads
// and of deleted conversations' files. On the disk and on S3 alike.
import { beforeAll, expect, it } from 'vitest';
import { openAttachmentStore, unusedUploadsJob } from '../../src/server/attachments';
import { systemActor } from '../../src/server/kernel/actor';
import { describeApi, type Agent } from '../support/api';
import { testClock } from '../support/clock';
import { expectError } from '../support/errors';
import { waitFor } from '../support/eventually';
import { newConversation, ok, type Message } from '../support/fixtures';
import { HTML_WITH_SCRIPT, png, SVG_WITH_SCRIPT, uploaded } from '../support/attachments';
import { download, testStores } from '../support/stores';

const stores = testStores();

for (const store of stores) {
  const clock = testClock();
  describeApi(
    `attachments on ${store.name}: download and clean-up`,
    (h) => {
      let amanda: Agent, marlene: Agent, nancy: Agent, john: Agent;
      beforeAll(async () => {
        [amanda, marlene, nancy, john] = [await h().as('amanda'), await h().as('marlene'), await h().as('nancy'), await h().as('john')];
      });
      const post = async (who: Agent, conversationId: number, attachmentIds: number[], extra: object = {}) =>
        ok<Message>(await who.post(`/conversations/${conversationId}/messages`, { attachmentIds, ...extra }), 201);
      const text = async (who: Agent, id: number) => (await download(who, `/attachments/${id}`)).body.toString();

      it('lets whoever sees the conversation download, and answers 404 to anyone else', async () => {
        const { conversation } = await newConversation(amanda);
        const file = await uploaded(amanda, 'photo.png', await png());
        // before a message carries it, only its uploader sees it
        expect((await download(amanda, `/attachments/${file.id}`)).status).toBe(200);
        expectError(await john.get(`/attachments/${file.id}`), 404, 'ATTACHMENT_NOT_FOUND');
        await post(amanda, conversation.id, [file.id]);
        for (const who of [amanda, marlene, john]) expect((await download(who, `/attachments/${file.id}`)).status, who.name).toBe(200);
        expectError(await nancy.get(`/attachments/${file.id}`), 404, 'ATTACHMENT_NOT_FOUND');
        expectError(await nancy.get(`/attachments/${file.id}/thumbnail`), 404, 'ATTACHMENT_NOT_FOUND');
        expectError(await h().anonymous('/api').get(`/attachments/${file.id}`), 401, 'UNAUTHENTICATED');
        expectError(await amanda.get('/attachments/999999'), 404, 'ATTACHMENT_NOT_FOUND');
      });

      it("keeps an internal note's files from customers", async () => {
        const { conversation } = await newConversation(amanda);
        const file = await uploaded(john, 'margin.txt', Buffer.from('our margin is 40%'));
        const note = await post(john, conversation.id, [file.id], { body: 'internal', type: 'note' });
        expect(note.attachments?.[0]?.name).toBe('margin.txt');
        expect(await text(john, file.id)).toBe('our margin is 40%');
        expectError(await amanda.get(`/attachments/${file.id}`), 404, 'ATTACHMENT_NOT_FOUND');
        expectError(await marlene.get(`/attachments/${file.id}`), 404, 'ATTACHMENT_NOT_FOUND');
      });

      it('answers with the stored type, nosniff and a sandboxing CSP; only raster images and PDF inline, SVG and HTML never', async () => {
        const { conversation } = await newConversation(amanda);
        const image = await uploaded(amanda, 'scan.pdf', await png());
        const svg = await uploaded(amanda, 'logo.svg', SVG_WITH_SCRIPT);
        const html = await uploaded(amanda, 'page.html', HTML_WITH_SCRIPT);
        const plain = await uploaded(amanda, 'notes.txt', Buffer.from('<script>alert(1)</script>'));
        await post(amanda, conversation.id, [image.id, svg.id, html.id, plain.id]);
        const expected = [
          [image.id, 'image/png', 'inline; filename="scan.pdf"'],
          [svg.id, 'image/svg+xml', 'attachment; filename="logo.svg"'],
          [html.id, 'text/html', 'attachment; filename="page.html"'],
          [plain.id, 'text/plain', 'attachment; filename="notes.txt"'],
        ] as const;
        for (const [id, type, disposition] of expected) {
          const res = await download(john, `/attachments/${id}`);
          expect(res.status).toBe(200);
          // text is UTF-8 from either store
          expect(res.headers['content-type']).toBe(type.startsWith('text/') ? `${type}; charset=utf-8` : type);
          expect(res.headers['content-disposition']).toMatch(new RegExp(`^${disposition.replace(/[()]/g, '\\$&')}; filename\\*=UTF-8''`));
          if (store.name === 'disk') {
            expect(res.headers['x-content-type-options']).toBe('nosniff');
            expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
          } else {
            // another origin, so nothing it holds runs as Parley's; the type and disposition are signed into the URL
            expect(res.via).toMatch(/X-Amz-Expires=300&/);
            expect(new URL(res.via!).origin).not.toBe('http://localhost');
          }
        }
      });

      it('gives the exact name back in RFC 5987 form', async () => {
        const file = await uploaded(amanda, "Lieferschein März (final)'s.txt", Buffer.from('x'));
        const res = await download(amanda, `/attachments/${file.id}`);
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="Lieferschein M_rz (final)'s.txt"; filename*=UTF-8''Lieferschein%20M%C3%A4rz%20%28final%29%27s.txt`,
        );
      });

      it('serves Range requests: a part, the last bytes, and 416 past the end', async () => {
        const content = Buffer.from('0123456789abcdefghij');
        const file = await uploaded(amanda, 'range.txt', content);
        const url = `/attachments/${file.id}`;
        const part = await download(amanda, url, { range: 'bytes=5-9' });
        expect([part.status, part.body.toString(), part.headers['content-range'], String(part.headers['content-length'])]).toEqual([
          206,
          '56789',
          'bytes 5-9/20',
          '5',
        ]);
        // s3rver reads a suffix range as from the start (S3 itself does not); Parley's own serving is what is checked here
        if (store.name === 'disk') {
          const tail = await download(amanda, url, { range: 'bytes=-3' });
          expect([tail.status, tail.body.toString()]).toEqual([206, 'hij']);
        }
        const open = await download(amanda, url, { range: 'bytes=15-' });
        expect([open.status, open.body.toString()]).toEqual([206, 'fghij']);
        const whole = await download(amanda, url);
        expect([whole.status, whole.headers['accept-ranges'], whole.body.toString()]).toEqual([200, 'bytes', content.toString()]);
        const past = await download(amanda, url, { range: 'bytes=20-25' });
        expect(past.status).toBe(416);
        if (store.name === 'disk') expect(past.headers['content-range']).toBe('bytes */20');
      });

      it.runIf(store.name === 's3')('hands out presigned URLs that stop working after 5 minutes', async () => {
        const file = await uploaded(amanda, 'soon.txt', Buffer.from('soon gone'));
        clock.advance(-301_000);
        const stale = String((await amanda.get(`/attachments/${file.id}`)).headers.location);
        clock.advance(301_000);
        expect((await fetch(stale)).status).toBe(403);
        const res = await amanda.get(`/attachments/${file.id}`);
        expect([res.statusCode, res.headers['cache-control']]).toEqual([302, 'no-store']);
        expect(await (await fetch(String(res.headers.location))).text()).toBe('soon gone');
      });

      it('removes uploads no message took within 24 hours, bytes and all, and keeps the others', async () => {
        const { conversation } = await newConversation(amanda);
        const [old, fresh, used] = [
          await uploaded(amanda, 'old.png', await png()),
          await uploaded(amanda, 'fresh.txt', Buffer.from('fresh')),
          await uploaded(amanda, 'used.txt', Buffer.from('used')),
        ];
        await post(amanda, conversation.id, [used.id]);
        const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
        const db = h().built.database.db;
        await db.updateTable('attachments').set({ created_at: dayAgo }).where('id', 'in', [old.id, used.id]).execute();
        const keysBefore = (await store.keys()).length;
        const attachments = await openAttachmentStore(store.env.PARLEY_DATA_DIR!, store.env.PARLEY_S3_URL, clock);
        const handled = await unusedUploadsJob(attachments).run(h().built.runtime.contextFor(systemActor('test')));
        expect(handled).toBeGreaterThanOrEqual(1);
        expectError(await amanda.get(`/attachments/${old.id}`), 404, 'ATTACHMENT_NOT_FOUND');
        expect(await text(amanda, fresh.id)).toBe('fresh');
        expect(await text(amanda, used.id)).toBe('used');
        // the PNG and its thumbnail
        expect((await store.keys()).length).toBe(keysBefore - 2);
      });

      it("removes a deleted conversation's files", async () => {
        const { conversation } = await newConversation(amanda);
        const file = await uploaded(amanda, 'gone.png', await png());
        await post(amanda, conversation.id, [file.id]);
        const db = h().built.database.db;
        const row = await db.selectFrom('attachments').select('storage_key').where('id', '=', file.id).executeTakeFirstOrThrow();
        expect(await store.keys()).toContain(row.storage_key);
        expect((await john.request('DELETE', `/conversations/${conversation.id}`)).statusCode).toBe(200);
        const gone = async () =>
          !(await store.keys()).some((k) => k.startsWith(row.storage_key)) &&
          !(await db.selectFrom('attachments').select('id').where('id', '=', file.id).executeTakeFirst());
        await waitFor(gone, 10_000, 'the files to go');
        expectError(await john.get(`/attachments/${file.id}`), 404, 'ATTACHMENT_NOT_FOUND');
      });
    },
    {
      env: Object.assign(store.env, { PARLEY_ATTACHMENT_TYPES: 'image/png,text/plain,image/svg+xml,text/html' }),
      build: { clock, consumers: { options: { pollMs: 50 } } },
    },
  );
}
