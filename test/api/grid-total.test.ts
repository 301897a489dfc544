import { expect, it } from 'vitest';
import { GridQuery } from '../../src/shared/api';
import { gridConversations } from '../../src/server/conversations/grid';
import type { BackofficeUserActor } from '../../src/server/kernel/actor';
import { describeApi } from '../support/api';

describeApi('the grid total', (h) => {
  it('is exact up to the cap, and says when more match', async () => {
    const john = await h().as('john');
    const amandaId = (await john.get('/customer-users?q=amanda')).json().items[0].id;
    for (let i = 0; i < 12; i++) await john.post('/conversations', { name: `Capped ${i}`, customerUserId: amandaId });
    const actor: BackofficeUserActor = {
      kind: 'backoffice_user',
      id: (await john.get('/session')).json().user.id,
      role: 'administrator',
      name: 'John Doe',
    };
    const ctx = h().built.runtime.contextFor(actor);
    const f = GridQuery.parse({ name: 'Capped', pageSize: '5' });
    expect(await gridConversations(ctx, f, 100)).toMatchObject({ total: 12, totalIsCapped: false });
    expect(await gridConversations(ctx, f, 12)).toMatchObject({ total: 12, totalIsCapped: false });
    const capped = await gridConversations(ctx, f, 10);
    expect(capped).toMatchObject({ total: 10, totalIsCapped: true });
    expect(capped.items).toHaveLength(5);
    // through HTTP, with the real cap
    expect((await john.get('/conversations?name=Capped')).json()).toMatchObject({ total: 12, totalIsCapped: false });
  });
});
