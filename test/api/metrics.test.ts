// /metrics: Prometheus text for a scraper with the token, nothing for anyone else.
import { expect, it } from 'vitest';
import { describeApi } from '../support/api';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { newConversation, postMessage } from '../support/fixtures';

const TOKEN = 'metrics-token-for-tests-0123456789';

const scrape = async (app: import('fastify').FastifyInstance) => {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
};

/** the value of one sample, by its name and labels as written */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describeApi(
  'metrics',
  (h) => {
    it('refuses a scrape without the token, or with another, with 401 UNAUTHENTICATED', async () => {
      expectError(await h().app.inject({ method: 'GET', url: '/metrics' }), 401, 'UNAUTHENTICATED');
      const wrong = await h().app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer metrics-token-for-tests-0123456788' },
      });
      expectError(wrong, 401, 'UNAUTHENTICATED');
    });

    it('counts requests by route template and status, with their latency', async () => {
      const amanda = await h().as('amanda');
      const conversation = await newConversation(amanda);
      await postMessage(amanda, conversation.conversation.id);
      await postMessage(amanda, conversation.conversation.id);
      await h().app.inject({ method: 'GET', url: '/api/no-such-thing' });
      const text = await scrape(h().app);
      const posts = 'parley_http_request_duration_seconds_count{method="POST",route="/api/conversations/:id/messages",status="201"}';
      expect(sample(text, posts)).toBe(2);
      expect(
        sample(
          text,
          'parley_http_request_duration_seconds_bucket{le="5",method="POST",route="/api/conversations/:id/messages",status="201"}',
        ),
      ).toBe(2);
      expect(sample(text, 'parley_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
      // ids never become labels
      expect(text).not.toContain(`/api/conversations/${conversation.conversation.id}`);
    });

    // an idle consumer saves its cursor on its lease's renewal (every 3.3 s by default)
    it("reports live sockets, the write queue, webhook deliveries, each consumer's lag and the process", async () => {
      const text = await eventually(
        () => scrape(h().app),
        (t) => [...t.matchAll(/^parley_consumer_lag_events\{consumer="([^"]+)"\} (\d+)$/gm)].every((m) => m[2] === '0'),
        'every consumer caught up',
        20_000,
      );
      expect([...text.matchAll(/^parley_consumer_lag_events\{consumer="([^"]+)"\}/gm)].map((m) => m[1])).toEqual(
        expect.arrayContaining(['accounts.sessions', 'conversations.sources', 'webhooks.fanout']),
      );
      expect(sample(text, 'parley_live_sockets')).toBe(0);
      // the consumers renew their leases through the writer now and then: 0 or a few, never absent
      expect(sample(text, 'parley_write_queue_depth')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'parley_write_queue_depth')).toBeLessThan(5);
      expect(sample(text, 'parley_webhook_deliveries_pending')).toBe(0);
      expect(sample(text, 'parley_mail_pending')).toBe(0);
      expect(sample(text, 'parley_mail_failed')).toBe(0);
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ]) {
        expect(sample(text, name), name).toBeGreaterThanOrEqual(0);
      }
    });
  },
  { env: { PARLEY_METRICS_TOKEN: TOKEN } },
);

describeApi('metrics when not configured', (h) => {
  it('has no /metrics at all', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expectError(res, 404, 'NOT_FOUND');
  });
});
