// Replies by email: the test answers a real notification with Gmail-,
// Outlook- and Apple Mail-style quoted replies (test/fixtures/mail), sent
// into Parley's SMTP listener with nodemailer or posted raw to
// /integration/v1/inbound-email; the answer lands in the thread once, as the
// participant; a tampered token, another sender, a Closed conversation and
// an empty answer are bounced to the sender with the reason; auto-replies
// and loops are dropped without an answer.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import type { InboundOutcome } from '../../src/shared/mail';
import type { Message } from '../../src/shared/api';
import { emails } from '../support/api';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { backofficeConversation, customerUserId, ok, unique } from '../support/fixtures';
import { newStore } from '../support/integration';
import { describeMail, mailsFor, type MailHarness } from '../support/mail';

const DELAY_MS = 120_000;

/** A conversation Charlie started for Amanda, and the reply address of the notification she got. */
async function notified(h: MailHarness) {
  const charlie = await h.as('charlie');
  const name = unique('Delivery');
  const { conversation } = await backofficeConversation(charlie, {
    customerUserId: await customerUserId(charlie, 'amanda'),
    name,
    message: 'When would you like the delivery?',
  });
  await new Promise((r) => setTimeout(r, 300));
  h.clock.advance(DELAY_MS + 1000);
  const [mail] = await eventually(
    () => mailsFor(h.sink, emails.amanda, name),
    (m) => m.length === 1,
    'the notification',
  );
  return { conversation, name, replyTo: mail!.header('reply-to'), thread: mail!.header('references').replace(/[<>]/g, '') };
}

function fixture(file: string, fill: { to: string; from?: string; subject: string; thread: string; messageId?: string }) {
  const messageId = fill.messageId ?? `${randomUUID()}@mail.gmail.example`;
  const raw = fs
    .readFileSync(`test/fixtures/mail/${file}`, 'utf8')
    .replaceAll('{{TO}}', fill.to)
    .replaceAll('{{FROM}}', fill.from ?? emails.amanda)
    .replaceAll('{{SUBJECT}}', fill.subject)
    .replaceAll('{{THREAD}}', fill.thread)
    .replaceAll('{{MESSAGE_ID}}', messageId)
    .replace(/\r?\n/g, '\r\n');
  return { raw, messageId };
}

/** Sends a raw message into Parley's SMTP listener, as an MX would. */
async function smtpDeliver(h: MailHarness, raw: string, from: string, to: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: h.built.inbound!.port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from, to: [to] }, raw });
  } finally {
    transport.close();
  }
}

async function thread(h: MailHarness, conversationId: number) {
  const amanda = await h.as('amanda');
  return ok<{ items: Message[] }>(await amanda.get(`/conversations/${conversationId}/messages`)).items;
}

async function bounceTo(h: MailHarness, to: string, subject: string) {
  const [bounce] = await eventually(
    () => mailsFor(h.sink, to, `Not posted: Re: ${subject}`),
    (m) => m.length === 1,
    'the bounce',
  );
  expect(bounce!.header('auto-submitted')).toBe('auto-replied');
  return bounce!.parsed.text ?? '';
}

