// Which addresses a webhook may go to: none that is private, loopback,
// link-local or otherwise not on the public internet (so that an
// Administrator's URL cannot reach the server's own network), unless the
// operator allows it (PARLEY_WEBHOOKS_ALLOW_PRIVATE=true). The host is
// resolved and every address it resolves to is checked, when the URL is saved
// and again at each delivery, on the very addresses the connection then uses.
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';

const refused = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  refused.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  refused.addSubnet(prefix, bits, 'ipv6');

/** Whether an IP address is private, loopback, link-local or reserved (IPv4-mapped IPv6 counts as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host as DNS and net.isIP read it ("[::1]" is "::1"). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

export type AddressCheck = { ok: true; addresses: string[] } | { ok: false; reason: string };

/** Resolves the URL's host and checks every address (an IP literal is checked as it is). */
export async function checkDestination(url: URL, allowPrivate: boolean): Promise<AddressCheck> {
  const host = hostOf(url);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return { ok: false, reason: `The host ${host} does not resolve.` };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: `The host ${host} does not resolve.` };
  const inside = addresses.find(isPrivateAddress);
  if (inside && !allowPrivate) {
    return {
      ok: false,
      reason: `${host} resolves to ${inside}, a private, loopback or link-local address; webhooks go to public addresses only.`,
    };
  }
  return { ok: true, addresses };
}

/**
 * A lookup for node:http that resolves as usual and then refuses the
 * connection when any address is private: what is checked is what is
 * connected to, so a DNS answer that changes between check and connect
 * changes nothing.
 */
export function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const inside = found.find((a) => isPrivateAddress(a.address));
      if (inside && !allowPrivate) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${inside.address}, a private address`), { code: 'EPRIVATE' }),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, found);
      const first = found[0]!;
      callback(null, first.address, first.family);
    });
  };
}
