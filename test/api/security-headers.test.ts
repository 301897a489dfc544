// Every answer, pages, API and errors alike, carries the security headers:
// a strict CSP (no inline script or style), who may frame Parley, nosniff, no
// referrer, and HSTS only when served over HTTPS.
import { expect, it } from 'vitest';
import { describeApi, type Harness } from '../support/api';

const get = (h: () => Harness, url: string) => h().app.inject({ method: 'GET', url });
/** The CSP's directives by name. */
const csp = (header: unknown) =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources.join(' ')]),
  );

describeApi('security headers, by default', (h) => {
  it('sends a strict CSP, frame-ancestors none, nosniff and no referrer on every answer, errors included', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/session', '/api/nothing-here', '/api/conversations/abc', '/healthz']) {
      const res = await get(h, url);
      const policy = csp(res.headers['content-security-policy']);
      expect(policy, url).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'script-src-attr': "'none'",
        'style-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(String(res.headers['content-security-policy']), url).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(policy['upgrade-insecure-requests'], url).toBeUndefined();
      expect(res.headers, url).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });
});

describeApi(
  'security headers behind HTTPS, embedded by a store',
  (h) => {
    it('adds HSTS and upgrades insecure requests, and lets the named origins frame Parley', async () => {
      const res = await get(h, '/api/session');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['frame-ancestors']).toBe("'self' https://shop.example.com");
      expect(policy['upgrade-insecure-requests']).toBe('');
      // X-Frame-Options cannot name an origin: the CSP alone says who may frame
      expect(res.headers['x-frame-options']).toBeUndefined();
    });
  },
  { env: { PARLEY_SECURE_COOKIES: 'true', PARLEY_FRAME_ANCESTORS: "'self' https://shop.example.com" } },
);
