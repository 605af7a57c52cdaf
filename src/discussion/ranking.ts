/** Ordering for the front page (hotScore) and for sibling comments (commentScore), plus relative times. */

export type HotInput = { points: number; comments: number; sources: number; ageHours: number; gravity?: number };

// Weights, relative to one upvote:
// - a comment is worth 0.25: it signals interest, but one person can post many and arguments breed replies;
// - each independent source beyond the first is worth 1.5: wide coverage marks news before votes arrive
//   (cold start), capped at 10 extra so one wire story syndicated everywhere cannot run away.
export const HOT_WEIGHTS = { comment: 0.25, extraSource: 1.5, maxExtraSources: 10 } as const;

/** Hacker News' (P-1)/(T+2)^G with comments and coverage added to P. Higher is hotter. */
export function hotScore({ points, comments, sources, ageHours, gravity = 1.8 }: HotInput): number {
  const votes = Math.max(0, points - 1); // the submitter's own vote says nothing
  const extraSources = Math.min(HOT_WEIGHTS.maxExtraSources, Math.max(0, sources - 1));
  const weight = votes + HOT_WEIGHTS.comment * Math.max(0, comments) + HOT_WEIGHTS.extraSource * extraSources;
  const age = Math.max(0, ageHours); // clock skew must not make a story "younger than new"
  return weight / Math.pow(age + 2, gravity);
}

/** Lower bound of the Wilson score interval for `up` successes in `n` trials (0 when n is 0). */
export function wilsonLowerBound(up: number, n: number, z = 1.96): number {
  if (n <= 0) return 0;
  const successes = Math.min(Math.max(0, up), n);
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  return (centre - margin) / (1 + z2 / n);
}

/**
 * Comments have upvotes and flags, no downvotes and no view counts. We treat flags as the negative
 * trials: n = upvotes + flags. With no flags the bound is up/(up + z²), i.e. "more votes is better,
 * with diminishing returns", and flags are the only thing that pulls a comment below one with fewer
 * votes. Pseudo-counts based on views or reply exposure were rejected: we do not record views, and
 * replies measure controversy as much as quality. New comments score 0; break ties by age.
 */
export function commentScore({ upvotes, flags = 0 }: { upvotes: number; flags?: number }): number {
  return wilsonLowerBound(upvotes, Math.max(0, upvotes) + Math.max(0, flags));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}

/** A time still to come: "due now" once it has passed, then "in 5 minutes", "in 3 hours", "in 2 days", or the date. */
export function timeUntil(date: Date, now: Date): string {
  const ms = date.getTime() - now.getTime();
  const inN = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < MINUTE) return ms <= 0 ? 'due now' : 'in under a minute';
  if (ms < HOUR) return inN(Math.round(ms / MINUTE), 'minute');
  if (ms < DAY) return inN(Math.round(ms / HOUR), 'hour');
  if (ms < 7 * DAY) return inN(Math.round(ms / DAY), 'day');
  return shortDate(date, now);
}

/** "just now", "3 minutes ago", "2 hours ago", "yesterday", "4 days ago", "Mar 3", "Mar 3, 2023" (UTC). */
export function timeAgo(date: Date, now: Date): string {
  const ms = now.getTime() - date.getTime();
  if (ms < MINUTE) return 'just now'; // includes small future skews
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  if (ms < 2 * DAY) return 'yesterday';
  if (ms < 7 * DAY) return plural(Math.floor(ms / DAY), 'day');
  return shortDate(date, now);
}

/** "Mar 3", or "Mar 3, 2023" when the year is not this one (UTC). */
function shortDate(date: Date, now: Date): string {
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return date.getUTCFullYear() === now.getUTCFullYear() ? day : `${day}, ${date.getUTCFullYear()}`;
}
