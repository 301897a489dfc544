// Mails about changes, through a real SMTP server the test starts: "assigned
// to you" for a conversation's new owner, "closed" / "reopened" for its
// participants, at once, never to whoever made the change, and as each
// user's preferences (or one-click unsubscribe) say.
import { expect, it } from 'vitest';
import type { OutboxPage } from '../../src/shared/mail';
import { emails } from '../support/api';
import { eventually } from '../support/eventually';
import { backofficeConversation, backofficeUserId, customerUserId, ok, unique } from '../support/fixtures';
import { describeMail, mailsFor } from '../support/mail';

describeMail('mails about assignments and status changes', {}, (h) => {
  /** The outbox's mails with this subject: one transaction queues all of a change's mails, so once one is there, all are. */
  const queued = async (subject: string) => {
    const john = await h().as('john');
    return ok<OutboxPage>(await john.get('/mail/outbox')).items.filter((m) => m.subject === subject);
  };
  const arrived = (to: string, subject: string) =>
    eventually(
      () => mailsFor(h().sink, to, subject),
      (m) => m.length === 1,
      `"${subject}" to ${to}`,
    ).then((m) => m[0]!);

  it('mails the new owner when someone else assigns a conversation to them, not when they take it themselves', async () => {
    const john = await h().as('john');
    const charlie = await h().as('charlie');
    const name = unique('Assigned');
    const { conversation } = await backofficeConversation(john, {
      customerUserId: await customerUserId(john, 'amanda'),
      name,
      ownerId: null,
    });
    ok(await john.request('PATCH', `/conversations/${conversation.id}`, { ownerId: await backofficeUserId(john, 'Charlie Sheen') }));
    const mail = await arrived(emails.charlie, `${name}: assigned to you by John Doe`);
    expect(mail.parsed.text).toContain(`John Doe assigned the conversation "${name}" to you.`);
    expect(mail.parsed.text).toContain(`http://localhost:3000/admin/conversations/${conversation.id}`);
    expect(mail.header('list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/mail\/unsubscribe\/b\.\d+\.assigned\.[0-9a-f]{32}>$/);
    expect(mail.header('in-reply-to')).toBe(`<conversation-${conversation.id}@mail.test>`);
    expect(await queued(`${name}: assigned to you by John Doe`)).toHaveLength(1);

    // John takes another himself: no mail; Charlie turns these mails off: none for him either
    const mine = unique('Mine');
    const other = await backofficeConversation(john, { customerUserId: await customerUserId(john, 'amanda'), name: mine, ownerId: null });
    ok(await john.request('PATCH', `/conversations/${other.conversation.id}`, { ownerId: await backofficeUserId(john, 'John Doe') }));
    ok(await charlie.request('PATCH', '/notification-preferences', { assigned: false }));
    const off = unique('Off');
    const third = await backofficeConversation(john, { customerUserId: await customerUserId(john, 'amanda'), name: off, ownerId: null });
    ok(await john.request('PATCH', `/conversations/${third.conversation.id}`, { ownerId: await backofficeUserId(john, 'Charlie Sheen') }));
    // a later change that does mail someone shows the consumer has passed both
    const control = unique('Control');
    const fourth = await backofficeConversation(charlie, { customerUserId: await customerUserId(john, 'amanda'), name: control });
    ok(await john.post(`/conversations/${fourth.conversation.id}/close`));
    await arrived(emails.amanda, `${control}: closed by John Doe`);
    expect(mailsFor(h().sink, emails.john, mine)).toEqual([]);
    expect(await queued(`${off}: assigned to you by John Doe`)).toEqual([]);
    ok(await charlie.request('PATCH', '/notification-preferences', { assigned: true }));
  });

  it('mails the participants when a conversation is closed or reopened, not whoever did it, and stops in one click', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const name = unique('Status');
    const { conversation } = await backofficeConversation(john, {
      customerUserId: await customerUserId(john, 'amanda'),
      name,
      ownerId: await backofficeUserId(john, 'Charlie Sheen'),
    });
    ok(await john.post(`/conversations/${conversation.id}/close`));
    const closed = await arrived(emails.amanda, `${name}: closed by John Doe`);
    expect(closed.parsed.text).toContain(`John Doe closed the conversation "${name}".`);
    expect(closed.parsed.text).toContain(`http://localhost:3000/conversations?conversation=${conversation.id}`);
    expect((await queued(`${name}: closed by John Doe`)).map((m) => m.to).sort()).toEqual([emails.amanda, emails.charlie].sort());

    // Amanda stops these mails from the link, without signing in
    const path = new URL(closed.header('list-unsubscribe').replace(/^<|>$/g, '')).pathname;
    expect(path).toMatch(/\/c\.\d+\.status_changes\./);
    const done = await h().built.app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(ok(await amanda.get('/notification-preferences')).statusChanges).toBe(false);
    ok(await john.post(`/conversations/${conversation.id}/reopen`));
    await arrived(emails.charlie, `${name}: reopened by John Doe`);
    expect((await queued(`${name}: reopened by John Doe`)).map((m) => m.to)).toEqual([emails.charlie]);
    ok(await amanda.request('PATCH', '/notification-preferences', { statusChanges: true }));
  });
});
