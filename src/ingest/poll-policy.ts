/**
 * When to poll a feed next (pure). A feed's own hints (Cache-Control max-age, RSS <ttl>,
 * Retry-After) only ever slow us down, never speed us up, and are capped so a typo such as
 * `max-age=31536000` cannot silence a feed for a year.
 */
export type PollOutcome = 'ok' | 'not-modified' | 'retry-later' | 'error';

export type PollPolicyInput = {
  now: Date;
  kind: PollOutcome;
  defaultIntervalMinutes: number;
  maxAgeSeconds?: number | null;
  ttlMinutes?: number | null;
  retryAfterSeconds?: number | null;
  /** Failures in a row including this one (for 'error' and 'retry-later'). */
  consecutiveErrors: number;
  maxBackoffMinutes: number;
  /** Uniform in [0, 1); injected by tests. */
  random?: () => number;
};

const MINUTE_MS = 60_000;
/** Upper bound on any delay a feed asks for. */
export const MAX_HINT_MINUTES = 24 * 60;
const JITTER = 0.2;

const hint = (minutes: number | null | undefined) =>
  typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, MAX_HINT_MINUTES) : 0;

/** interval · 2^(errors−1), capped, then spread by ±20% so failing feeds do not retry in lockstep. */
export function backoffMinutes(input: PollPolicyInput): number {
  const { defaultIntervalMinutes, consecutiveErrors, maxBackoffMinutes, random = Math.random } = input;
  const exponent = Math.max(1, consecutiveErrors) - 1;
  const capped = Math.min(defaultIntervalMinutes * 2 ** exponent, maxBackoffMinutes);
  const jittered = capped * (1 - JITTER + 2 * JITTER * random());
  return Math.min(jittered, maxBackoffMinutes);
}

export function pollDelayMinutes(input: PollPolicyInput): number {
  switch (input.kind) {
    case 'ok':
    case 'not-modified':
      return Math.max(input.defaultIntervalMinutes, hint((input.maxAgeSeconds ?? 0) / 60), hint(input.ttlMinutes));
    case 'retry-later':
      // The server asked us to slow down: back off as for an error, and never sooner than asked.
      return Math.max(backoffMinutes(input), hint((input.retryAfterSeconds ?? 0) / 60));
    case 'error':
      return backoffMinutes(input);
  }
}

export function nextPollAt(input: PollPolicyInput): Date {
  return new Date(input.now.getTime() + Math.round(pollDelayMinutes(input) * MINUTE_MS));
}
