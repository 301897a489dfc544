// PARLEY_NOTIFICATIONS=off: no notification and no change mail (a store that
// mails its customers itself), while password links still go; the consumers
// move past the events all the same, so turning notifications on again mails
// what is posted from then on, not what was posted while they were off.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { emails, signIn } from '../support/api';
import { eventually } from '../support/eventually';
import { backofficeConversation, customerUserId, ok, unique } from '../support/fixtures';
import { describeMail, mailsFor, type MailHarness } from '../support/mail';

const TOKEN = 'metrics-token-for-tests-0123456789';
const DELAY_MS = 120_000;

/** Until both notification consumers have passed every stored event (their lag on /metrics is 0). */
async function caughtUp(app: FastifyInstance) {
  await eventually(
    async () => (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body,
    (text) =>
      /parley_consumer_lag_events\{consumer="notifications.schedule"\} 0\b/.test(text) &&
      /parley_consumer_lag_events\{consumer="notifications.changes"\} 0\b/.test(text),
    'the notification consumers to catch up',
  );
}

/** A conversation John starts with Amanda and closes: a notification and a "closed" mail for her, were notifications on. */
async function startAndClose(h: MailHarness, app: FastifyInstance, name: string) {
  const john = await signIn(app, 'john');
  const { conversation } = await backofficeConversation(john, {
    customerUserId: await customerUserId(john, 'amanda'),
    name,
    message: 'Your order ships tomorrow.',
  });
  ok(await john.post(`/conversations/${conversation.id}/close`));
  await caughtUp(app);
  h.clock.advance(DELAY_MS + 1000);
}

describeMail('notifications turned off', { env: { PARLEY_NOTIFICATIONS: 'off', PARLEY_METRICS_TOKEN: TOKEN } }, (h) => {
  it('mails no notification and no change, but still the password link', async () => {
    const name = unique('Quiet');
    await startAndClose(h(), h().built.app, name);
    const forgot = await h().built.app.inject({ method: 'POST', url: '/api/password/forgot', payload: { email: emails.amanda } });
    expect(forgot.statusCode).toBe(202);
    // the mail worker runs (the reset arrives), and has nothing else for Amanda
    await eventually(
      () => mailsFor(h().sink, emails.amanda, 'Reset your Parley password'),
      (m) => m.length === 1,
      'the reset mail',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsFor(h().sink, emails.amanda, name)).toEqual([]);
  });

  it('turned on again, mails what happens from then on and not what happened while off', async () => {
    const before = unique('While off');
    await startAndClose(h(), h().built.app, before);
    await h().built.app.close();

    const on = await h().anotherInstance({ PARLEY_NOTIFICATIONS: 'on' });
    const after = unique('Back on');
    await startAndClose(h(), on.app, after);
    const arrived = await eventually(
      () => mailsFor(h().sink, emails.amanda, after),
      (m) => m.length === 2,
      'the notification and the "closed" mail',
    );
    expect(arrived.map((m) => m.parsed.subject).sort()).toEqual([`${after}: a new message`, `${after}: closed by John Doe`]);
    expect(mailsFor(h().sink, emails.amanda, before)).toEqual([]);
  });
});
