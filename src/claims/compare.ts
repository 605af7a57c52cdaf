/**
 * When do two claims about one figure agree? Values are first put on one scale:
 * - rates per N tokens become per-token ("$30 per 1M tokens" = "$0.03 per 1K tokens");
 * - changes become factors ("up 50%" = ×1.5, "doubled" = ×2, "dropped 90%" = ×0.1, "10x cheaper" = ×0.1);
 * then they agree when within a relative tolerance (wider when either side is hedged), or when
 * ranges overlap. Units that cannot be put on one scale are "incomparable", never "contradicting".
 */
import type { Claim } from './extract/types.ts';

export type ComparableClaim = {
  value: number;
  valueHigh: number | null;
  unit: string;
  per: string | null;
  direction: string | null;
  hedged: boolean;
};
export type Verdict = 'agree' | 'conflict' | 'incomparable';

/** What a claim states, as extracted (or as filed, before it is compared). */
export type Stated = Pick<Claim, 'value' | 'value_high' | 'per' | 'hedged'> & {
  unit: string;
  direction: string | null;
};

/** An extracted claim as the comparison sees it. */
export const comparableOf = (c: Stated): ComparableClaim => ({
  value: c.value,
  valueHigh: c.value_high,
  unit: c.unit,
  per: c.per,
  direction: c.direction,
  hedged: c.hedged,
});

export const TOLERANCE = 0.1;
export const HEDGED_TOLERANCE = 0.25;

type Scaled = { kind: string; low: number; high: number };

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};

/** "1M output tokens" → 1e6 (per token); "1K tokens" → 1e3; other denominators stay as named. */
export function perDivisor(per: string | null): { key: string; divisor: number } {
  if (!per) return { key: '', divisor: 1 };
  const m = per
    .toLowerCase()
    .match(
      /^\s*(\d+(?:\.\d+)?)?\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?\s*((?:input|output)\s+)?tokens?\b/,
    );
  if (!m) return { key: per.toLowerCase().replace(/\s+/g, ' ').trim(), divisor: 1 };
  const n = Number(m[1] ?? 1) * (m[2] ? SCALE[m[2]] : 1);
  return { key: `${(m[3] ?? '').trim()} token`.trim(), divisor: n };
}

export function scaled(c: ComparableClaim): Scaled | null {
  const high = c.valueHigh ?? c.value;
  if (c.direction && (c.unit === 'percent' || c.unit === 'ratio')) {
    const factor = (v: number) =>
      c.unit === 'percent' ? (c.direction === 'up' ? 1 + v / 100 : 1 - v / 100) : c.direction === 'up' ? v : 1 / v;
    const [a, b] = [factor(c.value), factor(high)];
    return { kind: 'change-factor', low: Math.min(a, b), high: Math.max(a, b) };
  }
  const { key, divisor } = perDivisor(c.per);
  return { kind: `${c.unit}/${key}`, low: c.value / divisor, high: high / divisor };
}

export function compare(a: ComparableClaim, b: ComparableClaim): Verdict {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y) return 'incomparable';
  return compareScaled(x, a.hedged, y, b.hedged);
}

function compareScaled(x: Scaled, xHedged: boolean, y: Scaled, yHedged: boolean): Verdict {
  if (x.kind !== y.kind) return 'incomparable';
  const tol = xHedged || yHedged ? HEDGED_TOLERANCE : TOLERANCE;
  // The gap between the two intervals (0 when they overlap), relative to the larger magnitude.
  const gap = Math.max(0, y.low - x.high, x.low - y.high);
  const scale = Math.max(Math.abs(x.low), Math.abs(x.high), Math.abs(y.low), Math.abs(y.high));
  return gap <= tol * scale ? 'agree' : 'conflict';
}

/** Where a claim was stated (ids as stored) and how it is anchored in time; claims without ids count as separate sources. */
export type Sourced = { articleId?: number | null; commentId?: number | null; timeKind?: string | null };

