/**
 * SSRF guard: feeds are user-supplied URLs, so the fetcher must never reach the machine's own
 * network (loopback, RFC1918, link-local cloud metadata, …). Addresses are checked after DNS
 * resolution, inside the socket's own `lookup`, so a name cannot resolve to one address when
 * checked and another when connected (DNS rebinding).
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type AllowList = { hosts: ReadonlySet<string>; ranges: ReadonlyArray<[Address, number]> };

export const emptyAllowList: AllowList = { hosts: new Set(), ranges: [] };

/** Names that are metadata services whatever they resolve to; never allowed. */
const blockedHostnames = new Set(['metadata.google.internal', 'metadata.goog']);

const rangeWords: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
};

export function normalizeHostname(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** Parses `ALLOWED_PRIVATE_HOSTS`: comma-separated hostnames, addresses or CIDRs. Throws on a bad CIDR. */
export function parseAllowList(csv: string | readonly string[]): AllowList {
  const entries = (typeof csv === 'string' ? csv.split(',') : csv).map((e) => e.trim()).filter(Boolean);
  const hosts = new Set<string>();
  const ranges: [Address, number][] = [];
  for (const entry of entries) {
    const bare = normalizeHostname(entry);
    try {
      if (bare.includes('/')) ranges.push(unwrapRange(ipaddr.parseCIDR(bare)));
      else if (ipaddr.isValid(bare))
        ranges.push(unwrapRange([ipaddr.parse(bare), ipaddr.parse(bare).kind() === 'ipv4' ? 32 : 128]));
      else hosts.add(bare);
    } catch (err) {
      throw new AppError('config_allow_list', `Invalid entry "${entry}" in the private-host allow-list`, {
        cause: err,
      });
    }
  }
  return { hosts, ranges };
}

/** IPv4 embedded in IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 address it reaches. */
function unwrap(addr: Address): Address {
  if (addr.kind() === 'ipv4') return addr;
  const v6 = addr as ipaddr.IPv6;
  const range = v6.range();
  const p = v6.parts;
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return new ipaddr.IPv4([p[6] >> 8, p[6] & 0xff, p[7] >> 8, p[7] & 0xff]);
  }
  if (range === '6to4') return new ipaddr.IPv4([p[1] >> 8, p[1] & 0xff, p[2] >> 8, p[2] & 0xff]);
  return v6;
}

/** `::ffff:10.0.0.0/104` in the allow-list means `10.0.0.0/8`, matching how addresses are unwrapped. */
function unwrapRange([addr, bits]: [Address, number]): [Address, number] {
  const embedsAtEnd = addr.kind() === 'ipv6' && ['ipv4Mapped', 'rfc6145'].includes(addr.range()) && bits >= 96;
  return embedsAtEnd ? [unwrap(addr), bits - 96] : [addr, bits];
}

function allowed(addr: Address, allowList: AllowList, hostname: string): boolean {
  if (allowList.hosts.has(hostname)) return true;
  return allowList.ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

export function isBlockedHostname(hostname: string): boolean {
  return blockedHostnames.has(normalizeHostname(hostname));
}

/** Why this address must not be fetched, in words for the feed status page; undefined when it may be. */
export function blockReason(ip: string, allowList: AllowList = emptyAllowList, hostname = ip): string | undefined {
  const host = normalizeHostname(hostname);
  if (isBlockedHostname(host)) return 'a cloud metadata service';
  if (!ipaddr.isValid(ip)) return 'not a valid address';
  const addr = unwrap(ipaddr.parse(ip));
  if (allowed(addr, allowList, host)) return undefined;
  if (addr.toString() === '169.254.169.254') return 'the cloud metadata address';
  const range = addr.range();
  if (range === 'unicast') return undefined;
  return rangeWords[range] ?? 'a reserved address';
}

/**
 * Why fetching this URL will be refused, judged from the URL alone (an address, `localhost`), for
 * a warning when a feed is added; undefined when it may be fetched or only DNS can tell, since
 * names are checked after resolution when the feed is fetched.
 */
export function urlBlockReason(url: string, allowList: AllowList = emptyAllowList): string | undefined {
  const host = normalizeHostname(new URL(url).hostname);
  if (ipaddr.isValid(host)) return blockReason(host, allowList, host);
  if (isBlockedHostname(host)) return 'a cloud metadata service';
  if (host !== 'localhost' && !host.endsWith('.localhost')) return undefined;
  // A localhost name is fetched when either loopback address it resolves to is allowed.
  const reasons = ['127.0.0.1', '::1'].map((ip) => blockReason(ip, allowList, host));
  return reasons.every(Boolean) ? 'a loopback name' : undefined;
}

export function isBlockedAddress(ip: string, allowList: AllowList = emptyAllowList, hostname = ip): boolean {
  return blockReason(ip, allowList, hostname) !== undefined;
}

export function blockedError(hostname: string, ip: string, reason: string): AppError {
  const host = normalizeHostname(hostname);
  const what = host === normalizeHostname(ip) ? `${ip} is` : `${host} resolves to ${ip},`;
  return new AppError('fetch_blocked_address', `Refused: ${what} ${reason}`, { status: 400 });
}

/**
 * A `lookup` for http(s).request that resolves as usual, then keeps only permitted addresses;
 * the socket can only connect to what this returns.
 */
export function guardedLookup(allowList: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      // net.connect asks for every address when it races IPv4/IPv6 (autoSelectFamily).
      const permitted = addresses.filter((a) => !isBlockedAddress(a.address, allowList, hostname));
      if (permitted.length === 0) {
        const first = addresses[0];
        const reason = first ? blockReason(first.address, allowList, hostname)! : 'no address';
        return callback(blockedError(hostname, first?.address ?? '?', reason), '', 0);
      }
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, permitted);
      callback(null, permitted[0].address, permitted[0].family);
    });
  };
}
