import { expect, it } from 'vitest';
import { describeApi } from '../support/api';

describeApi('smoke', (h) => {
  it('Amanda sees her conversations', async () => {
    const amanda = await h().as('amanda');
    const res = await amanda.get('/conversations');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { name: string }) => c.name)).toContain('Order SO-1001');
  });
});
