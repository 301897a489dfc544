// What the columns cannot hold is refused at the door, alike on SQLite and
// PostgreSQL, as 400 VALIDATION_FAILED naming the field: numbers past
// PostgreSQL's integer, ids that are not plain decimal digits, NUL and lone
// surrogates in any text, and dates that are not on the calendar.
import { beforeAll, expect, it } from 'vitest';
import { BAD_CHARACTERS } from '../../src/shared/input';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { customerUserId, newConversation, ok, recordId, unique } from '../support/fixtures';

const OVER = '2147483648';
const ID = 'Use a whole number from 1 to 2147483647.';
const DATE = 'Use a date such as 2026-11-27.';

describeApi('input bounds', (h) => {
  let amanda: Agent, john: Agent;
  let amandaId: number, conversationId: number, so1001: number;
  beforeAll(async () => {
    [amanda, john] = await Promise.all([h().as('amanda'), h().as('john')]);
    [amandaId, so1001] = await Promise.all([customerUserId(john, 'amanda'), recordId(john, 'SO-1001')]);
    conversationId = (await newConversation(amanda)).conversation.id;
  });

  it('refuses any id, filter, cursor or body number above 2,147,483,647, naming the field', async () => {
    const cursor = Buffer.from(`2026-01-01T00:00:00.000Z|${OVER}`).toString('base64url');
    const cases: [Agent, string, string, unknown, Record<string, unknown>][] = [
      [amanda, 'GET', `/conversations/${OVER}`, undefined, { id: ID }],
      [amanda, 'GET', `/conversations?recordId=${OVER}`, undefined, { recordId: ID }],
      [amanda, 'GET', `/conversations?cursor=${cursor}`, undefined, { cursor: expect.any(String) }],
      [
        amanda,
        'GET',
        `/conversations/${conversationId}/messages?after=${OVER}`,
        undefined,
        { after: 'Use a whole number from 0 to 2147483647.' },
      ],
      [amanda, 'GET', `/conversations/${conversationId}/messages?before=${OVER}`, undefined, { before: ID }],
      [amanda, 'GET', `/orders/${OVER}`, undefined, { id: ID }],
      [amanda, 'GET', `/orders/${OVER}/conversations`, undefined, { id: ID }],
      [amanda, 'POST', '/conversations', { subject: 'x', message: 'y', recordId: Number(OVER) }, { recordId: ID }],
      [
        amanda,
        'POST',
        `/conversations/${conversationId}/read`,
        { upToSeq: Number(OVER) },
        { upToSeq: 'Use a whole number from 0 to 2147483647.' },
      ],
      [john, 'GET', `/conversations/${OVER}`, undefined, { id: ID }],
      [john, 'GET', `/conversations?recordId=${OVER}`, undefined, { recordId: ID }],
      [john, 'GET', `/conversations?owner=${OVER}`, undefined, { owner: expect.any(String) }],
      [john, 'GET', `/conversations?customerUserId=${OVER}`, undefined, { customerUserId: ID }],
      [john, 'GET', `/conversations?messagesMin=${OVER}`, undefined, { messagesMin: 'Use a whole number from 0 to 2147483647.' }],
      [john, 'GET', `/conversations?page=${OVER}`, undefined, { page: ID }],
      [john, 'GET', `/customer-users/${OVER}`, undefined, { id: ID }],
      [john, 'GET', `/records?customerId=${OVER}`, undefined, { customerId: ID }],
      [john, 'GET', `/records?offset=${OVER}`, undefined, { offset: 'Use a whole number from 0 to 2147483647.' }],
      [john, 'POST', '/conversations', { name: 'x', customerUserId: Number(OVER) }, { customerUserId: ID }],
      [john, 'POST', '/conversations', { name: 'x', customerUserId: amandaId, ownerId: Number(OVER) }, { ownerId: ID }],
      [john, 'PATCH', `/conversations/${conversationId}`, { ownerId: Number(OVER) }, { ownerId: ID }],
      [john, 'POST', '/conversations/delete', { ids: [1, Number(OVER)] }, { 'ids.1': ID }],
      [
        john,
        'POST',
        `/conversations/${conversationId}/messages`,
        { body: 'x', onBehalfOfParticipantId: Number(OVER) },
        { onBehalfOfParticipantId: ID },
      ],
    ];
    for (const [who, method, url, body, fields] of cases) {
      expectError(await who.request(method, url, body), 400, 'VALIDATION_FAILED', fields, `${who.name} ${method} ${url}`);
    }
    // the largest value the columns hold is an id like any other: nothing has it
    expectError(await amanda.get('/conversations/2147483647'), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await john.get('/customer-users/2147483647'), 404, 'CUSTOMER_USER_NOT_FOUND');
    expect(ok(await john.get('/conversations?messagesMin=2147483647')).items).toEqual([]);
  });

  it('takes only plain positive decimal integers as ids', async () => {
    const doomed = (await newConversation(amanda)).conversation.id;
    // N is the conversation's id; %2B is +, %20 a space, %0a a line feed, %EF%BC%91 a full-width 1
    for (const form of ['0xN', 'Ne0', '%2BN', '0N', '%20N', 'N%0a', 'N%20', '-N', '0', 'N.0', '%EF%BC%91', 'abc']) {
      const id = form.replace('N', String(doomed));
      expectError(await john.request('DELETE', `/conversations/${id}`), 400, 'VALIDATION_FAILED', { id: ID }, id);
      expectError(await john.get(`/conversations?recordId=${id}`), 400, 'VALIDATION_FAILED', { recordId: ID }, `recordId=${id}`);
    }
    // none of them deleted it
    expect(ok(await john.get(`/conversations/${doomed}`)).id).toBe(doomed);
    expect(ok(await john.get(`/conversations?recordId=${so1001}`)).items.length).toBeGreaterThan(0);
  });

  it('refuses NUL and lone surrogates in any text, naming the field, and keeps real emoji', async () => {
    for (const [side, email] of [
      ['/api', 'amanda@acme.example\u0000'],
      ['/admin/api', 'john\uD800@parley.example'],
    ] as const) {
      const res = await h().app.inject({ method: 'POST', url: `${side}/session`, payload: { email, password: 'parley-demo' } });
      expectError(res, 400, 'VALIDATION_FAILED', { email: BAD_CHARACTERS }, side);
    }
    const signInWithNul = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x@y', password: 'a\u0000b' } });
    expectError(signInWithNul, 400, 'VALIDATION_FAILED', { password: BAD_CHARACTERS });
    const cases: [Agent, string, string, unknown, string][] = [
      [amanda, 'POST', '/conversations', { subject: `Hi\u0000`, message: 'y' }, 'subject'],
      [amanda, 'POST', '/conversations', { subject: unique(), message: '\uDC00'.repeat(20_000) }, 'message'],
      [amanda, 'POST', `/conversations/${conversationId}/messages`, { body: 'a\u0000b' }, 'body'],
      [amanda, 'POST', `/conversations/${conversationId}/messages`, { body: 'broken \uD83D pair' }, 'body'],
      [amanda, 'GET', '/conversations?cursor=%00', undefined, 'cursor'],
      [john, 'POST', '/conversations', { name: 'a\uDFFFb', customerUserId: amandaId }, 'name'],
      [john, 'POST', '/conversations', { name: unique(), customerUserId: amandaId, message: '\u0000' }, 'message'],
      [john, 'PATCH', `/conversations/${conversationId}`, { name: '\u0000' }, 'name'],
      [john, 'GET', '/conversations?name=%00', undefined, 'name'],
      [john, 'GET', '/conversations?customerUser=a%00', undefined, 'customerUser'],
      [john, 'GET', '/customer-users?q=%00', undefined, 'q'],
      [john, 'GET', '/records?q=SO%00', undefined, 'q'],
      [john, 'GET', `/conversations/${conversationId}/all-messages?text=%00`, undefined, 'text'],
    ];
    for (const [who, method, url, body, field] of cases) {
      expectError(await who.request(method, url, body), 400, 'VALIDATION_FAILED', { [field]: BAD_CHARACTERS }, `${method} ${url} ${field}`);
    }
    // a surrogate pair is one real character: it is kept as sent
    const emoji = ok(await amanda.post(`/conversations/${conversationId}/messages`, { body: 'thanks 🙂' }), 201);
    expect(emoji.body).toBe('thanks 🙂');
  });

  it('refuses dates that are not on the calendar in every date bound', async () => {
    for (const [query, field] of [
      ['createdTo=2026-13-45', 'createdTo'],
      ['createdTo=0000-00-00', 'createdTo'],
      ['createdFrom=2026-02-29', 'createdFrom'],
      ['lastMessageFrom=2026-11-27T24:00:00Z', 'lastMessageFrom'],
      ['lastMessageTo=2026-11-31', 'lastMessageTo'],
    ] as const) {
      expectError(await john.get(`/conversations?${query}`), 400, 'VALIDATION_FAILED', { [field]: DATE }, query);
    }
    for (const [query, field] of [
      ['to=abcdefghij', 'to'],
      ['from=2026-13-45', 'from'],
      ['to=9999-99-99', 'to'],
    ] as const) {
      const res = await john.get(`/conversations/${conversationId}/all-messages?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED', { [field]: DATE }, query);
    }
    // real dates, a leap day among them, still filter
    expect(ok(await john.get('/conversations?createdFrom=2024-02-29&createdTo=2099-12-31')).total).toBeGreaterThan(0);
    const fresh = (await newConversation(amanda)).conversation.id;
    expect(ok(await john.get(`/conversations/${fresh}/all-messages?from=2024-02-29&to=2099-12-31T23:59:59Z`)).items.length).toBe(1);
  });
});
