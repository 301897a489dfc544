// Webhooks against a real receiver on 127.0.0.1 that checks every delivery
// with the standardwebhooks package, as the README tells integrators to:
// what is sent and how it is signed, both signatures during a rotation,
// retries after a 500 and after a timeout on a clock the test moves, order
// per conversation while another lane and a slow endpoint fail, the
// disabling at the end of the 24-hour window, Redeliver, Send test event,
// event-type filtering, private URLs and who may manage endpoints.
import { expect, it } from 'vitest';
import type { WebhookEndpoint } from '../../src/shared/webhooks';
import { FIRST_RETRY_MS, RETRY_WINDOW_MS } from '../../src/server/webhooks/retries';
import type { Agent } from '../support/api';
import { expectError } from '../support/errors';
import { eventually, waitFor } from '../support/eventually';
import { customerUserId, newConversation, ok, postMessage, backofficeConversation } from '../support/fixtures';
import { verified, type Delivery } from '../support/webhook-receiver';
import { deliveryLog, describeWebhooks, logUntil, newEndpoint } from '../support/webhooks';

/** Every route of one endpoint, for the refusals. */
const endpointRoutes = (id: number, deliveryId: number) =>
  [
    ['GET', `/webhooks/${id}`],
    ['PATCH', `/webhooks/${id}`],
    ['DELETE', `/webhooks/${id}`],
    ['GET', `/webhooks/${id}/secret`],
    ['POST', `/webhooks/${id}/secret/rotate`],
    ['GET', `/webhooks/${id}/deliveries`],
    ['POST', `/webhooks/${id}/deliveries/${deliveryId}/redeliver`],
    ['POST', `/webhooks/${id}/test`],
  ] as const;
const callRoute = (agent: Agent, method: string, url: string) =>
  agent.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
const WINDOW_HOURS = RETRY_WINDOW_MS / 3_600_000;
const bodyOf = (d: Delivery) => JSON.parse(d.body) as { type: string; timestamp: string; data: { message: { body: string; seq: number } } };

