import { describe, expect, it } from 'vitest';
import { fastifyTrustProxy, loadConfig } from './config';

describe('configuration', () => {
  it('trusts no proxy by default, and a hop count, addresses or ranges when told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    // a hop count trusts that many addresses of the chain, the connecting one first
    const twoHops = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('203.0.113.1', hop))).toEqual([true, true, false]);
  });

  it.each(['true', '0', 'yes', '300.1.1.1', '10.0.0.0/33', '10.0.0.0/8;', '127.0.0.1,'])(
    'refuses PARLEY_TRUST_PROXY=%s, naming it',
    (v) => {
      expect(() => loadConfig({ PARLEY_TRUST_PROXY: v })).toThrow(/PARLEY_TRUST_PROXY: Use off, a hop count/);
    },
  );

  it("lets nobody frame Parley by default, or the origins named, never a value that could end the CSP's directive", () => {
    expect(loadConfig({}).frameAncestors).toEqual(["'none'"]);
    expect(loadConfig({ PARLEY_FRAME_ANCESTORS: "'self'  https://shop.example.com https://*.shop.example:8443" }).frameAncestors).toEqual([
      "'self'",
      'https://shop.example.com',
      'https://*.shop.example:8443',
    ]);
    for (const v of [
      "https://shop.example; script-src 'unsafe-inline'",
      "'none' https://shop.example",
      'https://a.example,https://b.example',
      '*',
    ]) {
      expect(() => loadConfig({ PARLEY_FRAME_ANCESTORS: v }), v).toThrow(/PARLEY_FRAME_ANCESTORS/);
    }
  });

  it('keeps the sign-in limits', () => {
    expect(loadConfig({}).signIn).toEqual({ perAddress: 60, perEmail: 10, slowdownAfter: 5 });
    expect(loadConfig({ PARLEY_SIGNIN_SLOWDOWN_AFTER: '3' }).signIn.slowdownAfter).toBe(3);
    expect(() => loadConfig({ PARLEY_SIGNIN_PER_EMAIL: '0' })).toThrow(/PARLEY_SIGNIN_PER_EMAIL/);
  });
  it('takes the attachment limits, allowlist and S3 store, and refuses what would not work', () => {
    expect(loadConfig({}).attachments).toEqual({ maxBytes: 25 * 1_048_576, types: undefined, s3Url: undefined });
    const set = loadConfig({
      PARLEY_ATTACHMENT_MAX_MB: '5',
      PARLEY_ATTACHMENT_TYPES: 'image/*, application/PDF',
      PARLEY_S3_URL: 'https://KEY:SECRET@s3.example.com/parley?region=eu-west-1',
    }).attachments;
    expect(set).toEqual({
      maxBytes: 5 * 1_048_576,
      types: ['image/*', 'application/pdf'],
      s3Url: 'https://KEY:SECRET@s3.example.com/parley?region=eu-west-1',
    });
    expect(() => loadConfig({ PARLEY_ATTACHMENT_MAX_MB: '0' })).toThrow(/PARLEY_ATTACHMENT_MAX_MB/);
    expect(() => loadConfig({ PARLEY_ATTACHMENT_TYPES: 'pdf' })).toThrow(/PARLEY_ATTACHMENT_TYPES: Use a comma-separated list/);
    expect(() => loadConfig({ PARLEY_S3_URL: 'https://s3.example.com' })).toThrow(
      /PARLEY_S3_URL: Use https:\/\/KEY:SECRET@endpoint\/bucket/,
    );
  });
});
