// The OpenAPI document declares what a client needs to call the API right:
// here, the Idempotency-Key header of every write that is safe to retry.
import { expect, it } from 'vitest';
import { describeApi } from '../support/api';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; description?: string }[];
}

describeApi('the API docs', (h) => {
  it('declare the optional Idempotency-Key header on the writes that honour it, and only there', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const withKey = Object.entries(doc.paths)
      .flatMap(([url, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${url}`, op })))
      .filter(({ op }) => op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'))
      .map(({ route, op }) => {
        const header = op.parameters!.find((p) => p.name === 'idempotency-key')!;
        expect(header.required ?? false).toBe(false);
        expect(header.description).toMatch(/retry/);
        return route;
      });
    expect(withKey.sort()).toEqual([
      'POST /admin/api/conversations',
      'POST /admin/api/conversations/{id}/messages',
      'POST /api/conversations',
      'POST /api/conversations/{id}/messages',
      'POST /integration/v1/bulk',
      'POST /integration/v1/conversations',
      'POST /integration/v1/conversations/{id}/messages',
    ]);
  });

  // inbound-email's body is a raw RFC 822 message, not JSON
  it('show an example body for every write of the sync API, records included', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>;
    }>();
    const writes = Object.entries(doc.paths)
      // the webhook endpoints share the back-office's bodies, documented there
      .filter(([url]) => url.startsWith('/integration/v1/') && !/bulk|webhooks|inbound-email/.test(url))
      .flatMap(([url, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${url}`, op })))
      .filter(({ op }) => op.requestBody);
    expect(writes.length).toBe(8);
    for (const { route, op } of writes) {
      expect(op.requestBody!.content['application/json']!.example, route).toEqual(expect.any(Object));
    }
    const rfq = writes.find(({ route }) => route === 'PUT /integration/v1/rfqs/{externalId}')!;
    expect(rfq.op.requestBody!.content['application/json']!.example).toMatchObject({ number: 'RFQ-2001' });
  });

  it('still refuse a key of the wrong length in the error shape, with the field named', async () => {
    const amanda = await h().as('amanda');
    const id = (await amanda.get('/conversations?status=active')).json().items[0].id as number;
    const res = await amanda.post(`/conversations/${id}/messages`, { body: 'x' }, { 'idempotency-key': 'k'.repeat(256) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'Idempotency-Key': 'Use 1 to 255 characters.' } });
  });
});