describeWebhooks('webhooks', { PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true', PARLEY_WEBHOOKS_TIMEOUT_MS: '300' }, (h) => {
  it('delivers each event as {type, timestamp, data} with the Standard Webhooks headers, verified by standardwebhooks', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver } = h();
    const { endpoint, secret, path } = await newEndpoint(john, receiver, ['conversation.created', 'message.created']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.answer(path, () => ({ status: 200, body: 'x'.repeat(3000) }));

    const { conversation, message } = await newConversation(amanda, { message: 'Where is my order?' });
    const arrived = await eventually(
      () => receiver.received(path),
      (r) => r.length === 2,
      'both events',
    );
    const [created, posted] = arrived.map((d) => ({ delivery: d, payload: verified(d, secret) }));
    expect(created!.payload).toEqual({
      type: 'conversation.created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { conversationId: conversation.id, name: conversation.name },
    });
    expect(posted!.payload).toMatchObject({ type: 'message.created', data: { message: { id: message.id, body: 'Where is my order?' } } });
    for (const { delivery } of [created!, posted!]) {
      expect(delivery.headers['webhook-id']).toMatch(/^\d+$/);
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - h().clock.now() / 1000)).toBeLessThan(30);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    expect(Number(created!.delivery.headers['webhook-id'])).toBeLessThan(Number(posted!.delivery.headers['webhook-id']));
    // another secret does not verify it
    expect(() => verified(posted!.delivery, 'whsec_' + Buffer.alloc(32, 1).toString('base64'))).toThrow('No matching signature found');

    const log = await logUntil(john, endpoint.id, (l) => l.length === 2 && l.every((d) => d.state === 'delivered'), 'the log');
    expect(log.map((d) => d.eventType)).toEqual(['message.created', 'conversation.created']);
    const attempt = log[0]!.attempts[0]!;
    expect(log[0]!.attempts).toHaveLength(1);
    expect(attempt).toMatchObject({ status: 200, ok: true, error: null, response: 'x'.repeat(2048) });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    expect(log[0]!.messageId).toBe(posted!.delivery.headers['webhook-id']);

    const listed = ok<{ items: WebhookEndpoint[] }>(await john.get('/webhooks')).items.find((e) => e.id === endpoint.id);
    expect(listed?.lastDelivery).toMatchObject({ state: 'delivered', status: 200, eventType: 'message.created' });
  });

  it('sends an endpoint only the event types it chose', async () => {
    const john = await h().as('john');
    const { receiver } = h();
    const amandaId = await customerUserId(john, 'amanda');
    const messages = await newEndpoint(john, receiver, ['message.created']);
    const closes = await newEndpoint(john, receiver, ['conversation.status_changed']);

    const { conversation } = await backofficeConversation(john, { customerUserId: amandaId, message: 'Hello Amanda' });
    await postMessage(john, conversation.id, 'A second message');
    await eventually(
      () => receiver.received(messages.path),
      (r) => r.length === 2,
      'the messages',
    );
    ok(await john.post(`/conversations/${conversation.id}/close`));
    const [closed] = await eventually(
      () => receiver.received(closes.path),
      (r) => r.length === 1,
      'the status change',
    );
    expect(verified(closed!, closes.secret)).toMatchObject({
      type: 'conversation.status_changed',
      data: { conversationId: conversation.id, to: 'closed' },
    });
    // the close's system message came after: the messages endpoint has it, the status endpoint got nothing else
    await eventually(
      () => receiver.received(messages.path),
      (r) => r.length === 3,
      'the system message',
    );
    expect(receiver.received(messages.path).map((d) => verified(d, messages.secret).type)).toEqual([
      'message.created',
      'message.created',
      'message.created',
    ]);
    expect((await deliveryLog(john, closes.endpoint.id)).map((d) => d.eventType)).toEqual(['conversation.status_changed']);
  });

  it('retries after a 500 with the same webhook-id, once the backoff has passed on the clock', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver, clock } = h();
    const { endpoint, secret, path } = await newEndpoint(john, receiver, ['conversation.created']);
    receiver.answer(path, (n) => (n === 0 ? { status: 500, body: 'try later' } : { status: 204 }));

    await newConversation(amanda);
    const [failed] = await logUntil(john, endpoint.id, (l) => l[0]?.attempts.length === 1, 'the first attempt');
    expect(failed).toMatchObject({ state: 'pending', attempts: [{ status: 500, ok: false, response: 'try later', error: 'HTTP 500' }] });
    expect(Date.parse(failed!.nextAttemptAt!) - Date.parse(failed!.attempts[0]!.at)).toBeGreaterThanOrEqual(FIRST_RETRY_MS / 2);
    expect(receiver.received(path)).toHaveLength(1);

    clock.advance(FIRST_RETRY_MS);
    const [delivered] = await logUntil(john, endpoint.id, (l) => l[0]?.state === 'delivered', 'the retry');
    expect(delivered!.attempts.map((a) => a.status)).toEqual([500, 204]);
    const [first, second] = receiver.received(path);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThan(Number(first!.headers['webhook-timestamp']));
    expect(second!.body).toBe(first!.body);
    for (const d of [first!, second!]) expect(verified(d, secret).type).toBe('conversation.created');
  });

  it('retries after a timeout (PARLEY_WEBHOOKS_TIMEOUT_MS)', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver, clock } = h();
    const { endpoint, secret, path } = await newEndpoint(john, receiver, ['conversation.created']);
    receiver.answer(path, (n) => (n === 0 ? 'hang' : { status: 200 }));

    await newConversation(amanda);
    const [timedOut] = await logUntil(john, endpoint.id, (l) => l[0]?.attempts.length === 1, 'the first attempt');
    expect(timedOut!.attempts[0]).toMatchObject({ status: null, ok: false, error: expect.stringContaining('Timed out after 300 ms') });
    expect(timedOut!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(290);

    clock.advance(FIRST_RETRY_MS);
    const [delivered] = await logUntil(john, endpoint.id, (l) => l[0]?.state === 'delivered', 'the retry');
    expect(delivered!.attempts.map((a) => a.status)).toEqual([null, 200]);
    expect(receiver.received(path).map((d) => verified(d, secret).type)).toEqual(['conversation.created', 'conversation.created']);
  });

  it("keeps each conversation's order: a failing delivery holds up its own conversation, not another one, another endpoint or the posts", async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver, clock } = h();
    const ordered = await newEndpoint(john, receiver, ['message.created']);
    const slow = await newEndpoint(john, receiver, ['message.created']);
    receiver.answer(slow.path, () => 'hang');
    const a = await newConversation(amanda, { message: 'a1' });
    const b = await newConversation(amanda, { message: 'b1' });
    // a2 fails once: a3…a5 wait behind it, b goes on
    let failedOnce = false;
    receiver.answer(ordered.path, (_n, d) => {
      if (bodyOf(d).data.message.body !== 'a2' || failedOnce) return { status: 200 };
      failedOnce = true;
      return { status: 503 };
    });

    const started = Date.now();
    for (const text of ['a2', 'a3', 'a4', 'a5']) await postMessage(amanda, a.conversation.id, text);
    for (const text of ['b2', 'b3']) await postMessage(amanda, b.conversation.id, text);
    // a slow endpoint costs the posts nothing (each attempt there waits out the 300 ms timeout)
    expect(Date.now() - started).toBeLessThan(3_000);

    const bodies = () => receiver.received(ordered.path).map((d) => bodyOf(d).data.message.body);
    await waitFor(() => ['b1', 'b2', 'b3', 'a1', 'a2'].every((t) => bodies().includes(t)), 10_000, 'b, and a up to the failing a2');
    await logUntil(john, ordered.endpoint.id, (l) => l.some((d) => d.attempts[0]?.status === 503), 'the failed attempt logged');
    expect(bodies().filter((t) => t.startsWith('a'))).toEqual(['a1', 'a2']);

    clock.advance(FIRST_RETRY_MS);
    await waitFor(() => bodies().includes('a5'), 10_000, 'a2 again and the rest of a');
    expect(bodies().filter((t) => t.startsWith('a'))).toEqual(['a1', 'a2', 'a2', 'a3', 'a4', 'a5']);
    expect(bodies().filter((t) => t.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    for (const d of receiver.received(ordered.path)) verified(d, ordered.secret);
    // the slow endpoint was tried meanwhile, and timed out
    expect(receiver.received(slow.path).length).toBeGreaterThan(0);
  });

  it('signs with both secrets during a rotation, and with the new one alone once the overlap ends', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver, clock } = h();
    const { endpoint, secret: old, path } = await newEndpoint(john, receiver, ['conversation.created']);

    const rotated = ok(await john.post(`/webhooks/${endpoint.id}/secret/rotate`, { overlapMinutes: 1 }));
    expect(rotated).toEqual({ secret: expect.stringMatching(/^whsec_/), previous: { secret: old, until: expect.any(String) } });
    expect(rotated.secret).not.toBe(old);
    expect(ok(await john.get(`/webhooks/${endpoint.id}/secret`))).toEqual(rotated);

    await newConversation(amanda);
    const [during] = await eventually(
      () => receiver.received(path),
      (r) => r.length === 1,
      'a delivery during the overlap',
    );
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verified(during!, rotated.secret).type).toBe('conversation.created');
    expect(verified(during!, old).type).toBe('conversation.created');

    clock.advance(2 * 60_000);
    expect(ok(await john.get(`/webhooks/${endpoint.id}/secret`))).toEqual({ secret: rotated.secret, previous: null });
    await newConversation(amanda);
    const [, after] = await eventually(
      () => receiver.received(path),
      (r) => r.length === 2,
      'a delivery after the overlap',
    );
    expect(after!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verified(after!, rotated.secret).type).toBe('conversation.created');
    expect(() => verified(after!, old)).toThrow('No matching signature found');
    // the default overlap is a day
    const again = ok(await john.post(`/webhooks/${endpoint.id}/secret/rotate`));
    expect(Date.parse(again.previous.until) - clock.now()).toBeGreaterThan(23.9 * 3_600_000);
  });

  it('redelivers a delivery as a new one with the same webhook-id and body, freshly signed', async () => {
    const john = await h().as('john');
    const amanda = await h().as('amanda');
    const { receiver } = h();
    const { endpoint, secret, path } = await newEndpoint(john, receiver, ['conversation.created']);
    await newConversation(amanda);
    const [original] = await logUntil(john, endpoint.id, (l) => l[0]?.state === 'delivered', 'the first delivery');

    const again = ok(await john.post(`/webhooks/${endpoint.id}/deliveries/${original!.id}/redeliver`), 202);
    expect(again).toMatchObject({
      kind: 'redelivery',
      messageId: original!.messageId,
      eventType: 'conversation.created',
      state: 'pending',
    });
    const [first, second] = await eventually(
      () => receiver.received(path),
      (r) => r.length === 2,
      'the redelivery',
    );
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    expect(verified(second!, secret).type).toBe('conversation.created');
    await logUntil(john, endpoint.id, (l) => l.find((d) => d.id === again.id)?.state === 'delivered', 'the redelivery logged');

    const other = await newEndpoint(john, receiver, ['conversation.created']);
    expectError(await john.post(`/webhooks/${other.endpoint.id}/deliveries/${original!.id}/redeliver`), 404, 'NOT_FOUND');
    expectError(await john.post(`/webhooks/${endpoint.id}/deliveries/999999/redeliver`), 404, 'NOT_FOUND');
  });

  it('sends a test event once, even to an inactive endpoint, and logs it', async () => {
    const john = await h().as('john');
    const { receiver } = h();
    const { endpoint, secret, path } = await newEndpoint(john, receiver, ['message.created'], { active: false });
    expect(endpoint.active).toBe(false);

    const queued = ok(await john.post(`/webhooks/${endpoint.id}/test`), 202);
    expect(queued).toMatchObject({ kind: 'test', eventType: 'webhook.test', messageId: expect.stringMatching(/^test_/) });
    const [test] = await eventually(
      () => receiver.received(path),
      (r) => r.length === 1,
      'the test event',
    );
    expect(verified(test!, secret)).toEqual({
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { endpointId: endpoint.id, message: 'A test event from Parley.' },
    });
    await logUntil(john, endpoint.id, (l) => l[0]?.state === 'delivered', 'the test logged');

    // a failing test is not retried, and disables nothing
    receiver.answer(path, () => ({ status: 500 }));
    ok(await john.request('PATCH', `/webhooks/${endpoint.id}`, { active: true }));
    const failed = ok(await john.post(`/webhooks/${endpoint.id}/test`), 202);
    await logUntil(john, endpoint.id, (l) => l.find((d) => d.id === failed.id)?.state === 'failed', 'the failed test');
    expect(ok<WebhookEndpoint>(await john.get(`/webhooks/${endpoint.id}`))).toMatchObject({ active: true, disabledReason: null });
  });

  it('manages endpoints: edit, deactivate, delete; unknown ids answer NOT_FOUND', async () => {
    const john = await h().as('john');
    const { receiver } = h();
    const { endpoint } = await newEndpoint(john, receiver, ['message.created'], { description: 'CRM' });
    expect(endpoint).toMatchObject({
      description: 'CRM',
      eventTypes: ['message.created'],
      active: true,
      includeStaffOnly: false,
      disabledReason: null,
    });
    const edited = ok(
      await john.request('PATCH', `/webhooks/${endpoint.id}`, { eventTypes: ['conversation.created', 'message.created'], active: false }),
    );
    expect(edited).toMatchObject({ eventTypes: ['conversation.created', 'message.created'], active: false });
    expectError(await john.request('PATCH', `/webhooks/${endpoint.id}`, { eventTypes: [] }), 400, 'VALIDATION_FAILED', {
      eventTypes: 'Choose at least one event type.',
    });
    expectError(await john.post('/webhooks', { url: receiver.url('x'), eventTypes: ['message.sent'] }), 400, 'VALIDATION_FAILED', {
      'eventTypes.0': 'Choose event types of the catalogue.',
    });
    expectError(
      await john.post('/webhooks', { url: 'ftp://example.com/hook', eventTypes: ['message.created'] }),
      400,
      'VALIDATION_FAILED',
      {
        url: 'Enter an http:// or https:// URL.',
      },
    );
    expect((await john.request('DELETE', `/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    for (const [method, url] of endpointRoutes(endpoint.id, 1))
      expectError(await callRoute(john, method, url), 404, 'NOT_FOUND', undefined, `${method} ${url}`);
  });
});

describeWebhooks(
  'webhooks at the end of the retry window',
  { PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true', PARLEY_WEBHOOKS_TIMEOUT_MS: '300' },
  (h) => {
    it(`disables an endpoint whose deliveries failed for ${WINDOW_HOURS} hours on the clock, says why, and sends it nothing more`, async () => {
      const john = await h().as('john');
      const amanda = await h().as('amanda');
      const { receiver, clock } = h();
      const failing = await newEndpoint(john, receiver, ['conversation.created']);
      const witness = await newEndpoint(john, receiver, ['conversation.created']);
      receiver.answer(failing.path, () => ({ status: 500 }));

      await newConversation(amanda);
      await logUntil(john, failing.endpoint.id, (l) => l[0]?.attempts.length === 1, 'the first attempt');
      clock.advance(RETRY_WINDOW_MS / 2);
      await logUntil(john, failing.endpoint.id, (l) => l[0]?.attempts.length === 2, 'a retry halfway');
      expect(ok<WebhookEndpoint>(await john.get(`/webhooks/${failing.endpoint.id}`)).active).toBe(true);

      clock.advance(RETRY_WINDOW_MS / 2);
      const [given] = await logUntil(john, failing.endpoint.id, (l) => l[0]?.state === 'failed', 'the delivery given up');
      expect(given!.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
      const disabled = ok<WebhookEndpoint>(await john.get(`/webhooks/${failing.endpoint.id}`));
      expect(disabled).toMatchObject({ active: false, disabledAt: expect.any(String) });
      expect(disabled.disabledReason).toMatch(new RegExp(`failed for ${WINDOW_HOURS} hours \\(last attempt: HTTP 500\\)`));
      const listed = ok<{ items: WebhookEndpoint[] }>(await john.get('/webhooks')).items.find((e) => e.id === failing.endpoint.id);
      expect(listed).toMatchObject({
        active: false,
        disabledReason: disabled.disabledReason,
        lastDelivery: { state: 'failed', status: 500 },
      });

      // the next event reaches the witness, and makes no delivery for the disabled endpoint
      await newConversation(amanda);
      await logUntil(john, witness.endpoint.id, (l) => l.length === 2 && l.every((d) => d.state === 'delivered'), 'the witness');
      expect(await deliveryLog(john, failing.endpoint.id)).toHaveLength(1);
      expect(receiver.received(failing.path)).toHaveLength(3);

      // active again: the reason is history
      const again = ok<WebhookEndpoint>(await john.request('PATCH', `/webhooks/${failing.endpoint.id}`, { active: true }));
      expect(again).toMatchObject({ active: true, disabledReason: null, disabledAt: null });
    });
  },
);

describeWebhooks('webhook endpoints without private addresses', {}, (h) => {
  it('refuses URLs that resolve to private, loopback or link-local addresses, with the reason in fields.url', async () => {
    const john = await h().as('john');
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest',
      'https://10.0.0.7/x',
      'http://[fe80::1]/',
    ])
      expectError(
        await john.post('/webhooks', { url, eventTypes: ['message.created'] }),
        400,
        'VALIDATION_FAILED',
        { url: expect.stringContaining('private, loopback or link-local') },
        url,
      );
    expectError(
      await john.post('/webhooks', { url: 'http://no-such-host.invalid/hook', eventTypes: ['message.created'] }),
      400,
      'VALIDATION_FAILED',
      {
        url: 'The host no-such-host.invalid does not resolve.',
      },
    );
  });

  it('lets only Administrators manage webhooks: a Sales Manager gets FORBIDDEN, a customer no such route', async () => {
    const charlie = await h().as('charlie');
    const amanda = await h().as('amanda');
    expectError(await charlie.get('/webhooks'), 403, 'FORBIDDEN');
    expectError(await charlie.post('/webhooks', { url: 'https://example.com/hook', eventTypes: ['message.created'] }), 403, 'FORBIDDEN');
    for (const [method, url] of endpointRoutes(1, 1))
      expectError(await callRoute(charlie, method, url), 403, 'FORBIDDEN', undefined, `${method} ${url}`);
    expectError(await amanda.get('/webhooks'), 404, 'NOT_FOUND');
    const anonymous = await h().built.app.inject({ method: 'GET', url: '/admin/api/webhooks' });
    expectError(anonymous, 401, 'UNAUTHENTICATED');
  });
});
