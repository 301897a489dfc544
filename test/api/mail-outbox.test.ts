// The outbox: mails go to a real SMTP server the test starts; a refusal is
// retried with backoff on a clock the test moves and, after the last
// attempt, shown as failed; without PARLEY_SMTP_URL every mail is kept in
// the outbox, which only a back-office Administrator reads.
import { expect, it } from 'vitest';
import type { OutboxMail, OutboxMailDetail, OutboxPage } from '../../src/shared/mail';
import { systemActor } from '../../src/server/kernel/actor';
import { sendMail, type OutgoingMail } from '../../src/server/mail';
import { MAX_ATTEMPTS } from '../../src/server/mail/retries';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { ok, unique } from '../support/fixtures';
import { describeMail, type MailHarness } from '../support/mail';

const mailOf = (subject: string): OutgoingMail => ({
  kind: 'test',
  to: 'someone@example.test',
  subject,
  text: 'Plain words',
  html: '<p>Plain words</p>',
  headers: { 'X-Parley-Test': 'yes' },
});

const queue = (h: MailHarness, mail: OutgoingMail) => sendMail(h.built.runtime.contextFor(systemActor('test')), h.built.mail, mail);

async function outboxEntry(h: MailHarness, subject: string, ok_: (m: OutboxMail) => boolean, what: string) {
  const john = await h.as('john');
  return eventually(
    async () => ok<OutboxPage>(await john.get('/mail/outbox')).items.find((m) => m.subject === subject),
    (m) => m !== undefined && ok_(m),
    what,
  ) as Promise<OutboxMail>;
}

describeMail('mail through SMTP', {}, (h) => {
  it('sends a mail to the SMTP server, in text and HTML, with its headers, and shows it as sent', async () => {
    const subject = unique('Mail');
    await queue(h(), mailOf(subject));
    const arrived = await eventually(
      () => h().sink.received.find((m) => m.parsed.subject === subject),
      (m) => m !== undefined,
      'the mail at the SMTP server',
    );
    expect(arrived!.to).toEqual(['someone@example.test']);
    expect(arrived!.parsed.from?.value[0]).toMatchObject({ name: 'Parley', address: 'parley@mail.test' });
    expect(arrived!.parsed.text?.trim()).toBe('Plain words');
    expect(arrived!.parsed.html).toContain('<p>Plain words</p>');
    expect(arrived!.header('x-parley-test')).toBe('yes');
    expect(arrived!.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.test>$/);
    const entry = await outboxEntry(h(), subject, (m) => m.state === 'sent', 'sent');
    expect(entry).toMatchObject({ to: 'someone@example.test', attempts: 1, lastError: null, kind: 'test' });
  });

  it('tries a refused mail again with backoff, and sends it once the server takes it', async () => {
    const subject = unique('Retry');
    h().sink.refuse(1);
    await queue(h(), mailOf(subject));
    const refused = await outboxEntry(h(), subject, (m) => m.attempts === 1, 'the first attempt');
    expect(refused.state).toBe('pending');
    expect(refused.lastError).toContain('451');
    // not before its time
    await new Promise((r) => setTimeout(r, 200));
    expect(h().sink.received.some((m) => m.parsed.subject === subject)).toBe(false);
    h().clock.advance(31_000);
    await outboxEntry(h(), subject, (m) => m.state === 'sent' && m.attempts === 2, 'sent on the second attempt');
    expect(h().sink.received.filter((m) => m.parsed.subject === subject)).toHaveLength(1);
  });

  it(`gives a mail up after ${MAX_ATTEMPTS} refusals and shows it as failed, with the reason`, async () => {
    const subject = unique('Refused');
    h().sink.refuse(MAX_ATTEMPTS, 550);
    await queue(h(), mailOf(subject));
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await outboxEntry(h(), subject, (m) => m.attempts === attempt, `attempt ${attempt}`);
      h().clock.advance(60 * 60_000 + 1000);
    }
    const failed = await outboxEntry(h(), subject, (m) => m.state === 'failed', 'failed');
    expect(failed.attempts).toBe(MAX_ATTEMPTS);
    expect(failed.lastError).toContain('550');
    expect(h().sink.received.some((m) => m.parsed.subject === subject)).toBe(false);
  });
});

describeMail('mail without SMTP', { smtp: false }, (h) => {
  it('keeps every mail in the outbox, which an Administrator reads in full', async () => {
    const subject = unique('Kept');
    await queue(h(), mailOf(subject));
    const entry = await outboxEntry(h(), subject, (m) => m.state === 'kept', 'kept');
    const john = await h().as('john');
    const detail = ok<OutboxMailDetail>(await john.get(`/mail/outbox/${entry.id}`));
    expect(detail).toMatchObject({ subject, text: 'Plain words', html: '<p>Plain words</p>', headers: { 'X-Parley-Test': 'yes' } });
    expect(h().sink.received).toHaveLength(0);
  });

  it('shows the outbox to back-office Administrators only', async () => {
    const charlie = await h().as('charlie');
    expectError(await charlie.get('/mail/outbox'), 403, 'FORBIDDEN');
    expectError(await charlie.get('/mail/outbox/1'), 403, 'FORBIDDEN');
    const amanda = await h().as('amanda');
    expectError(await h().built.app.inject({ url: '/admin/api/mail/outbox', headers: { cookie: amanda.cookie } }), 401, 'UNAUTHENTICATED');
    expectError(await (await h().as('john')).get('/mail/outbox/2147483647'), 404, 'NOT_FOUND');
  });
});
