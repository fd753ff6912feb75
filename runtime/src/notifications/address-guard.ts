import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/*
 * Webhook URLs come from metadata an admin edits, so a call must not reach the server's own network: loopback, private
 * and link-local ranges (169.254.169.254 is the cloud metadata service), and every other range IANA marks as not
 * globally reachable. The check runs on the addresses the connection actually uses (the lookup it is given), so a
 * name that resolves to a public address when checked and a private one when used (DNS rebinding) is refused too.
 *
 * This is what request-filtering-agent does; that package is ESM-only, and jest 30 on Node 20 cannot load it from
 * CommonJS without a transform exception in the root jest config, so the same check lives here on node:net.
 */
const V4_BLOCKED = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.31.196.0', 24], ['192.52.193.0', 24], ['192.88.99.0', 24],
  ['192.168.0.0', 16], ['192.175.48.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
// Only global unicast (2000::/3) is public, less its special blocks (documentation, 6to4, Teredo, ORCHID...). Everything
// outside it is refused, which takes in ::1, ::, IPv4-mapped and NAT64 forms of private IPv4, fc00::/7 and fe80::/10.
const V6_BLOCKED = [['::', 3], ['4000::', 2], ['8000::', 1], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16], ['3fff::', 20]] as const;

const v4 = new BlockList();
for (const [network, prefix] of V4_BLOCKED) v4.addSubnet(network, prefix, 'ipv4');
const v6 = new BlockList();
for (const [network, prefix] of V6_BLOCKED) v6.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address (v4 or v6 text) is publicly routable; anything that is not an IP address is not. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !v4.check(address, 'ipv4');
  if (family === 6) return !v6.check(address, 'ipv6');
  return false;
}

/** The error of a refused address: permanent, since the same URL will resolve the same way. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ERR_ADDRESS_REFUSED';
  constructor(readonly host: string, readonly address: string) {
    super(`refused to connect to ${host === address ? address : `${host} (${address})`}: not a public address (set TESSERA_WEBHOOK_ALLOW_PRIVATE=1 to allow it)`);
  }
}

/** Refuses a host that is a non-public IP literal (Node connects to those without a lookup, so the lookup guard never sees them). */
export function checkLiteralHost(hostname: string): void {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) && !isPublicAddress(host)) throw new AddressRefusedError(host, host);
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
type OneCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** A dns.lookup for http.request's `lookup` option that fails with AddressRefusedError when any answer is not public. */
export const guardedLookup: LookupFunction = (hostname: string, options: LookupOptions, callback: unknown) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    const refused = error ? undefined : addresses.find((a) => !isPublicAddress(a.address));
    const failure = error ?? (refused ? new AddressRefusedError(hostname, refused.address) : null);
    if (options.all) (callback as AllCallback)(failure, failure ? [] : addresses);
    else if (failure || !addresses[0]) (callback as OneCallback)(failure ?? Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    else (callback as OneCallback)(null, addresses[0].address, addresses[0].family);
  });
};
