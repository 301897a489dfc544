// What follows a deletion, through the durable consumers: a deleted record's
// conversations let go of it and the screens hear conversation.updated; a
// deleted customer user's sessions end and their open sockets close.
import { expect, it } from 'vitest';
import { consumerPositions } from '../../src/server/events';
import { describeLive } from '../live/harness';
import { connectLive } from '../live/client';
import { signIn } from '../support/api';
import { eventually } from '../support/eventually';

describeLive('side effects of deletions', {}, (h) => {
  it("a deleted record's conversations lose their source, and the screens hear conversation.updated", async () => {
    const john = await h().as('john');
    const nancy = await h().as('nancy');
    const record = (await john.get('/records?q=SO-1201')).json().items[0];
    const { conversation } = (
      await nancy.post('/conversations', { subject: 'About SO-1201', message: 'Hello', recordId: record.id })
    ).json();
    const socket = await connectLive(h().base, '/api/live', { cookie: nancy.cookie });

    expect((await john.request('DELETE', `/records/${record.id}`)).statusCode).toBe(204);
    // shown without its source at once, and let go of by the consumer soon after
    expect((await nancy.get(`/conversations/${conversation.id}`)).json().source).toBeNull();
    const frame = await socket.waitFor((f) => f.type === 'conversation.updated' && f.conversationId === conversation.id);
    expect(frame).toMatchObject({ data: { conversationId: conversation.id, name: 'About SO-1201', source: null } });
    const byRecord = await eventually(
      () => john.get(`/conversations?recordId=${record.id}`).then((r) => r.json().total as number),
      (n) => n === 0,
      'the source to be cleared',
    );
    expect(byRecord).toBe(0);
    const positions = await consumerPositions(h().built.database.db);
    expect(positions.find((p) => p.name === 'conversations.sources')).toMatchObject({ attempts: 0, last_error: null });
    await socket.close();
  });

  it("a deleted customer user's sessions end and their sockets close", async () => {
    const john = await h().as('john');
    const marlene = await signIn(h().app, 'marlene');
    const socket = await connectLive(h().base, '/api/live', { cookie: marlene.cookie });
    const id = (await john.get('/customer-users?q=marlene')).json().items[0].id as number;

    expect((await john.request('DELETE', `/customer-users/${id}`)).statusCode).toBe(204);
    expect((await socket.closed).code).toBe(4401);
    const sessions = await eventually(
      () => h().built.database.db.selectFrom('sessions').select('id').where('side', '=', 'storefront').where('user_id', '=', id).execute(),
      (rows) => rows.length === 0,
      'her sessions to end',
    );
    expect(sessions).toEqual([]);
    // this instance trusts a looked-up session for up to 5 s (accounts/session-scope.ts)
    const again = await eventually(
      () => marlene.get('/session'),
      (res) => res.statusCode === 401,
      'her session to be refused',
    );
    expect(again.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describeLive('grid filters', {}, (h) => {
  it('matches % and _ in the customer user filter as themselves, in every part of it', async () => {
    const john = await h().as('john');
    for (const text of ['%', '_', '%%', 'Amanda%']) {
      const res = await john.get(`/conversations?customerUser=${encodeURIComponent(text)}`);
      expect([res.statusCode, res.json().total], text).toEqual([200, 0]);
    }
    // the full name still matches across first and last name
    expect((await john.get(`/conversations?customerUser=${encodeURIComponent('Amanda C')}`)).json().total).toBeGreaterThan(0);
  });
});
