/**
 * The moderation queue's order. Pure.
 *
 * priority = (1 + 2·flags + ln(1 + reach) + 1.5·disagreement) / (age in hours + 2)^0.5
 *
 * - flags: the summed weight of open flags (a new account's flag counts half);
 * - reach: who has seen or answered it — readers of its story (distinct visitors) plus replies;
 * - disagreement: disputing stances on its figure(s), more when others support it (a live
 *   argument), plus one when sources in the ledger contradict each other;
 * - age: hours since its latest activity (a flag, an unsourced restatement). Like the front page,
 *   fresh problems come first: they are being read now. The gentle exponent (0.5, not HN's 1.8)
 *   keeps a heavily flagged item from yesterday above an unflagged one from this minute.
 */
export type Signals = { flagWeight: number; reach: number; disagreement: number; ageHours: number };

export function priority(s: Signals): number {
  const weight =
    1 + 2 * Math.max(0, s.flagWeight) + Math.log1p(Math.max(0, s.reach)) + 1.5 * Math.max(0, s.disagreement);
  return weight / Math.sqrt(Math.max(0, s.ageHours) + 2);
}

/** Disputes count; a dispute against support counts again (two camps); contradicting sources add one. */
export function disagreement(counts: { supports: number; disputes: number }, sourcesConflict: boolean): number {
  return counts.disputes + Math.min(counts.supports, counts.disputes) + (sourcesConflict ? 1 : 0);
}
