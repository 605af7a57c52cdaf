import { describe, expect, it } from 'vitest';
import { blockReason, guardedLookup, isBlockedAddress, parseAllowList } from '../../src/ingest/ssrf.ts';
import { AppError } from '../../src/errors.ts';

const none = parseAllowList('');

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.8.9.10', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.0.0.5', 'a private address'],
    ['172.16.3.4', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['169.254.1.1', 'a link-local address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['fe80::1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'the cloud metadata address'],
    ['64:ff9b::a00:5', 'a private address'],
    ['2002:0a00:0005::1', 'a private address'],
    ['240.0.0.1', 'a reserved address'],
  ])('when the address is %s, then it is refused as %s', (ip, reason) => {
    expect(isBlockedAddress(ip, none, 'feeds.example')).toBe(true);
    expect(blockReason(ip, none, 'feeds.example')).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:1.1.1.1'])(
    'when the address is public (%s), then it is allowed',
    (ip) => {
      expect(isBlockedAddress(ip, none, 'feeds.example')).toBe(false);
    },
  );

  it('when the hostname is a metadata service, then it is refused whatever it resolves to or allows', () => {
    const all = parseAllowList('metadata.google.internal,0.0.0.0/0');
    expect(isBlockedAddress('8.8.8.8', all, 'Metadata.Google.Internal.')).toBe(true);
  });

  it('when the string is not an address, then it is refused', () => {
    expect(isBlockedAddress('not-an-ip', none, 'x')).toBe(true);
  });
});

describe('parseAllowList', () => {
  it('when entries are hosts, addresses and CIDRs, then each matches its own way', () => {
    const allow = parseAllowList(' Intranet.Local. , 10.0.0.5, 192.168.0.0/16, [fd00::1], ::ffff:172.16.0.0/112 ');
    expect(isBlockedAddress('10.9.9.9', allow, 'intranet.local')).toBe(false);
    expect(isBlockedAddress('10.0.0.5', allow, 'any.example')).toBe(false);
    expect(isBlockedAddress('10.0.0.6', allow, 'any.example')).toBe(true);
    expect(isBlockedAddress('192.168.77.1', allow, 'any.example')).toBe(false);
    expect(isBlockedAddress('::ffff:192.168.77.1', allow, 'any.example')).toBe(false);
    expect(isBlockedAddress('fd00::1', allow, 'any.example')).toBe(false);
    expect(isBlockedAddress('172.16.5.1', allow, 'any.example')).toBe(false);
    expect(isBlockedAddress('172.20.0.1', allow, 'any.example')).toBe(true);
  });

  it('when given an array, then it is parsed like the CSV', () => {
    expect(isBlockedAddress('127.0.0.1', parseAllowList(['127.0.0.0/8']))).toBe(false);
  });

  it('when a CIDR is malformed, then it throws a config error naming the entry', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });
});

describe('guardedLookup', () => {
  const lookup = (host: string, allow = none, all = true) =>
    new Promise<{ err: unknown; address: unknown }>((resolve) =>
      guardedLookup(allow)(host, { all }, (err, address) => resolve({ err, address })),
    );

  it('when a name resolves only to loopback, then the lookup fails with a readable refusal', async () => {
    const { err } = await lookup('localhost');
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('fetch_blocked_address');
    expect((err as AppError).message).toMatch(
      /^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    );
  });

  it('when the name is allowed, then its addresses are returned in the shape asked for', async () => {
    const all = await lookup('localhost', parseAllowList('localhost'));
    expect(all.err).toBeNull();
    expect(Array.isArray(all.address)).toBe(true);
    const one = await lookup('localhost', parseAllowList('127.0.0.1'), false);
    expect(one).toEqual({ err: null, address: '127.0.0.1' });
  });
});
