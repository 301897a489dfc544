// Set-password and reset links go by mail: with an SMTP server (one the test
// starts) the invitation, a staff reset and a customer's "Forgot your
// password?" each arrive as a mail whose link works, and the API no longer
// answers the link itself.
import { expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';
import { eventually } from '../support/eventually';
import { ok, unique } from '../support/fixtures';
import { describeMail, mailsFor, type MailHarness } from '../support/mail';

const PASSWORD = 'a-long-new-password';

/** The one mail to `to` with this subject, once it has arrived, and the path of its link. */
async function linkMailed(h: MailHarness, to: string, subject: string) {
  const [mail] = await eventually(
    () => mailsFor(h.sink, to, subject),
    (m) => m.length === 1,
    `the mail "${subject}" to ${to}`,
  );
  const url = /http:\/\/localhost:3000(\/(?:admin\/set-password|reset-password)\?token=[\w-]+)/.exec(mail!.parsed.text ?? '');
  expect(mail!.parsed.html).toContain(`href="${url![0]}"`);
  expect(mail!.header('auto-submitted')).toBe('auto-generated');
  return { mail: mail!, path: url![1]!, token: new URL(url![1]!, 'http://x').searchParams.get('token')! };
}

describeMail('password links by mail', {}, (h) => {
  const inject = (method: 'POST', url: string, payload: object) => h().built.app.inject({ method, url, payload });

  it('mails an invitation whose link sets the password, and does not answer the link', async () => {
    const john = await h().as('john');
    const email = `${unique('sam').replace(' ', '-')}@parley.example`.toLowerCase();
    const made = ok(await john.post('/staff', { email, firstName: 'Sam', lastName: 'Jones', role: 'sales_manager' }), 201);
    expect(made.link).toEqual({ expiresAt: expect.any(String), delivered: true });
    const { mail, path, token } = await linkMailed(h(), email, 'You are invited to Parley');
    expect(path).toMatch(/^\/admin\/set-password\?token=/);
    expect(mail.parsed.text).toContain('Hello Sam,');
    expect((await inject('POST', '/admin/api/password/reset', { token, password: PASSWORD })).statusCode).toBe(204);
    expect((await inject('POST', '/admin/api/session', { email, password: PASSWORD })).statusCode).toBe(200);
    // a staff reset goes the same way
    const reset = ok(await john.post(`/staff/${made.user.id}/password-reset`), 201);
    expect(reset).toEqual({ expiresAt: expect.any(String), delivered: true });
    await linkMailed(h(), email, 'Reset your Parley password');
  });

  it('mails a customer who forgot their password a reset link that works, and says it was sent', async () => {
    const forgot = await inject('POST', '/api/password/forgot', { email: 'AMANDA@acme.example' });
    expect(forgot.statusCode).toBe(202);
    expect(forgot.json()).toEqual({ delivered: true });
    const { path, token } = await linkMailed(h(), 'amanda@acme.example', 'Reset your Parley password');
    expect(path).toMatch(/^\/reset-password\?token=/);
    expect((await inject('POST', '/api/password/reset', { token, password: PASSWORD })).statusCode).toBe(204);
    expect((await inject('POST', '/api/session', { email: 'amanda@acme.example', password: DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await inject('POST', '/api/session', { email: 'amanda@acme.example', password: PASSWORD })).statusCode).toBe(200);
  });
});
