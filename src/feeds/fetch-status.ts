import type { Feed } from './feeds.sql.ts';

/** A feed's fetch status as `crosscheck feeds list` and /admin/feeds show it. */
export type FetchStatus =
  { kind: 'new' | 'ok' | 'disabled' } | { kind: 'failing'; failures: number } | { kind: 'leased'; until: Date };

/** A lease that has not expired means a poll in progress, or a killed process's lease not yet expired. */
export function leasedUntil(f: Feed, now: Date): Date | null {
  return f.leaseUntil && f.leaseUntil > now ? f.leaseUntil : null;
}

export function fetchStatus(f: Feed, now: Date): FetchStatus {
  const leased = leasedUntil(f, now);
  if (f.disabledAt) return { kind: 'disabled' };
  if (leased) return { kind: 'leased', until: leased };
  if (f.consecutiveErrors) return { kind: 'failing', failures: f.consecutiveErrors };
  return { kind: f.lastFetchedAt ? 'ok' : 'new' };
}

/** `new`, `ok`, `failing×N`, `disabled` or `leased until <time>` (the time as the caller writes it). */
export function statusLabel(s: FetchStatus, time: (d: Date) => string): string {
  if (s.kind === 'failing') return `failing×${s.failures}`;
  if (s.kind === 'leased') return `leased until ${time(s.until)}`;
  return s.kind;
}
