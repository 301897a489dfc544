import { describe, expect, it } from 'vitest';
import { checkDestination, isPrivateAddress } from './addresses';

describe('webhook destinations', () => {
  it('refuses private, loopback, link-local and reserved addresses of both families, IPv4-mapped ones included', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a00:1',
      'not an address',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('resolves a name and checks what it resolves to; an IP literal as it is', async () => {
    expect(await checkDestination(new URL('http://localhost:9/hook'), false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('private'),
    });
    expect(await checkDestination(new URL('http://[::1]/'), false)).toMatchObject({ ok: false });
    expect(await checkDestination(new URL('http://0x7f.1/'), false)).toMatchObject({ ok: false });
    expect(await checkDestination(new URL('http://127.0.0.1/'), true)).toEqual({ ok: true, addresses: ['127.0.0.1'] });
    expect(await checkDestination(new URL('http://93.184.215.14/'), false)).toEqual({ ok: true, addresses: ['93.184.215.14'] });
    expect(await checkDestination(new URL('http://no-such-host.invalid/'), false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not resolve'),
    });
  });
});
