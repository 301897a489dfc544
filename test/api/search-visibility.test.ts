// Who finds what: exactly what each of the seven demo actors may see (a Buyer
// their own, a customer Administrator their customer tree's, a guest the
// conversations they were added to, the back-office all), internal notes only
// for staff, hidden rows in no total; and the back-office Search page's filters.
import { beforeAll, expect, it } from 'vitest';
import type { SearchPage } from '../../src/shared/search';
import { describeApi, type ActorName, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeConversation, backofficeUserId, customerUserId, newConversation, ok, postMessage, recordId } from '../support/fixtures';
import { hitKeys, indexedUpTo, search, uniqueWord } from '../support/search';

describeApi('search visibility', (h) => {
  const agents = {} as Record<ActorName, Agent>;
  const w = uniqueWord();
  /** the hits each conversation gives: its name, its messages */
  const made = {} as Record<'amanda' | 'marlene' | 'ruth' | 'nancy' | 'guest', string[]>;
  let note = '';
  let amandaConversation = 0;

  beforeAll(async () => {
    for (const who of ['amanda', 'marlene', 'ruth', 'nancy', 'john', 'charlie'] as const) agents[who] = await h().as(who);
    for (const who of ['amanda', 'marlene', 'ruth', 'nancy'] as const) {
      const { conversation, message } = await newConversation(agents[who], { subject: `${who} ${w}`, message: `from ${who} ${w}` });
      made[who] = [`c:${conversation.id}`, `m:${message.id}`];
      if (who === 'amanda') amandaConversation = conversation.id;
    }
    // staff write in Amanda's conversation: a reply she sees, a note she never does
    const reply = await postMessage(agents.charlie, amandaConversation, `staff reply ${w}`);
    made.amanda.push(`m:${reply.id}`);
    const posted = ok(await agents.charlie.post(`/conversations/${amandaConversation}/messages`, { body: `note ${w}`, type: 'note' }), 201);
    note = `m:${posted.id}`;
    // Amanda (Acme) is a guest in a conversation of Ruth's (Acme West), made by the back-office
    const amandaId = await customerUserId(agents.john, 'amanda');
    const { conversation, message } = await backofficeConversation(agents.john, {
      customerUserId: await customerUserId(agents.john, 'ruth'),
      name: `guest ${w}`,
      message: `guest ${w}`,
      participants: [{ kind: 'customer_user', userId: amandaId }],
    });
    made.guest = [`c:${conversation.id}`, ...(message ? [`m:${message.id}`] : [])];
  });

  const sorted = (keys: string[]) => [...keys].sort();
  const expected: Record<ActorName, () => string[]> = {
    amanda: () => [...made.amanda, ...made.guest],
    marlene: () => [...made.amanda, ...made.marlene, ...made.ruth, ...made.guest],
    ruth: () => [...made.ruth, ...made.guest],
    nancy: () => made.nancy,
    charlie: () => [...Object.values(made).flat(), note],
    john: () => [...Object.values(made).flat(), note],
  };

  for (const who of ['amanda', 'marlene', 'ruth', 'nancy', 'charlie', 'john'] as const) {
    it(`${who} finds exactly what ${who} may see, and the total counts only that`, async () => {
      const page = await search(agents[who], { q: w, limit: 50 });
      expect(sorted(hitKeys(page.items))).toEqual(sorted(expected[who]()));
      expect(page.total).toBe(expected[who]().length);
      // the same through the pages
      const first = await search(agents[who], { q: w, limit: 2 });
      expect(first.total).toBe(page.total);
    });
  }

  it('a guest added later finds what was written before, in the index too, and nothing once taken out', async () => {
    const db = h().built.database;
    // Amanda (Acme) a guest of Ruth's (Acme West), Ruth a guest of Amanda's
    for (const [guest, owner, guestName] of [
      ['amanda', 'ruth', 'Amanda Cole'],
      ['ruth', 'amanda', 'Ruth Ortiz'],
    ] as const) {
      const later = uniqueWord();
      const { conversation, message } = await backofficeConversation(agents.john, {
        customerUserId: await customerUserId(agents.john, owner),
        name: `later ${later}`,
        message: `later ${later}`,
      });
      const keys = sorted([`c:${conversation.id}`, `m:${message!.id}`]);
      if (db.dialect === 'sqlite') await indexedUpTo(db.db, message!.id);
      const finds = async () => sorted(hitKeys((await search(agents[guest], { q: later })).items));
      expect(await finds()).toEqual([]);
      const userId = await customerUserId(agents.john, guest);
      ok(await agents.john.post(`/conversations/${conversation.id}/participants`, { kind: 'customer_user', userId }));
      expect(await finds(), `${guest} as a guest`).toEqual(keys);
      const participants = ok<{ items: { id: number; name: string }[] }>(
        await agents.john.get(`/conversations/${conversation.id}/participants`),
      );
      const participant = participants.items.find((p) => p.name === guestName)!;
      ok(await agents.john.request('DELETE', `/conversations/${conversation.id}/participants/${participant.id}`));
      expect(await finds(), `${guest} taken out`).toEqual([]);
    }
  });

  it('anonymous finds nothing on either side', async () => {
    expectError(await h().anonymous('/api').get(`/search?q=${w}`), 401, 'UNAUTHENTICATED');
    expectError(await h().anonymous('/admin/api').get(`/search?q=${w}`), 401, 'UNAUTHENTICATED');
  });

  it('never shows a customer an internal note, not even by its exact words', async () => {
    for (const who of ['amanda', 'marlene'] as const) {
      const page = await search(agents[who], { q: `note ${w}` });
      expect(hitKeys(page.items)).not.toContain(note);
      expect(page.items.every((hit) => hit.message?.type !== 'note')).toBe(true);
    }
    const staff = await search(agents.charlie, { q: `note ${w}` });
    expect(hitKeys(staff.items)).toEqual([note]);
    expect(staff.items[0]).toMatchObject({ kind: 'message', message: { type: 'note', author: 'Charlie Sheen' } });
  });

  it('narrows by status on both sides', async () => {
    const closed = await backofficeConversation(agents.john, {
      customerUserId: await customerUserId(agents.john, 'amanda'),
      name: `closed ${w}`,
    });
    ok(await agents.john.post(`/conversations/${closed.conversation.id}/close`));
    const closedOnly = (page: SearchPage) => page.items.every((hit) => hit.conversation.status === 'closed');
    const storefront = await search(agents.amanda, { q: w, status: 'closed' });
    expect(hitKeys(storefront.items)).toEqual([`c:${closed.conversation.id}`]);
    expect(closedOnly(await search(agents.john, { q: w, status: 'closed' }))).toBe(true);
    const active = await search(agents.amanda, { q: w, status: 'active' });
    expect(sorted(hitKeys(active.items))).toEqual(sorted([...made.amanda, ...made.guest]));
  });

  it('back-office filters: customer with its sub-customers, customer user, owner, source, author side, dates', async () => {
    const john = agents.john;
    const customers: { id: number; name: string }[] = ok(await john.get('/customers?q=Acme')).items;
    const acme = customers.find((c) => c.name === 'Acme Corporation')!.id;
    const inAcme = await search(john, { q: w, customerId: acme, status: 'active', limit: 50 });
    expect(sorted(hitKeys(inAcme.items))).toEqual(sorted([...made.amanda, ...made.marlene, ...made.ruth, ...made.guest, note]));
    const ruthId = await customerUserId(john, 'ruth');
    const ruths = await search(john, { q: w, customerUserId: ruthId, limit: 50 });
    expect(sorted(hitKeys(ruths.items))).toEqual(sorted([...made.ruth, ...made.guest]));
    const staffSide = await search(john, { q: w, authorSide: 'staff', limit: 50 });
    // Charlie's reply and note, John's first message of the guest conversation
    expect(sorted(hitKeys(staffSide.items))).toEqual(sorted([made.amanda[2]!, note, made.guest[1]!]));
    const customerSide = await search(john, { q: w, authorSide: 'customer', limit: 50 });
    expect(hitKeys(customerSide.items).every((k) => k.startsWith('m:'))).toBe(true);
    expect(hitKeys(customerSide.items)).toContain(made.nancy[1]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await search(john, { q: w, from: today, to: today, limit: 50 })).total).toBeGreaterThanOrEqual(expected.john().length);
    expect((await search(john, { q: w, to: '2020-01-01' })).total).toBe(0);
    // owner: the guest conversation is John's
    const johnId = await backofficeUserId(john, 'John Doe');
    expect(hitKeys((await search(john, { q: `guest ${w}`, ownerId: johnId })).items)).toContain(made.guest[0]);
    // source record: an Ask A Question about SO-1001
    const so1001 = await recordId(john, 'SO-1001');
    const asked = await newConversation(agents.amanda, { subject: `about ${w}`, message: `about ${w}`, recordId: so1001 });
    const bySource = await search(john, { q: w, sourceType: 'order', sourceNumber: 'so-1001' });
    expect(sorted(hitKeys(bySource.items))).toEqual(sorted([`c:${asked.conversation.id}`, `m:${asked.message.id}`]));
    expect((await search(john, { q: w, sourceType: 'quote', sourceNumber: 'SO-1001' })).total).toBe(0);
    // filters alone, no words: the messages that pass them, newest first
    const noWords = await search(john, { customerUserId: ruthId, limit: 5 });
    expect(noWords.items.length).toBeGreaterThan(0);
    const times = noWords.items.map((hit) => hit.at);
    expect(times).toEqual([...times].sort().reverse());
    expectError(await john.get('/search?authorSide=robot'), 400, 'VALIDATION_FAILED', { authorSide: expect.any(String) });
    expectError(await john.get('/search?from=2026-13-45'), 400, 'VALIDATION_FAILED', { from: expect.any(String) });
  });
});