describeMail('reply by email', { env: { PARLEY_SMTP_INBOUND_PORT: '0' } }, (h) => {
  it('posts a Gmail-style reply sent into the SMTP listener as the participant, cut above the quote, once however often it arrives', async () => {
    const { conversation, name, replyTo, thread: threadId } = await notified(h());
    const { raw, messageId } = fixture('gmail-reply.eml', { to: replyTo, subject: name, thread: threadId });
    await smtpDeliver(h(), raw, emails.amanda, replyTo);
    const posted = await eventually(
      () => thread(h(), conversation.id),
      (items) => items.length === 2,
      'the reply in the thread',
    );
    expect(posted[1]).toMatchObject({
      body: 'Thanks, Thursday works for us.\n\nAmanda',
      author: { kind: 'customer_user', name: 'Amanda Cole' },
    });

    // the same mail again, by SMTP and by HTTP: nothing more
    await smtpDeliver(h(), raw, emails.amanda, replyTo);
    const john = await h().as('john');
    const store = await newStore(h().built.app, john, ['conversations:write']);
    const again = ok<InboundOutcome>(await store.request('POST', '/inbound-email', raw, { 'content-type': 'message/rfc822' }));
    expect(again).toMatchObject({ outcome: 'duplicate', messageId, conversationId: null });
    expect(await thread(h(), conversation.id)).toHaveLength(2);
  });

  it('posts Outlook- and Apple Mail-style replies through the HTTP route, keeping their attachments', async () => {
    const { conversation, name, replyTo, thread: threadId } = await notified(h());
    const store = await newStore(h().built.app, await h().as('john'), ['conversations:write']);
    const send = (raw: string) => store.request('POST', '/inbound-email', raw, { 'content-type': 'message/rfc822' });

    const outlook = fixture('outlook-reply.eml', { to: replyTo, subject: name, thread: threadId });
    expect(ok<InboundOutcome>(await send(outlook.raw))).toMatchObject({ outcome: 'posted', conversationId: conversation.id });
    const apple = fixture('apple-mail-reply.eml', { to: replyTo, subject: name, thread: threadId });
    expect(ok<InboundOutcome>(await send(apple.raw))).toMatchObject({ outcome: 'posted', conversationId: conversation.id });
    const items = await thread(h(), conversation.id);
    expect(items.map((m) => m.body).slice(1)).toEqual([
      // the signature goes with the quote
      'Please send the invoice with the delivery.',
      'Could you ship to the Acme West warehouse instead?',
    ]);
    // the PDF is kept, checked like an upload
    expect(items[1]!.attachments).toEqual([expect.objectContaining({ name: 'PO-7781.pdf', contentType: 'application/pdf', size: 78 })]);

    // a token needs the conversations:write scope
    const reader = await newStore(h().built.app, await h().as('john'), ['conversations:read']);
    expectError(await reader.request('POST', '/inbound-email', apple.raw, { 'content-type': 'message/rfc822' }), 403, 'FORBIDDEN');
  });

  it('bounces a tampered token, another sender and an empty answer, saying why, and posts nothing', async () => {
    const { conversation, name, replyTo, thread: threadId } = await notified(h());
    const tampered = replyTo.replace(/\.([0-9a-f])/, (_m, c: string) => `.${c === '0' ? '1' : '0'}`);
    await smtpDeliver(h(), fixture('apple-mail-reply.eml', { to: tampered, subject: name, thread: threadId }).raw, emails.amanda, tampered);
    expect(await bounceTo(h(), emails.amanda, name)).toContain('not one Parley gave out');

    const nancyName = `${name} (Nancy)`;
    const fromNancy = fixture('apple-mail-reply.eml', { to: replyTo, from: emails.nancy, subject: nancyName, thread: threadId });
    await smtpDeliver(h(), fromNancy.raw, emails.nancy, replyTo);
    expect(await bounceTo(h(), emails.nancy, nancyName)).toContain(`Send it from ${emails.amanda}`);

    const emptyName = `${name} (empty)`;
    const empty = fixture('gmail-reply.eml', { to: replyTo, subject: emptyName, thread: threadId });
    await smtpDeliver(h(), empty.raw.replace('Thanks, Thursday works for us.\r\n\r\nAmanda\r\n', ''), emails.amanda, replyTo);
    expect(await bounceTo(h(), emails.amanda, emptyName)).toContain('Nothing was left of your mail');
    expect(await thread(h(), conversation.id)).toHaveLength(1);
  });

  it('bounces a reply to a Closed conversation with a link to ask a new question', async () => {
    const { conversation, name, replyTo, thread: threadId } = await notified(h());
    ok(await (await h().as('charlie')).post(`/conversations/${conversation.id}/close`));
    await smtpDeliver(h(), fixture('gmail-reply.eml', { to: replyTo, subject: name, thread: threadId }).raw, emails.amanda, replyTo);
    const text = await bounceTo(h(), emails.amanda, name);
    expect(text).toContain(`The conversation "${name}" is closed`);
    expect(text).toContain('http://localhost:3000/conversations');
  });

  it('drops auto-replies and its own mails coming back without posting or answering them', async () => {
    const { conversation, name, replyTo, thread: threadId } = await notified(h());
    const store = await newStore(h().built.app, await h().as('john'), ['conversations:write']);
    const send = (raw: string) => store.request('POST', '/inbound-email', raw, { 'content-type': 'message/rfc822' });
    const base = fixture('apple-mail-reply.eml', { to: replyTo, subject: name, thread: threadId }).raw;
    for (const [header, reason] of [
      ['Auto-Submitted: auto-replied', 'Auto-Submitted'],
      ['Precedence: bulk', 'Precedence'],
      ['X-Autoreply: yes', 'x-autoreply'],
    ] as const) {
      const raw = `${header}\r\n${base.replace(/Message-Id: <[^>]+>/, `Message-Id: <${randomUUID()}@x.example>`)}`;
      const outcome = ok<InboundOutcome>(await send(raw));
      expect(outcome.outcome).toBe('ignored');
      expect(outcome.reason).toContain(reason);
    }
    // a notification of ours, sent back by a forwarding robot that dropped its Auto-Submitted
    const ours = h().sink.received.find((m) => m.parsed.subject?.startsWith(name))!;
    const forwarded = ours.raw
      .replace(/^Auto-Submitted: .*\r?\n/im, '')
      .replace(/^To: .*$/m, `To: ${replyTo}`)
      .replace(/^From: .*$/m, `From: ${emails.amanda}`);
    const loop = ok<InboundOutcome>(await send(forwarded));
    expect(loop).toMatchObject({ outcome: 'ignored', reason: 'one of our own mails came back' });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsFor(h().sink, emails.amanda, `Not posted: Re: ${name}`)).toHaveLength(0);
    expect(await thread(h(), conversation.id)).toHaveLength(1);
  });
});
