// The store's integration attaches files to the messages it posts: it
// uploads with its token (conversations:write), then posts as the system or
// as a back-office user with the ids; nobody else may use its uploads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeApi } from '../support/api';
import { multipart, type MessageAttachment } from '../support/attachments';
import { expectError } from '../support/errors';
import { newConversation, ok, type Message } from '../support/fixtures';
import { newStore, type Store } from '../support/integration';

const uploadAs = (store: Store, name: string, content: Buffer) => {
  const { payload, headers } = multipart(name, content);
  return store.request('POST', '/attachments', payload, headers);
};

describeApi(
  'attachments from the integration API',
  (h) => {
    it('posts files as the system and as a back-office user; the token needs conversations:write; its uploads are its own', async () => {
      const [john, amanda] = [await h().as('john'), await h().as('amanda')];
      const store = await newStore(h().app, john);
      const other = await newStore(h().app, john);
      const readOnly = await newStore(h().app, john, ['conversations:read']);
      const { conversation } = await newConversation(amanda);
      const url = `/conversations/${conversation.id}/messages`;

      expectError(await uploadAs(readOnly, 'x.txt', Buffer.from('x')), 403, 'FORBIDDEN');
      const label = ok<MessageAttachment>(await uploadAs(store, 'label.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')), 201);
      expect(label.contentType).toBe('application/pdf');
      expectError(await other.post(url, { body: 'mine?', author: 'system', attachmentIds: [label.id] }), 404, 'ATTACHMENT_NOT_FOUND', {
        attachmentIds: `No upload ${label.id}.`,
      });
      const shipped = ok<Message>(await store.post(url, { body: 'Shipping label', author: 'system', attachmentIds: [label.id] }), 201);
      expect(shipped).toMatchObject({ type: 'system', attachments: [{ id: label.id, name: 'label.pdf' }] });

      const invoice = ok<MessageAttachment>(await uploadAs(store, 'invoice.csv', Buffer.from('total,12\n')), 201);
      const fromJohn = ok<Message>(
        await store.post(url, { body: 'Your invoice', author: { email: 'john@parley.example' }, attachmentIds: [invoice.id] }),
        201,
      );
      expect(fromJohn).toMatchObject({ author: { name: 'John Doe' }, attachments: [{ id: invoice.id }] });
      // the customer downloads them like any other
      expect((await amanda.get(`/attachments/${label.id}`)).body).toBe('%PDF-1.4\n%%EOF\n');
      expect((await amanda.get(`/attachments/${invoice.id}`)).body).toBe('total,12\n');
    });

    it('posts a message that is only files, and refuses one with neither words nor files', async () => {
      const [john, amanda] = [await h().as('john'), await h().as('amanda')];
      const store = await newStore(h().app, john);
      const { conversation } = await newConversation(amanda);
      const url = `/conversations/${conversation.id}/messages`;
      const photo = ok<MessageAttachment>(await uploadAs(store, 'pod.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')), 201);
      const onlyFile = ok<Message>(await store.post(url, { author: 'system', attachmentIds: [photo.id] }), 201);
      expect(onlyFile).toMatchObject({ body: '', attachments: [{ id: photo.id, name: 'pod.pdf' }] });
      for (const body of [{}, { body: '   ' }, { body: '', attachmentIds: [] }])
        expectError(await store.post(url, { author: 'system', ...body }), 400, 'VALIDATION_FAILED', {
          body: 'This value should not be blank.',
        });
    });
  },
  { env: { PARLEY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachments-')) } },
);
