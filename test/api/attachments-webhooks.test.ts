// A new message's files in webhooks: name, type, size, SHA-256 and a signed
// download link that works for an hour without a session, and no longer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { uploaded } from '../support/attachments';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { newConversation, ok } from '../support/fixtures';
import { describeWebhooks, newEndpoint } from '../support/webhooks';

const env = {
  PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true',
  PARLEY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachments-')),
  PARLEY_PUBLIC_URL: 'https://parley.example',
};

interface Delivered {
  data: { message: { attachments?: { name: string; contentType: string; size: number; sha256: string; downloadUrl: string }[] } };
}

describeWebhooks('attachments in webhooks', env, (h) => {
  it('carry name, type, size, SHA-256 and a download link valid for an hour', async () => {
    const [john, amanda] = [await h().as('john'), await h().as('amanda')];
    const { receiver, built, clock } = h();
    const endpoint = await newEndpoint(john, receiver, ['message.created']);
    const { conversation } = await newConversation(amanda);
    const file = await uploaded(amanda, 'order.csv', Buffer.from('sku,qty\nA-1,4\n'));
    ok(await amanda.post(`/conversations/${conversation.id}/messages`, { attachmentIds: [file.id] }), 201);
    const [delivery] = await eventually(
      () => Promise.resolve(receiver.received(endpoint.path).map((d) => JSON.parse(d.body) as Delivered)),
      (list) => list.some((d) => d.data.message.attachments),
      'the message with its file',
    ).then((list) => list.filter((d) => d.data.message.attachments));
    const sent = delivery!.data.message.attachments![0]!;
    expect(sent).toMatchObject({ name: 'order.csv', contentType: 'text/csv', size: 14, sha256: file.sha256 });
    expect(sent.downloadUrl).toMatch(new RegExp(`^https://parley\\.example/files/${file.id}\\?expires=\\d+&signature=[\\w-]+$`));

    const local = sent.downloadUrl.replace('https://parley.example', '');
    const res = await built.app.inject({ method: 'GET', url: local });
    expect([res.statusCode, res.body, res.headers['content-disposition']]).toEqual([
      200,
      'sku,qty\nA-1,4\n',
      `attachment; filename="order.csv"; filename*=UTF-8''order.csv`,
    ]);
    expectError(await built.app.inject({ method: 'GET', url: local.replace(/signature=./, 'signature=x') }), 404, 'ATTACHMENT_NOT_FOUND');
    expectError(
      await built.app.inject({ method: 'GET', url: local.replace(`/files/${file.id}`, `/files/${file.id + 1}`) }),
      404,
      'ATTACHMENT_NOT_FOUND',
    );
    clock.advance(3_601_000);
    expectError(await built.app.inject({ method: 'GET', url: local }), 404, 'ATTACHMENT_NOT_FOUND');
  });
});
