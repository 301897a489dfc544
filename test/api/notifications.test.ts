// Notifications through a real SMTP server the test starts: one mail per
// participant after the delay (on a clock the test moves), none when read
// meanwhile, several messages merged into one, text and HTML with author,
// time, record and link, the headers that thread, route replies and
// unsubscribe; a restarted sender does not mail twice.
import { expect, it } from 'vitest';
import { emails, kind } from '../support/api';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { backofficeConversation, customerUserId, ok, postMessage, recordId, unique } from '../support/fixtures';
import { describeMail, mailsFor } from '../support/mail';

const DELAY_MS = 120_000;
const settle = () => new Promise((r) => setTimeout(r, 300));

describeMail('notifications', {}, (h) => {
  /** Lets the consumer see what was posted, moves the clock past the delay, and waits for `count` mails to `email` about `name`. */
  const mailedAfterDelay = async (email: string, name: string, count: number, what: string) => {
    await settle();
    h().clock.advance(DELAY_MS + 1000);
    return eventually(
      () => mailsFor(h().sink, email, name),
      (m) => m.length === count,
      what,
    );
  };

  it('mails a customer once the delay has passed: name, record, messages with author and time, link, reply and unsubscribe headers', async () => {
    const charlie = await h().as('charlie');
    const name = unique('Delivery');
    const { conversation } = await backofficeConversation(charlie, {
      customerUserId: await customerUserId(charlie, 'amanda'),
      name,
      recordId: await recordId(charlie, 'SO-1001'),
      message: 'Your order **ships** tomorrow. <img src="https://evil.example/x.png">',
    });
    await settle();
    h().clock.advance(DELAY_MS - 10_000);
    await settle();
    expect(mailsFor(h().sink, emails.amanda, name)).toHaveLength(0);

    h().clock.advance(11_000);
    const [mail] = await eventually(
      () => mailsFor(h().sink, emails.amanda, name),
      (m) => m.length === 1,
      'the notification',
    );
    expect(mail!.parsed.subject).toBe(`${name}: a new message`);
    const text = mail!.parsed.text!;
    expect(text).toContain('## Reply above this line ##');
    expect(text).toContain(`You have a new message in "${name}" (Order SO-1001).`);
    expect(text).toMatch(/Charlie Sheen, \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC:\nYour order \*\*ships\*\* tomorrow\./);
    expect(text).toContain(`http://localhost:3000/conversations?conversation=${conversation.id}`);
    const html = mail!.parsed.html as string;
    expect(html).toContain('Your order <strong>ships</strong> tomorrow.');
    expect(html).toContain('&lt;img src=&quot;https://evil.example/x.png&quot;&gt;');
    expect(html).not.toMatch(/<img/i);
    expect(mail!.header('reply-to')).toMatch(/^reply\+\d+\.\d+\.[0-9a-f]{32}@mail\.test$/);
    expect(mail!.header('in-reply-to')).toBe(`<conversation-${conversation.id}@mail.test>`);
    expect(mail!.header('references')).toBe(`<conversation-${conversation.id}@mail.test>`);
    expect(mail!.header('list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/mail\/unsubscribe\/c\.\d+\.new_messages\.[0-9a-f]{32}>$/);
    expect(mail!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail!.header('auto-submitted')).toBe('auto-generated');
    // Charlie wrote it: nothing for him
    expect(mailsFor(h().sink, emails.charlie, name)).toHaveLength(0);
  });

  it('shows the newest ten messages of a long run in one mail, and says how many came before', async () => {
    const charlie = await h().as('charlie');
    const name = unique('Long run');
    const { conversation } = await backofficeConversation(charlie, {
      customerUserId: await customerUserId(charlie, 'amanda'),
      name,
      message: 'Line 1',
    });
    for (let i = 2; i <= 12; i++) await postMessage(charlie, conversation.id, `Line ${i}`);
    const [mail] = await mailedAfterDelay(emails.amanda, name, 1, "Amanda's mail");
    expect(mail!.parsed.subject).toBe(`${name}: 12 new messages`);
    const text = mail!.parsed.text!;
    expect(text).toContain('2 earlier messages are in the conversation.');
    expect(mail!.parsed.html).toContain('2 earlier messages are in the conversation.');
    expect(text).not.toMatch(/Line 1\n/);
    expect(text).not.toMatch(/Line 2\n/);
    for (let i = 3; i <= 12; i++) expect(text).toContain(`Line ${i}\n`);
    expect(text.indexOf('Line 3\n')).toBeLessThan(text.indexOf('Line 12\n'));
    // the one mail covered all twelve: nothing more comes
    h().clock.advance(DELAY_MS + 1000);
    await settle();
    await settle();
    expect(mailsFor(h().sink, emails.amanda, name)).toHaveLength(1);
  });

  it('merges the messages of one conversation into one mail, and mails staff too', async () => {
    const charlie = await h().as('charlie');
    const amanda = await h().as('amanda');
    const name = unique('Merged');
    const { conversation } = await backofficeConversation(charlie, {
      customerUserId: await customerUserId(charlie, 'amanda'),
      name,
      message: 'First',
    });
    await postMessage(charlie, conversation.id, 'Second');
    await postMessage(charlie, conversation.id, 'Third');
    const [mail] = await mailedAfterDelay(emails.amanda, name, 1, "Amanda's mail");
    expect(mail!.parsed.subject).toBe(`${name}: 3 new messages`);
    const text = mail!.parsed.text!;
    expect(text.indexOf('First')).toBeLessThan(text.indexOf('Second'));
    expect(text.indexOf('Second')).toBeLessThan(text.indexOf('Third'));
    // her answer reads the thread for her, and waits for Charlie
    await postMessage(amanda, conversation.id, 'Thanks, noted');
    const [staff] = await mailedAfterDelay(emails.charlie, name, 1, "Charlie's mail");
    expect(staff!.parsed.text).toContain('Amanda Cole');
    expect(staff!.parsed.text).toContain('Thanks, noted');
    expect(staff!.parsed.text).not.toContain('Third');
    expect(staff!.parsed.text).toContain(`http://localhost:3000/admin/conversations/${conversation.id}`);
    await settle();
    expect(mailsFor(h().sink, emails.amanda, name)).toHaveLength(1);

    // a later message is a new mail with only what is new
    await postMessage(charlie, conversation.id, 'Fourth');
    const both = await mailedAfterDelay(emails.amanda, name, 2, 'the second mail');
    expect(both[1]!.parsed.text).toContain('Fourth');
    expect(both[1]!.parsed.text).not.toContain('Third');
  });

  it('sends nothing to whoever has read the messages before the delay ran out', async () => {
    const charlie = await h().as('charlie');
    const amanda = await h().as('amanda');
    const read = unique('Read');
    const { conversation } = await backofficeConversation(charlie, {
      customerUserId: await customerUserId(charlie, 'amanda'),
      name: read,
      message: 'Seen soon',
    });
    await settle();
    ok(await amanda.post(`/conversations/${conversation.id}/read`, { upToSeq: 1 }));
    // a control conversation, unread, mailed in the same round
    const unread = unique('Unread');
    await backofficeConversation(charlie, { customerUserId: await customerUserId(charlie, 'amanda'), name: unread, message: 'Not seen' });
    await mailedAfterDelay(emails.amanda, unread, 1, 'the control mail');
    await settle();
    expect(mailsFor(h().sink, emails.amanda, read)).toHaveLength(0);
  });
});

describeMail('notifications with two instances', {}, (h) => {
  it.skipIf(kind !== 'postgres')('sends each notification once when two instances share the database', async () => {
    await h().anotherInstance();
    const charlie = await h().as('charlie');
    const amanda = await customerUserId(charlie, 'amanda');
    const prefix = unique('Twice');
    for (let i = 0; i < 12; i++)
      await backofficeConversation(charlie, { customerUserId: amanda, name: `${prefix} #${i}`, message: `Message ${i}` });
    await settle();
    h().clock.advance(DELAY_MS + 1000);
    await eventually(
      () => mailsFor(h().sink, emails.amanda, prefix),
      (m) => m.length >= 12,
      'twelve mails',
    );
    await new Promise((r) => setTimeout(r, 1000));
    const subjects = mailsFor(h().sink, emails.amanda, prefix).map((m) => m.parsed.subject);
    expect(subjects).toHaveLength(12);
    expect(new Set(subjects).size).toBe(12);
  });
});

describeMail('mail preferences and one-click unsubscribe', {}, (h) => {
  it('keeps each user’s preferences on both sides; the digest is for Administrators', async () => {
    const amanda = await h().as('amanda');
    const marlene = await h().as('marlene');
    const charlie = await h().as('charlie');
    expect(ok(await amanda.get('/notification-preferences'))).toEqual({ newMessages: 'delay', assigned: true, statusChanges: true });
    expectError(await amanda.request('PATCH', '/notification-preferences', { newMessages: 'digest' }), 400, 'VALIDATION_FAILED', {
      newMessages: 'The daily digest is for Administrators; choose after a delay or never.',
    });
    expectError(await amanda.request('PATCH', '/notification-preferences', { newMessages: 'weekly' }), 400, 'VALIDATION_FAILED', {
      newMessages: 'Invalid option: expected one of "delay"|"digest"|"never"',
    });
    expect(ok(await marlene.request('PATCH', '/notification-preferences', { newMessages: 'digest' }))).toMatchObject({
      newMessages: 'digest',
    });
    expect(ok(await charlie.request('PATCH', '/notification-preferences', { statusChanges: false }))).toEqual({
      newMessages: 'delay',
      assigned: true,
      statusChanges: false,
    });
    expect(ok(await marlene.get('/notification-preferences'))).toMatchObject({ newMessages: 'digest', statusChanges: true });
    expectError(await h().built.app.inject({ url: '/api/notification-preferences' }), 401, 'UNAUTHENTICATED');
  });

  it('turns new-message mails off in one click from the List-Unsubscribe link, without signing in; a GET changes nothing', async () => {
    const charlie = await h().as('charlie');
    const amanda = await h().as('amanda');
    const amandaId = await customerUserId(charlie, 'amanda');
    const first = unique('Before');
    await backofficeConversation(charlie, { customerUserId: amandaId, name: first, message: 'One' });
    await settle();
    h().clock.advance(DELAY_MS + 1000);
    const [mail] = await eventually(
      () => mailsFor(h().sink, emails.amanda, first),
      (m) => m.length === 1,
      'the first mail',
    );
    const link = mail!.header('list-unsubscribe').replace(/^<|>$/g, '');
    const path = new URL(link).pathname;

    const page = await h().built.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"><button type="submit">Unsubscribe</button></form>');
    expect(ok(await amanda.get('/notification-preferences')).newMessages).toBe('delay');
    const tampered = path.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
    expectError(
      await h().built.app.inject({
        method: 'POST',
        url: tampered,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      404,
      'NOT_FOUND',
    );
    const done = await h().built.app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You will no longer get mails about new messages.');
    expect(ok(await amanda.get('/notification-preferences')).newMessages).toBe('never');

    // the next message mails Nancy (the control) but not Amanda
    const after = unique('After');
    await backofficeConversation(charlie, { customerUserId: amandaId, name: after, message: 'Two' });
    await backofficeConversation(charlie, { customerUserId: await customerUserId(charlie, 'nancy'), name: after, message: 'Two' });
    await settle();
    h().clock.advance(DELAY_MS + 1000);
    await eventually(
      () => mailsFor(h().sink, emails.nancy, after),
      (m) => m.length === 1,
      'the control mail',
    );
    await settle();
    expect(mailsFor(h().sink, emails.amanda, after)).toHaveLength(0);
    ok(await amanda.request('PATCH', '/notification-preferences', { newMessages: 'delay' }));
  });
});
