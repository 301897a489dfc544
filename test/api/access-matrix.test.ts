// Every endpoint, every actor, the exact status and error code. The seeded
// "Order SO-1001" conversation is Amanda's (Acme); "Order SO-1101" is Ruth's
// (Acme West, a sub-customer of Acme); "Quote Q-3201" is Nancy's (Globex).
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type ActorName, type Agent } from '../support/api';
import { uploaded } from '../support/attachments';

type Who = ActorName | 'anonymous';
const everyone: Who[] = ['anonymous', 'amanda', 'marlene', 'ruth', 'nancy', 'charlie', 'john'];
/** status (and code, when it is an error) per actor; actors not listed expect `otherwise` */
type Expect = Partial<Record<Who, number | [number, string]>> & { otherwise: number | [number, string] };

describeApi('access matrix', (h) => {
  const ids: Record<string, number> = {};
  const agents = {} as Record<Who, Agent>;

  beforeAll(async () => {
    for (const who of everyone) agents[who] = who === 'anonymous' ? h().anonymous('/api') : await h().as(who);
    const john = agents.john;
    const grid = (await john.get('/conversations?pageSize=100')).json().items as { id: number; name: string }[];
    ids.acme = grid.find((c) => c.name === 'Order SO-1001')!.id;
    ids.acmeWest = grid.find((c) => c.name === 'Order SO-1101')!.id;
    ids.globex = grid.find((c) => c.name === 'Quote Q-3201')!.id;
    const records = (await john.get('/records?limit=100')).json().items as { id: number; number: string }[];
    ids.so1001 = records.find((r) => r.number === 'SO-1001')!.id;
    ids.q3001 = records.find((r) => r.number === 'Q-3001')!.id;
    ids.rfq2001 = records.find((r) => r.number === 'RFQ-2001')!.id;
    const people = (await john.get('/customer-users?limit=100')).json().items as { id: number; email: string }[];
    ids.amandaUser = people.find((u) => u.email === 'amanda@acme.example')!.id;
    ids.ruthUser = people.find((u) => u.email === 'ruth@acmewest.example')!.id;
    ids.johnUser = (await john.get('/session')).json().user.id;
    // a file of Amanda's in her conversation, and one of an internal note there
    ids.acmeFile = (await uploaded(agents.amanda, 'matrix.txt', Buffer.from('matrix'))).id;
    await agents.amanda.post(`/conversations/${ids.acme}/messages`, { attachmentIds: [ids.acmeFile] });
    ids.noteFile = (await uploaded(john, 'note.txt', Buffer.from('note'))).id;
    await john.post(`/conversations/${ids.acme}/messages`, { body: 'note', type: 'note', attachmentIds: [ids.noteFile] });
  });
  const NO_FILE: [number, string] = [404, 'ATTACHMENT_NOT_FOUND'];
  const NOT_MULTIPART: [number, string] = [415, 'UNSUPPORTED_MEDIA_TYPE'];

  const UNAUTH: [number, string] = [401, 'UNAUTHENTICATED'];
  const HIDDEN: [number, string] = [404, 'CONVERSATION_NOT_FOUND'];
  const NO_RECORD: [number, string] = [404, 'RECORD_NOT_FOUND'];
  const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
  const storefrontOnly = { charlie: UNAUTH, john: UNAUTH, anonymous: UNAUTH };
  const backofficeOnly = { amanda: UNAUTH, marlene: UNAUTH, ruth: UNAUTH, nancy: UNAUTH, anonymous: UNAUTH };

  // storefront: [method, path, body, expectations]
  const storefront: [string, () => string, unknown, Expect][] = [
    ['GET', () => '/conversations', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => '/unread', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => '/search?q=order', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => `/conversations/${ids.acme}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: HIDDEN }],
    ['GET', () => `/conversations/${ids.acmeWest}`, undefined, { ...storefrontOnly, ruth: 200, marlene: 200, otherwise: HIDDEN }],
    ['GET', () => `/conversations/${ids.globex}`, undefined, { ...storefrontOnly, nancy: 200, otherwise: HIDDEN }],
    ['GET', () => `/conversations/${ids.acme}/messages`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: HIDDEN }],
    ['POST', () => `/conversations/${ids.acme}/read`, { upToSeq: 1 }, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: HIDDEN }],
    [
      'POST',
      () => `/conversations/${ids.acme}/messages`,
      { body: 'matrix' },
      { ...storefrontOnly, amanda: 201, marlene: 201, otherwise: HIDDEN },
    ],
    ['POST', () => `/conversations/${ids.globex}/messages`, { body: 'matrix' }, { ...storefrontOnly, nancy: 201, otherwise: HIDDEN }],
    ['POST', () => '/conversations', { subject: 'Matrix', message: 'hello' }, { ...storefrontOnly, otherwise: 201 }],
    [
      'POST',
      () => '/conversations',
      () => ({ subject: 'Matrix', message: 'hello', recordId: ids.so1001 }),
      { ...storefrontOnly, amanda: 201, marlene: 201, otherwise: NO_RECORD },
    ],
    [
      'GET',
      () => `/conversations/${ids.acme}/participants`,
      undefined,
      { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: HIDDEN },
    ],
    [
      'POST',
      () => `/conversations/${ids.acme}/participants`,
      () => ({ customerUserId: ids.amandaUser }),
      { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: HIDDEN },
    ],
    [
      'DELETE',
      () => `/conversations/${ids.acme}/participants/999999`,
      undefined,
      { ...storefrontOnly, amanda: [404, 'PARTICIPANT_NOT_FOUND'], marlene: [404, 'PARTICIPANT_NOT_FOUND'], otherwise: HIDDEN },
    ],
    ['GET', () => '/colleagues', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => '/orders', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => '/rfqs', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => '/quotes', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => `/orders/${ids.so1001}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: NO_RECORD }],
    ['GET', () => `/rfqs/${ids.rfq2001}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: NO_RECORD }],
    ['GET', () => `/quotes/${ids.q3001}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: NO_RECORD }],
    ['GET', () => `/orders/${ids.so1001}/conversations`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: NO_RECORD }],
    ['GET', () => '/session', undefined, { ...storefrontOnly, otherwise: 200 }],
    ['GET', () => `/attachments/${ids.acmeFile}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, otherwise: NO_FILE }],
    ['GET', () => `/attachments/${ids.noteFile}`, undefined, { ...storefrontOnly, otherwise: NO_FILE }],
    ['GET', () => `/attachments/${ids.acmeFile}/thumbnail`, undefined, { ...storefrontOnly, otherwise: NO_FILE }],
    ['POST', () => '/attachments', {}, { ...storefrontOnly, otherwise: NOT_MULTIPART }],
  ];

  const backoffice: [string, () => string, unknown, Expect][] = [
    ['GET', () => '/conversations', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/conversations?mentioned=true', undefined, { ...backofficeOnly, otherwise: 200 }],
    [
      'POST',
      () => `/conversations/${ids.acme}/messages`,
      () => ({ body: '@John Doe matrix', type: 'note', mentions: [ids.johnUser] }),
      { ...backofficeOnly, otherwise: 201 },
    ],
    ['GET', () => `/conversations/${ids.globex}`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/conversations/${ids.acme}/messages`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/conversations/${ids.acme}/all-messages`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/search?q=order', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/conversations/${ids.acme}/history`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/conversations/${ids.acme}/participants`, undefined, { ...backofficeOnly, otherwise: 200 }],
    [
      'POST',
      () => `/conversations/${ids.acme}/participants`,
      () => ({ kind: 'backoffice_user', userId: ids.johnUser }),
      { ...backofficeOnly, otherwise: 200 },
    ],
    [
      'DELETE',
      () => `/conversations/${ids.acme}/participants/999999`,
      undefined,
      { ...backofficeOnly, otherwise: [404, 'PARTICIPANT_NOT_FOUND'] },
    ],
    ['DELETE', () => '/conversations/999999/participants/1', undefined, { ...backofficeOnly, otherwise: HIDDEN }],
    ['POST', () => `/conversations/${ids.globex}/messages`, { body: 'matrix note', type: 'note' }, { ...backofficeOnly, otherwise: 201 }],
    ['POST', () => `/conversations/${ids.acme}/read`, { upToSeq: 1 }, { ...backofficeOnly, otherwise: 200 }],
    ['POST', () => `/conversations/${ids.acme}/messages`, { body: 'staff' }, { ...backofficeOnly, otherwise: 201 }],
    ['PATCH', () => `/conversations/${ids.acme}`, { name: 'Order SO-1001' }, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/unread', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/customers', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/customer-users', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/records', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/records/${ids.so1001}`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/users', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => '/saved-replies', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['POST', () => '/saved-replies', { title: 'Matrix', body: 'Hello' }, { ...backofficeOnly, otherwise: 201 }],
    [
      'POST',
      () => '/saved-replies',
      { title: 'Matrix', body: 'Hello', shared: true },
      { ...backofficeOnly, charlie: FORBIDDEN, otherwise: 201 },
    ],
    ['PATCH', () => '/saved-replies/999999', { title: 'Matrix' }, { ...backofficeOnly, otherwise: [404, 'SAVED_REPLY_NOT_FOUND'] }],
    ['DELETE', () => '/saved-replies/999999', undefined, { ...backofficeOnly, otherwise: [404, 'SAVED_REPLY_NOT_FOUND'] }],
    [
      'GET',
      () => '/saved-replies/999999/filled?conversationId=1',
      undefined,
      { ...backofficeOnly, otherwise: [404, 'SAVED_REPLY_NOT_FOUND'] },
    ],
    ['GET', () => '/session', undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/attachments/${ids.acmeFile}`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['GET', () => `/attachments/${ids.noteFile}`, undefined, { ...backofficeOnly, otherwise: 200 }],
    ['POST', () => '/attachments', {}, { ...backofficeOnly, otherwise: NOT_MULTIPART }],
    ['DELETE', () => '/conversations/999999', undefined, { ...backofficeOnly, charlie: FORBIDDEN, otherwise: HIDDEN }],
    ['POST', () => '/conversations/delete', { ids: [999999] }, { ...backofficeOnly, charlie: FORBIDDEN, otherwise: 200 }],
    ['POST', () => '/conversations/bulk', { action: 'close', ids: [999999] }, { ...backofficeOnly, otherwise: 200 }],
    [
      'POST',
      () => '/conversations/bulk',
      { action: 'assign', ids: [999999], ownerId: 999999 },
      { ...backofficeOnly, charlie: FORBIDDEN, otherwise: [400, 'VALIDATION_FAILED'] },
    ],
    ['DELETE', () => '/records/999999', undefined, { ...backofficeOnly, charlie: FORBIDDEN, otherwise: NO_RECORD }],
    [
      'DELETE',
      () => '/customer-users/999999',
      undefined,
      { ...backofficeOnly, charlie: FORBIDDEN, otherwise: [404, 'CUSTOMER_USER_NOT_FOUND'] },
    ],
  ];

  const check = async (base: '/api' | '/admin/api', [method, path, body, expected]: [string, () => string, unknown, Expect]) => {
    const failures: string[] = [];
    const payload = typeof body === 'function' ? (body as () => unknown)() : body;
    for (const who of everyone) {
      const a = agents[who];
      // each actor uses its own session, sent to the side under test
      const res = await h().app.inject({
        method: method as 'GET',
        url: `${base}${path()}`,
        headers: a.cookie ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {},
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      const want = expected[who] ?? expected.otherwise;
      const [status, code] = Array.isArray(want) ? want : [want, undefined];
      const got = res.statusCode >= 400 ? `${res.statusCode} ${res.json().error.code}` : `${res.statusCode}`;
      if (got !== (code ? `${status} ${code}` : `${status}`))
        failures.push(`${who}: ${method} ${base}${path()} -> ${got}, expected ${status} ${code ?? ''}`);
    }
    expect(failures).toEqual([]);
  };

  it('storefront endpoints', async () => {
    for (const row of storefront) await check('/api', row);
  });

  it('back-office endpoints', async () => {
    for (const row of backoffice) await check('/admin/api', row);
  });

  it("a customer user who is a participant of another customer user's conversation: while they take part, and after", async () => {
    const created = await agents.amanda.post('/conversations', { subject: 'Matrix guest', message: 'hello' });
    ids.guest = created.json().conversation.id;
    const added = await agents.john.post(`/conversations/${ids.guest}/participants`, { kind: 'customer_user', userId: ids.ruthUser });
    expect(added.statusCode).toBe(200);
    const guestRows = (ruth: number | [number, string], ruthPost: number | [number, string]): [string, () => string, unknown, Expect][] => [
      ['GET', () => `/conversations/${ids.guest}`, undefined, { ...storefrontOnly, amanda: 200, marlene: 200, ruth, otherwise: HIDDEN }],
      [
        'GET',
        () => `/conversations/${ids.guest}/messages`,
        undefined,
        { ...storefrontOnly, amanda: 200, marlene: 200, ruth, otherwise: HIDDEN },
      ],
      [
        'GET',
        () => `/conversations/${ids.guest}/participants`,
        undefined,
        { ...storefrontOnly, amanda: 200, marlene: 200, ruth, otherwise: HIDDEN },
      ],
      [
        'POST',
        () => `/conversations/${ids.guest}/read`,
        { upToSeq: 1 },
        { ...storefrontOnly, amanda: 200, marlene: 200, ruth, otherwise: HIDDEN },
      ],
      [
        'POST',
        () => `/conversations/${ids.guest}/messages`,
        { body: 'matrix' },
        { ...storefrontOnly, amanda: 201, marlene: 201, ruth: ruthPost, otherwise: HIDDEN },
      ],
      // Ruth is a Buyer of Acme West: Amanda (Acme) is not a colleague of her own customer
      [
        'POST',
        () => `/conversations/${ids.guest}/participants`,
        () => ({ customerUserId: ids.amandaUser }),
        { ...storefrontOnly, amanda: 200, marlene: 200, ruth: ruth === 200 ? [400, 'VALIDATION_FAILED'] : ruth, otherwise: HIDDEN },
      ],
    ];
    for (const row of guestRows(200, 201)) await check('/api', row);
    const ruthP = (await agents.john.get(`/conversations/${ids.guest}/participants`))
      .json()
      .items.find((p: { name: string }) => p.name === 'Ruth Ortiz').id;
    expect((await agents.john.request('DELETE', `/conversations/${ids.guest}/participants/${ruthP}`)).statusCode).toBe(200);
    for (const row of guestRows(HIDDEN, HIDDEN)) await check('/api', row);
  });
});