/** Two claims of one article, or of one comment, are one source speaking twice. */
/** A stored claim (a ledger row) as the comparison sees it, with where it came from and its id. */
export const storedComparable = (
  c: ComparableClaim & { articleId: number | null; commentId: number | null; timeKind: string; claimId: number },
) => ({
  value: c.value,
  valueHigh: c.valueHigh,
  unit: c.unit,
  per: c.per,
  direction: c.direction,
  hedged: c.hedged,
  articleId: c.articleId,
  commentId: c.commentId,
  timeKind: c.timeKind,
  claimId: c.claimId,
});

export const sameSource = (a: Sourced, b: Sourced): boolean =>
  (a.articleId != null && a.articleId === b.articleId) || (a.commentId != null && a.commentId === b.commentId);

/**
 * What can take part in a verdict: an article's claim that is anchored in time. Comments are
 * checked against articles (src/crosscheck), never counted as sources that agree or contradict;
 * a flow or growth rate stated with no period at all is shown beside the figure as undated.
 */
export const givesVerdict = (c: Sourced): boolean => c.commentId == null && c.timeKind !== 'undated';

/**
 * A figure is contested when two articles state it and nothing one says agrees with anything the
 * other says: each article is compared as the set of values it gives. One article giving several
 * values under one figure is far more often several quantities filed under one subject (a
 * survey's 95 % and 15 %, a list of segments, a comparison base "up from $2.6 billion", a figure
 * and its conversion into another currency) than a dispute; if any of them agrees with the other
 * article, the two articles do not contradict each other. Returns the conflicting claim pairs of
 * the articles that disagree (the consistency checks look inside articles).
 */
export function conflictingPairs<T extends ComparableClaim & Sourced>(claims: T[]): [T, T][] {
  return [...conflicts(claims)];
}

/** The first of conflictingPairs(claims), or null, without listing the rest (a large figure has ~10⁶). */
export function firstConflict<T extends ComparableClaim & Sourced>(claims: T[]): [T, T] | null {
  return conflicts(claims).next().value ?? null;
}

/**
 * The claims that appear in conflictingPairs(claims), found per claim against the value sets of the
 * profiles that oppose its source, so the cost follows the distinct values rather than the pairs.
 */
export function conflictedClaims<T extends ComparableClaim & Sourced>(claims: T[]): Set<T> {
  const { groups, sig, values, profile, members, opposed, sets } = profilesOf(claims);
  const out = new Set<T>();
  groups.forEach((g, i) => {
    // Another source of the same profile counts only if there is one.
    const against = opposed[profile[i]].filter((q) => q !== profile[i] || members[q].length > 1);
    g.forEach((c, m) => {
      if (against.some((q) => sets[q].some((w) => values.verdict(sig[i][m], w) === 'conflict'))) out.add(c);
    });
  });
  return out;
}

/** conflictingPairs one pair at a time: each source against the later sources whose profiles oppose its own. */
function* conflicts<T extends ComparableClaim & Sourced>(claims: T[]): Generator<[T, T]> {
  const { groups, sig, values, profile, members, opposed } = profilesOf(claims);
  for (let i = 0; i < groups.length; i++) {
    const later = opposed[profile[i]].flatMap((q) => members[q].slice(firstAbove(members[q], i)));
    for (const j of later.sort((a, b) => a - b)) {
      for (let m = 0; m < groups[i].length; m++) {
        for (let n = 0; n < groups[j].length; n++) {
          if (values.verdict(sig[i][m], sig[j][n]) === 'conflict') yield [groups[i][m], groups[j][n]];
        }
      }
    }
  }
}

/** Whether conflictingPairs(claims) is not empty, without listing the pairs (a verdict needs only that). */
function hasConflict(claims: (ComparableClaim & Sourced)[]): boolean {
  const { members, opposed } = profilesOf(claims);
  return opposed.some((qs, p) => qs.some((q) => q !== p || members[p].length > 1));
}

