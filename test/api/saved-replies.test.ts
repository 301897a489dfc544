// Saved replies: personal ones for their owner alone, shared ones for every
// back-office user and managed by Administrators only (FORBIDDEN for anyone
// else), unknown variables refused when saved, and the conversation's values
// filled in when inserted; a variable without a value stays as written and
// is named in `unfilled`.
import { beforeAll, expect, it } from 'vitest';
import type { SavedReply } from '../../src/shared/replies';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeConversation, customerUserId, ok, recordId, unique } from '../support/fixtures';

describeApi('saved replies', (h) => {
  let john: Agent, charlie: Agent, amanda: Agent;
  const save = (who: Agent, body: { title: string; body: string; shared?: boolean }) => who.post('/saved-replies', body);
  const titles = async (who: Agent, q = '') =>
    ok<{ items: SavedReply[] }>(await who.get(`/saved-replies${q ? `?q=${encodeURIComponent(q)}` : ''}`)).items.map((r) => r.title);

  beforeAll(async () => {
    [john, charlie, amanda] = [await h().as('john'), await h().as('charlie'), await h().as('amanda')];
  });

  it('keeps personal replies for their owner and shows shared ones to everyone, by title', async () => {
    const tag = unique('Greeting');
    const mine = ok<SavedReply>(await save(charlie, { title: `${tag} B personal`, body: 'Hello {{customerUser.firstName}}' }), 201);
    expect(mine).toMatchObject({ shared: false, mayEdit: true, owner: { name: 'Charlie Sheen' } });
    const shared = ok<SavedReply>(await save(john, { title: `${tag} A shared`, body: 'Thanks, {{me.firstName}}', shared: true }), 201);
    expect(shared).toMatchObject({ shared: true, mayEdit: true, owner: { name: 'John Doe' } });

    expect(await titles(charlie, tag)).toEqual([`${tag} A shared`, `${tag} B personal`]);
    expect(await titles(john, tag)).toEqual([`${tag} A shared`]);
    // q searches bodies too
    expect(await titles(charlie, '{{customerUser.firstName}}')).toContain(`${tag} B personal`);
    const seenByCharlie = ok<{ items: SavedReply[] }>(await charlie.get(`/saved-replies?q=${encodeURIComponent(tag)}`)).items;
    expect(seenByCharlie.find((r) => r.shared)?.mayEdit).toBe(false);

    // another's personal reply does not exist for John; only the owner changes it
    expectError(await john.request('PATCH', `/saved-replies/${mine.id}`, { title: 'Mine now' }), 404, 'SAVED_REPLY_NOT_FOUND');
    expectError(await john.request('DELETE', `/saved-replies/${mine.id}`), 404, 'SAVED_REPLY_NOT_FOUND');
    expectError(await john.get(`/saved-replies/${mine.id}/filled?conversationId=1`), 404, 'SAVED_REPLY_NOT_FOUND');
    const renamed = ok<SavedReply>(await charlie.request('PATCH', `/saved-replies/${mine.id}`, { title: `${tag} C renamed` }));
    expect(renamed).toMatchObject({ title: `${tag} C renamed`, body: 'Hello {{customerUser.firstName}}', shared: false });
    expect((await charlie.request('DELETE', `/saved-replies/${mine.id}`)).statusCode).toBe(204);
    expect(await titles(charlie, tag)).toEqual([`${tag} A shared`]);
  });

  it('lets only Administrators manage shared replies: others get FORBIDDEN and nothing changes', async () => {
    const tag = unique('Policy');
    expectError(await save(charlie, { title: `${tag} shared`, body: 'Our policy', shared: true }), 403, 'FORBIDDEN');
    expect(await titles(john, tag)).toEqual([]);
    const shared = ok<SavedReply>(await save(john, { title: `${tag} shared`, body: 'Our policy', shared: true }), 201);
    expectError(await charlie.request('PATCH', `/saved-replies/${shared.id}`, { body: 'Changed' }), 403, 'FORBIDDEN');
    expectError(await charlie.request('DELETE', `/saved-replies/${shared.id}`), 403, 'FORBIDDEN');
    const personal = ok<SavedReply>(await save(charlie, { title: `${tag} personal`, body: 'Mine' }), 201);
    expectError(await charlie.request('PATCH', `/saved-replies/${personal.id}`, { shared: true }), 403, 'FORBIDDEN');
    const all = ok<{ items: SavedReply[] }>(await charlie.get(`/saved-replies?q=${encodeURIComponent(tag)}`)).items;
    expect(all.map((r) => [r.title, r.body, r.shared])).toEqual([
      [`${tag} personal`, 'Mine', false],
      [`${tag} shared`, 'Our policy', true],
    ]);
    ok(await john.request('PATCH', `/saved-replies/${shared.id}`, { body: 'Our new policy' }));
    expect((await john.request('DELETE', `/saved-replies/${shared.id}`)).statusCode).toBe(204);
    expectError(await john.request('DELETE', `/saved-replies/${shared.id}`), 404, 'SAVED_REPLY_NOT_FOUND');
  });

  it('refuses unknown variables, blank and too long fields, naming the field', async () => {
    expectError(await save(john, { title: 'Bad', body: 'Hi {{customer.nmae}} and {{ foo }}' }), 400, 'VALIDATION_FAILED', {
      body: 'Unknown variable {{customer.nmae}}, {{foo}}. Use {{customer.name}}, {{customerUser.firstName}}, {{record.number}}, {{record.status}}, {{me.firstName}}.',
    });
    expectError(await save(john, { title: ' ', body: ' ' }), 400, 'VALIDATION_FAILED', {
      title: 'This value should not be blank.',
      body: 'This value should not be blank.',
    });
    expectError(await save(john, { title: 'x'.repeat(101), body: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED', {
      title: 'This value is too long. It should have 100 characters or less.',
      body: 'This value is too long. It should have 5000 characters or less.',
    });
    const r = ok<SavedReply>(await save(john, { title: unique('Valid'), body: 'ok' }), 201);
    expectError(await john.request('PATCH', `/saved-replies/${r.id}`, { body: '{{record.total}}' }), 400, 'VALIDATION_FAILED', {
      body: expect.stringContaining('Unknown variable {{record.total}}.'),
    });
    expectError(await john.request('PATCH', '/saved-replies/999999', { title: 'x' }), 404, 'SAVED_REPLY_NOT_FOUND');
    // the storefront has no saved replies
    expectError(await amanda.get('/saved-replies'), 404, 'NOT_FOUND');
  });

  it("fills in the conversation's variables; a missing value stays as written and is named in unfilled", async () => {
    const body =
      'Hello {{customerUser.firstName}} of {{customer.name}}: {{record.number}} is {{ record.status }}. Regards, {{me.firstName}}';
    const reply = ok<SavedReply>(await save(charlie, { title: unique('Status'), body }), 201);
    const amandaId = await customerUserId(john, 'amanda');
    const withRecord = await backofficeConversation(john, { customerUserId: amandaId, recordId: await recordId(john, 'SO-1001') });
    const filled = ok(await charlie.get(`/saved-replies/${reply.id}/filled?conversationId=${withRecord.conversation.id}`));
    expect(filled.unfilled).toEqual([]);
    expect(filled.body).toMatch(/^Hello Amanda of Acme Corporation: SO-1001 is \S.*\. Regards, Charlie$/);

    const without = await backofficeConversation(john, { customerUserId: amandaId });
    expect(ok(await charlie.get(`/saved-replies/${reply.id}/filled?conversationId=${without.conversation.id}`))).toEqual({
      body: 'Hello Amanda of Acme Corporation: {{record.number}} is {{ record.status }}. Regards, Charlie',
      unfilled: ['record.number', 'record.status'],
    });
    expectError(await charlie.get(`/saved-replies/${reply.id}/filled?conversationId=999999`), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await charlie.get(`/saved-replies/${reply.id}/filled`), 400, 'VALIDATION_FAILED', { conversationId: expect.any(String) });
  });
});
