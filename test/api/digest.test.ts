// The daily digest, through a real SMTP server the test starts, on a clock
// the test moves: whoever chose it gets one mail a day listing the
// conversations they may see with activity since their last digest (a
// customer Administrator: their company's, sub-customers' included; a
// back-office user: the ones they take part in); no activity, no mail.
import { expect, it } from 'vitest';
import { emails } from '../support/api';
import { eventually } from '../support/eventually';
import { backofficeConversation, backofficeUserId, customerUserId, ok, postMessage, unique } from '../support/fixtures';
import { describeMail, mailsFor } from '../support/mail';

const DAY_MS = 24 * 3_600_000;
const settle = () => new Promise((r) => setTimeout(r, 400));

// from midnight UTC on, so that the test does not depend on the hour it runs at
describeMail('the daily digest', { env: { PARLEY_DIGEST_HOUR: '0' } }, (h) => {
  const digests = (to: string) => mailsFor(h().sink, to, 'Your daily digest');
  const digestsArrive = (to: string, n: number) =>
    eventually(
      () => digests(to),
      (m) => m.length === n,
      `${n} digest(s) for ${to}`,
    );

  it('lists once a day what each reader may see, with links, and nothing for a day without activity', async () => {
    const john = await h().as('john');
    const charlie = await h().as('charlie');
    const marlene = await h().as('marlene');
    ok(await marlene.request('PATCH', '/notification-preferences', { newMessages: 'digest' }));
    ok(await charlie.request('PATCH', '/notification-preferences', { newMessages: 'digest' }));
    const westName = unique('Acme West question');
    const globexName = unique('Globex question');
    const { conversation: west } = await backofficeConversation(charlie, {
      customerUserId: await customerUserId(john, 'ruth'),
      name: westName,
      message: 'Your **order** ships tomorrow.',
    });
    await backofficeConversation(john, {
      customerUserId: await customerUserId(john, 'nancy'),
      name: globexName,
      ownerId: await backofficeUserId(john, 'John Doe'),
      message: 'Hello Globex',
    });

    // today's digest (if the sender came by after the posts) or tomorrow's: one, either way
    h().clock.advance(DAY_MS);
    const [forMarlene] = await digestsArrive(emails.marlene, 1);
    const text = forMarlene!.parsed.text!;
    expect(forMarlene!.parsed.subject).toBe('Your daily digest: 1 conversation');
    expect(text).toContain(`* ${westName}`);
    expect(text).toContain('Charlie Sheen: Your **order** ships tomorrow.');
    expect(text).toContain(`http://localhost:3000/conversations?conversation=${west.id}`);
    expect(text).not.toContain(globexName);
    expect(forMarlene!.parsed.html).toContain(`<strong>${westName}</strong>`);
    expect(forMarlene!.header('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\/c\.\d+\.new_messages\./);
    expect(forMarlene!.header('auto-submitted')).toBe('auto-generated');

    const [forCharlie] = await digestsArrive(emails.charlie, 1);
    expect(forCharlie!.parsed.text).toContain(`http://localhost:3000/admin/conversations/${west.id}`);
    expect(forCharlie!.parsed.text).not.toContain(globexName);

    // a day without activity: no mail; the next day with some: one more, with only what is new
    h().clock.advance(DAY_MS);
    await settle();
    expect(digests(emails.marlene)).toHaveLength(1);
    const laterName = unique('Later question');
    await backofficeConversation(charlie, { customerUserId: await customerUserId(john, 'amanda'), name: laterName, message: 'Later' });
    await postMessage(charlie, west.id, 'One more thing');
    h().clock.advance(DAY_MS);
    const [, second] = await digestsArrive(emails.marlene, 2);
    expect(second!.parsed.subject).toBe('Your daily digest: 2 conversations');
    expect(second!.parsed.text).toContain(laterName);
    expect(second!.parsed.text).toContain('Charlie Sheen: One more thing');
    // and never two on one day
    h().clock.advance(3_600_000);
    await settle();
    expect(digests(emails.marlene)).toHaveLength(2);
  });
});