/**
 * The sources of a figure's claims (an article, or each claim without one) and their "profiles":
 * compare() reads only a claim's scaled interval and hedge, and sources of a large figure repeat a
 * few values, so sources giving the same set of values are compared once, as one profile, and only
 * source pairs that disagree are visited later: the cost follows the distinct values and the pairs
 * returned rather than the square of the claims (issue 14).
 */
function profilesOf<T extends ComparableClaim & Sourced>(claims: T[]) {
  const sources = new Map<string, T[]>();
  claims.filter(givesVerdict).forEach((c, i) => {
    const key = c.articleId != null ? `a${c.articleId}` : `x${i}`;
    const group = sources.get(key);
    if (group) group.push(c);
    else sources.set(key, [c]);
  });
  const groups = [...sources.values()];
  const values = distinctValues();
  const sig = groups.map((g) => g.map((c) => values.of(c)));
  const profileOf = new Map<string, number>();
  const sets: number[][] = [];
  const members: number[][] = []; // each profile's sources, ascending
  const profile = sig.map((s, g) => {
    const set = [...new Set(s)].sort((a, b) => a - b);
    const key = set.join(',');
    let p = profileOf.get(key);
    if (p === undefined) {
      profileOf.set(key, (p = sets.push(set) - 1));
      members.push([]);
    }
    members[p].push(g);
    return p;
  });
  const opposed = sets.map(() => [] as number[]); // profiles whose sources contradict this one's
  for (let p = 0; p < sets.length; p++) {
    for (let q = p; q < sets.length; q++) {
      if (values.contradict(sets[p], sets[q])) (opposed[p].push(q), p !== q && opposed[q].push(p));
    }
  }
  return { groups, sig, values, profile, members, opposed, sets };
}

/** Index of the first element of an ascending list greater than x. */
function firstAbove(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Claims numbered by what compare() reads of them (scaled interval, hedge), compared by number. */
function distinctValues() {
  const ids = new Map<string, number>();
  const scales: (Scaled | null)[] = [];
  const hedges: boolean[] = [];
  const verdict = (a: number, b: number): Verdict => {
    const x = scales[a];
    const y = scales[b];
    return x && y ? compareScaled(x, hedges[a], y, hedges[b]) : 'incomparable';
  };
  return {
    of(c: ComparableClaim): number {
      const x = scaled(c);
      const key = x ? `${x.kind}\u0000${x.low}\u0000${x.high}\u0000${c.hedged}` : `\u0001${scales.length}`;
      let id = ids.get(key);
      if (id === undefined) {
        ids.set(key, (id = scales.push(x) - 1));
        hedges.push(c.hedged);
      }
      return id;
    },
    verdict,
    /** Two sets of values contradict when none of one agrees with any of the other and some conflict. */
    contradict(p: number[], q: number[]): boolean {
      let conflict = false;
      for (const a of p) {
        for (const b of q) {
          const v = verdict(a, b);
          if (v === 'agree') return false;
          if (v === 'conflict') conflict = true;
        }
      }
      return conflict;
    },
  };
}

/** What a figure's sources say together: one source so far, all agree, or some contradict others. */
export type FigureVerdict = 'one-source' | 'agree' | 'contested';

export function figureVerdict(claims: (ComparableClaim & Sourced)[]): FigureVerdict {
  const eligible = claims.filter(givesVerdict);
  if (eligible.length < 2 || eligible.every((c) => sameSource(c, eligible[0]))) return 'one-source';
  return hasConflict(eligible) ? 'contested' : 'agree';
}

/** Lightly normalised period for figure identity: "Year-over-year" = "YoY", case and spaces folded. */
export function periodKey(period: string | null): string {
  if (!period) return '';
  return period
    .toLowerCase()
    .replace(/year[\s-]*over[\s-]*year|y\/y|\byoy\b/g, 'yoy')
    .replace(/quarter[\s-]*over[\s-]*quarter|q\/q|\bqoq\b/g, 'qoq')
    .replace(/fiscal\s+(year\s+)?/g, 'fy')
    .replace(/\s+/g, ' ')
    .trim();
}
