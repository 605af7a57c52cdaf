/**
 * When do two claims about one figure agree? Values are first put on one scale:
 * - rates per N tokens become per-token ("$30 per 1M tokens" = "$0.03 per 1K tokens");
 * - changes become factors ("up 50%" = ×1.5, "doubled" = ×2, "dropped 90%" = ×0.1, "10x cheaper" = ×0.1);
 * then they agree when within a relative tolerance (wider when either side is hedged), or when
 * ranges overlap. Units that cannot be put on one scale are "incomparable", never "contradicting".
 */
export type ComparableClaim = { value: number; valueHigh: number | null; unit: string; per: string | null; direction: string | null; hedged: boolean };
export type Verdict = 'agree' | 'conflict' | 'incomparable';

export const TOLERANCE = 0.1;
export const HEDGED_TOLERANCE = 0.25;

type Scaled = { kind: string; low: number; high: number };

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12 };

/** "1M output tokens" → 1e6 (per token); "1K tokens" → 1e3; other denominators stay as named. */
export function perDivisor(per: string | null): { key: string; divisor: number } {
  if (!per) return { key: '', divisor: 1 };
  const m = per.toLowerCase().match(/^\s*(\d+(?:\.\d+)?)?\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?\s*((?:input|output)\s+)?tokens?\b/);
  if (!m) return { key: per.toLowerCase().replace(/\s+/g, ' ').trim(), divisor: 1 };
  const n = Number(m[1] ?? 1) * (m[2] ? SCALE[m[2]] : 1);
  return { key: `${(m[3] ?? '').trim()} token`.trim(), divisor: n };
}

export function scaled(c: ComparableClaim): Scaled | null {
  const high = c.valueHigh ?? c.value;
  if (c.direction && (c.unit === 'percent' || c.unit === 'ratio')) {
    const factor = (v: number) => (c.unit === 'percent' ? (c.direction === 'up' ? 1 + v / 100 : 1 - v / 100) : c.direction === 'up' ? v : 1 / v);
    const [a, b] = [factor(c.value), factor(high)];
    return { kind: 'change-factor', low: Math.min(a, b), high: Math.max(a, b) };
  }
  const { key, divisor } = perDivisor(c.per);
  return { kind: `${c.unit}/${key}`, low: c.value / divisor, high: high / divisor };
}

export function compare(a: ComparableClaim, b: ComparableClaim): Verdict {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y || x.kind !== y.kind) return 'incomparable';
  const tol = a.hedged || b.hedged ? HEDGED_TOLERANCE : TOLERANCE;
  // The gap between the two intervals (0 when they overlap), relative to the larger magnitude.
  const gap = Math.max(0, y.low - x.high, x.low - y.high);
  const scale = Math.max(Math.abs(x.low), Math.abs(x.high), Math.abs(y.low), Math.abs(y.high));
  return gap <= tol * scale ? 'agree' : 'conflict';
}

/** Where a claim was stated (ids as stored) and how it is anchored in time; claims without ids count as separate sources. */
export type Sourced = { articleId?: number | null; commentId?: number | null; timeKind?: string | null };

/** Two claims of one article, or of one comment, are one source speaking twice. */
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
  const sources = new Map<string, T[]>();
  claims.filter(givesVerdict).forEach((c, i) => {
    const key = c.articleId != null ? `a${c.articleId}` : `x${i}`;
    sources.set(key, [...(sources.get(key) ?? []), c]);
  });
  const groups = [...sources.values()];
  const pairs: [T, T][] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const cross = groups[i].flatMap((a) => groups[j].map((b) => [a, b, compare(a, b)] as const));
      if (cross.some(([, , v]) => v === 'agree')) continue;
      for (const [a, b, v] of cross) if (v === 'conflict') pairs.push([a, b]);
    }
  }
  return pairs;
}

/** What a figure's sources say together: one source so far, all agree, or some contradict others. */
export type FigureVerdict = 'one-source' | 'agree' | 'contested';

export function figureVerdict(claims: (ComparableClaim & Sourced)[]): FigureVerdict {
  const eligible = claims.filter(givesVerdict);
  if (eligible.length < 2 || eligible.every((c) => sameSource(c, eligible[0]))) return 'one-source';
  return conflictingPairs(eligible).length > 0 ? 'contested' : 'agree';
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
