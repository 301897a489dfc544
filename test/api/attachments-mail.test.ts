// A notification mail links each file with a link signed for its reader,
// expiring in a week, and checked again when followed: once the reader no
// longer takes part, the link answers 404.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { emails } from '../support/api';
import { uploaded } from '../support/attachments';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { backofficeConversation, customerUserId, ok, unique } from '../support/fixtures';
import { describeMail, mailsFor } from '../support/mail';

const env = { PARLEY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachments-')) };

describeMail('attachments in notification mails', { env }, (h) => {
  it('links the files for the reader, and the link stops working once they may not see them', async () => {
    const [john, charlie] = [await h().as('john'), await h().as('charlie')];
    const name = unique('Drawings');
    const { conversation } = await backofficeConversation(charlie, { customerUserId: await customerUserId(charlie, 'amanda'), name });
    const ruthId = await customerUserId(john, 'ruth');
    ok(await john.post(`/conversations/${conversation.id}/participants`, { kind: 'customer_user', userId: ruthId }));
    const file = await uploaded(charlie, 'drawing.txt', Buffer.from('rev B'));
    ok(await charlie.post(`/conversations/${conversation.id}/messages`, { body: 'The drawing', attachmentIds: [file.id] }), 201);
    await new Promise((r) => setTimeout(r, 300));
    h().clock.advance(121_000);
    const [mail] = await eventually(
      () => mailsFor(h().sink, emails.ruth, name),
      (m) => m.length === 1,
      'the notification to Ruth',
    );
    const link = new RegExp(
      `📎 drawing\\.txt: (http://localhost:3000(/files/${file.id}\\?expires=\\d+&for=c${ruthId}&signature=[\\w-]+))`,
    ).exec(mail!.parsed.text!);
    expect(link, mail!.parsed.text).not.toBeNull();
    expect(mail!.parsed.html).toContain(`/files/${file.id}?expires=`);
    const url = link![2]!;
    const get = (u: string) => h().built.app.inject({ method: 'GET', url: u });
    expect((await get(url)).body).toBe('rev B');
    // the link is Ruth's: another reader's name in it breaks the signature
    expectError(await get(url.replace(`for=c${ruthId}`, 'for=c1')), 404, 'ATTACHMENT_NOT_FOUND');
    const participants = ok<{ items: { id: number; name: string }[] }>(await john.get(`/conversations/${conversation.id}/participants`));
    const ruth = participants.items.find((p) => p.name === 'Ruth Ortiz')!;
    ok(await john.request('DELETE', `/conversations/${conversation.id}/participants/${ruth.id}`));
    expectError(await get(url), 404, 'ATTACHMENT_NOT_FOUND');
  });
});
