import { and, asc, between, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { articleSources, articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { withoutCredentials } from '../feeds/public-feed.ts';
import { claims, figureRedirects, figures, type Figure, type StoredClaim } from './claims.sql.ts';
import { canonicalEntity } from './entities.ts';
import { fiscalYearEnd } from './fiscal-calendars.ts';
import { comparableOf, compare, type Stated, periodKey, scaled, type ComparableClaim } from './compare.ts';
import {
  figureKey,
  isGrowth,
  LEVEL_WINDOW_DAYS,
  namesEntity,
  RESTATEMENT_DAYS,
  TIMELESS_MEASURES,
  type FigureKey,
  type Timing,
} from './figure-key.ts';
import type { Claim } from './extract/types.ts';
import { PRODUCT_OWNERS } from './extract/aliases.ts';
import { namesItsYear } from './time.ts';

export type { Figure, StoredClaim };
export type ClaimSource =
  | {
      kind: 'article';
      articleId: number;
      title: string;
      feedTitle: string | null;
      url: string | null;
      storyId: number | null;
    }
  | { kind: 'comment'; commentId: number };
export type LedgerClaim = StoredClaim & { source: ClaimSource };

type Origin = { articleId: number } | { commentId: number };

/** An undated flow is filed beside its subject's latest period that ended within this many months. */
const UNDATED_LOOKBACK_MONTHS = 4;

export type FileOptions = { extractorVersion: string; statedAt: Date; levelWindowDays?: number };

/**
 * Replaces the claims of one article or comment (re-extraction after an extractor upgrade, or an
 * edit) and files each under its figure (figure-key.ts). Claims without a subject are kept but
 * belong to no figure: "up 50%" of nothing cannot be compared with anything. A figure left with no
 * claims by the re-filing redirects to the figure its claims moved to.
 */
export async function replaceClaims(db: Db, origin: Origin, found: Claim[], opts: FileOptions): Promise<StoredClaim[]> {
  const where = 'articleId' in origin ? eq(claims.articleId, origin.articleId) : eq(claims.commentId, origin.commentId);
  const before = await db
    .delete(claims)
    .where(where)
    .returning({ figureId: claims.figureId, startOffset: claims.startOffset });
  if (found.length === 0) return [];
  const filed = await figuresFor(db, found, opts, 'articleId' in origin);
  const stored = await db
    .insert(claims)
    .values(
      found.map((c, i) => ({
        ...('articleId' in origin ? { articleId: origin.articleId } : { commentId: origin.commentId }),
        figureId: filed[i]?.figureId ?? null,
        quote: c.quote,
        startOffset: c.start,
        endOffset: c.end,
        metric: c.metric,
        subject: c.subject,
        value: c.value,
        valueHigh: c.value_high,
        unit: c.unit,
        per: c.per,
        period: c.period,
        direction: c.direction,
        hedged: c.hedged,
        timeKind: filed[i]?.timing ?? 'undated',
        timeKey: filed[i]?.timeKey ?? '',
        extractorVersion: opts.extractorVersion,
        statedAt: opts.statedAt,
      })),
    )
    .returning();
  await redirectEmptied(db, before, stored);
  if ('articleId' in origin) {
    await adoptOrphans(db, origin.articleId, stored, opts.statedAt);
    await adoptEchoes(db, origin.articleId, stored, opts.statedAt);
    await adoptBareCounts(db, origin.articleId, stored, opts.statedAt);
  }
  return stored;
}

/** The resolved time a claim is stored with (claims.time_key): a period, "@date", or '' when undated. */
const timeKeyOf = (key: FigureKey) =>
  key.timing === 'interval' ? key.periodKey : key.timing === 'undated' ? '' : `@${key.asOf}`;

type Filed = { figureId: number; timing: Timing; timeKey: string } | null;

async function figuresFor(db: Db, found: Claim[], opts: FileOptions, fromArticle: boolean): Promise<Filed[]> {
  const out: Filed[] = [];
  for (const c of found) {
    const key = figureKey(c, opts.statedAt);
    if (!key) {
      out.push(!c.subject && fromArticle ? await orphanFigure(db, c, opts.statedAt) : null);
      continue;
    }
    const figureId = await figureOf(db, key, c, opts, fromArticle);
    out.push({
      figureId,
      timing: key.timing,
      timeKey: timeKeyOf(key),
    });
  }
  return out;
}

async function figureOf(db: Db, key: FigureKey, c: Claim, opts: FileOptions, fromArticle: boolean): Promise<number> {
  const same = and(eq(figures.subjectKey, key.subjectKey), eq(figures.measure, key.measure));
  // A time the writer left to the reader ("last quarter", "this year", none) is a weaker guess than
  // the same number said by other outlets in the same weeks: it is their figure, restated. (Comments
  // are checked against the ledger, not taken as outlets: crosscheck/check.ts.)
  if (fromArticle && !namesItsYear(c.period) && (key.timing === 'interval' || key.timing === 'undated')) {
    const echoed = await echoedFigure(
      db,
      same,
      c,
      opts.statedAt,
      key.timing === 'interval' ? key.periodKey : '',
      key.timing === 'undated',
    );
    if (echoed !== null) return echoed;
  }
  if (key.timing === 'undated') {
    const latest = await latestPeriod(db, same, opts.statedAt, /\bQoQ$/i.test(c.period ?? ''));
    if (latest !== null) return latest;
  }
  if (key.timing !== 'interval' && TIMELESS_MEASURES.has(key.measure)) {
    const product = await productFigure(db, key, c, opts.statedAt);
    if (product !== null) return product;
  }
  // "900 million users" is the "900 million monthly active users" other outlets gave that month.
  if (fromArticle && key.measure === 'usage' && key.timing !== 'interval' && !FREQUENCY.test(c.subject ?? '')) {
    const counted = await frequencyEcho(db, key, c, opts.statedAt);
    if (counted !== null) return counted;
  }
  if (key.timing !== 'interval') {
    const level = await nearestLevel(db, same, key, c, opts.levelWindowDays ?? LEVEL_WINDOW_DAYS);
    if (level !== null) return level;
  }
  if (key.timing === 'interval' && (fiscalYearEnd(canonicalEntity(c.subject)) ?? 12) % 3 !== 0) {
    const approximate = await overlappingPeriod(db, same, key.periodKey);
    if (approximate !== null) return approximate;
  }
  const periodKey = key.timing === 'interval' ? key.periodKey : `@${key.asOf}`;
  const created = await db
    .insert(figures)
    .values({
      subjectKey: key.subjectKey,
      measure: key.measure,
      periodKey,
      subject: c.subject!,
      metric: c.metric,
      period: c.period,
    })
    .onConflictDoNothing({ target: [figures.subjectKey, figures.measure, figures.periodKey] })
    .returning({ figureId: figures.figureId });
  if (created[0]) {
    if (key.timing === 'interval') await adoptUndated(db, same, created[0].figureId, key.periodKey);
    if (TIMELESS_MEASURES.has(key.measure)) await adoptMakerClaims(db, created[0].figureId, key, c, opts.statedAt);
    return created[0].figureId;
  }
  const [row] = await db
    .select({ figureId: figures.figureId })
    .from(figures)
    .where(and(same, eq(figures.periodKey, periodKey)));
  return row.figureId;
}

/**
 * A new period's figure takes over the undated values of its subject and measure stated in the
 * months after the period ended (those filed before any dated value existed), so the order in
 * which articles arrive does not decide where an undated value ends up.
 */
async function adoptUndated(db: Db, same: SQL | undefined, figureId: number, periodKey: string): Promise<void> {
  const end = periodKey.slice(9, 16);
  const from = new Date(`${end}-01T00:00:00Z`);
  const after = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const until = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1 + UNDATED_LOOKBACK_MONTHS, 1));
  // Held by a level-style figure, or by a period that ended before this one (a worse guess by the same rule).
  const holders = db
    .select({ figureId: figures.figureId })
    .from(figures)
    .where(
      and(
        same,
        sql`(${figures.periodKey} like '@%' or (${figures.periodKey} ~ '^[0-9]{4}-[0-9]{2}[.][.]' and substr(${figures.periodKey}, 10, 7) < ${end}))`,
      ),
    );
  await db
    .update(claims)
    .set({ figureId })
    .where(
      and(
        eq(claims.timeKind, 'undated'),
        inArray(claims.figureId, holders),
        gte(claims.statedAt, after),
        lt(claims.statedAt, until),
      ),
    );
}

/**
 * The level figure ("@date") this claim restates, or null for a new one. A level figure spans the
 * dates of its claims: a claim with a value that agrees joins when it was stated within the window of
 * any of them (not only of the first); a conflicting value only when within the window of all of them. A claim with the same value as one of a figure's is a restatement when stated up
 * to RESTATEMENT_DAYS away ("valued at $500 billion in October", repeated in January); a model's
 * properties (its training cost, compute, parameters) are one quantity whenever they are stated.
 * Among candidates, agreeing values come first, then the nearest date.
 */
async function nearestLevel(
  db: Db,
  same: SQL | undefined,
  key: FigureKey,
  c: Claim,
  windowDays: number,
): Promise<number | null> {
  const at = Date.parse(key.asOf);
  const timeless = key.timing !== 'interval' && TIMELESS_MEASURES.has(key.measure);
  const reach = timeless ? 36_500 : Math.max(windowDays, RESTATEMENT_DAYS);
  const [lo, hi] = [
    new Date(at - reach * DAY).toISOString().slice(0, 10),
    new Date(at + reach * DAY).toISOString().slice(0, 10),
  ];
  const [keys, stated] = await Promise.all([
    db
      .select({ figureId: figures.figureId, periodKey: figures.periodKey })
      .from(figures)
      .where(and(same, between(figures.periodKey, `@${lo}`, `@${hi}`))),
    db
      .select({
        figureId: figures.figureId,
        timeKey: claims.timeKey,
        ...comparableColumns,
      })
      .from(claims)
      .innerJoin(figures, eq(figures.figureId, claims.figureId))
      .where(and(same, between(claims.timeKey, `@${lo}`, `@${hi}`))),
  ]);
  const days = (k: string) => Math.abs(Date.parse(k.slice(1)) - at) / DAY;
  const best = new Map<number, { days: number; near: number; farthest: number; agrees: boolean }>();
  const note = (figureId: number, d: number, agrees: boolean, close: boolean) => {
    const was = best.get(figureId);
    best.set(figureId, {
      days: Math.min(d, was?.days ?? Infinity),
      near: Math.min(close ? d : Infinity, was?.near ?? Infinity),
      farthest: Math.max(d, was?.farthest ?? 0),
      agrees: agrees || (was?.agrees ?? false),
    });
  };
  for (const k of keys) note(k.figureId, days(k.periodKey), false, false);
  const mine = comparableOf(c);
  for (const s of stated) note(s.figureId, days(s.timeKey), restates(s, mine), compare(s, mine) === 'agree');
  // A value that agrees with a statement within the window joins its figure (a level drifting
  // 30 → 31 → 32 million); a conflicting one only a figure all of whose statements are within the
  // window, so that "300 million users", then 400, then 500, weeks apart, are no chain.
  const ranked = [...best]
    .filter(([, b]) => timeless || b.agrees || b.near <= windowDays || b.farthest <= windowDays)
    .sort(([ia, a], [ib, b]) => Number(b.agrees) - Number(a.agrees) || a.days - b.days || ia - ib);
  return ranked[0]?.[0] ?? null;
}

/** What compare.ts reads of a stored claim, as selected columns. */
const comparableColumns = {
  value: claims.value,
  valueHigh: claims.valueHigh,
  unit: claims.unit,
  per: claims.per,
  direction: claims.direction,
  hedged: claims.hedged,
};

/** How far apart (by when they were said) two statements of the same number count as one figure restated. */
const ECHO_DAYS = 30;
const echoWindow = (statedAt: Date) =>
  [new Date(statedAt.getTime() - ECHO_DAYS * DAY), new Date(statedAt.getTime() + ECHO_DAYS * DAY)] as const;

/**
 * The figure of this subject and measure that holds the same number, with a period written in full,
 * said within ECHO_DAYS; the one saying it most often. Where the claim's own guess is a period
 * ("the fiscal year"), only a figure of a period as long: a year's number is no quarter's echo.
 */
async function echoedFigure(
  db: Db,
  same: SQL | undefined,
  c: Claim,
  statedAt: Date,
  guessed: string,
  undated = false,
): Promise<number | null> {
  const [from, to] = echoWindow(statedAt);
  const rows = await db
    .select({
      figureId: figures.figureId,
      periodKey: figures.periodKey,
      period: claims.period,
      ...comparableColumns,
      statedAt: claims.statedAt,
    })
    .from(claims)
    .innerJoin(figures, eq(figures.figureId, claims.figureId))
    // Undated claims sit where they were provisionally put (adoptUndated may move them): not evidence of a figure.
    .where(
      and(
        same,
        isNotNull(claims.articleId),
        gte(claims.statedAt, from),
        lt(claims.statedAt, to),
        ne(claims.timeKind, 'undated'),
      ),
    );
  const mine = comparableOf(c);
  const votes = new Map<number, { n: number; gap: number }>();
  // Only figures anchored by a period written in full: another guess is no evidence.
  // A rate said to be year on year (or left unsaid) is no echo of a sequential one, nor the other way round.
  const sequential = /\bQoQ$/i.test(c.period ?? '');
  const asLong = (r: { periodKey: string }) =>
    r.periodKey.endsWith(' qoq') === sequential && (!guessed || monthsSpanned(r.periodKey) === monthsSpanned(guessed));
  // A claim with no time at all has no guess to weigh: any dated statement of the number is better evidence.
  const anchored = (r: { period: string | null }) => undated || namesItsYear(r.period);
  for (const r of rows.filter((r) => anchored(r) && restates(r, mine) && asLong(r))) {
    const was = votes.get(r.figureId) ?? { n: 0, gap: Infinity };
    votes.set(r.figureId, {
      n: was.n + 1,
      gap: Math.min(was.gap, Math.abs(r.statedAt.getTime() - statedAt.getTime())),
    });
  }
  return [...votes].sort(([ia, a], [ib, b]) => b.n - a.n || a.gap - b.gap || ia - ib)[0]?.[0] ?? null;
}

const FREQUENCY = /\((?:[^()]*,\s*)?(?:daily|weekly|monthly)\)\s*$/;

/**
 * A count of users whose frequency the writer left to the reader ("900 million users") is the
 * figure other outlets gave with its frequency ("900 million monthly active users") holding the
 * same number within ECHO_DAYS; the one saying it most often. Otherwise it stays a figure of its own.
 */
async function frequencyEcho(db: Db, key: FigureKey, c: Claim, statedAt: Date): Promise<number | null> {
  const [from, to] = echoWindow(statedAt);
  const keys = ['daily', 'weekly', 'monthly'].map((f) => `${key.subjectKey} (${f})`);
  const rows = await db
    .select({ figureId: figures.figureId, ...comparableColumns })
    .from(claims)
    .innerJoin(figures, eq(figures.figureId, claims.figureId))
    .where(
      and(
        inArray(figures.subjectKey, keys),
        eq(figures.measure, key.measure),
        isNotNull(claims.articleId),
        gte(claims.statedAt, from),
        lt(claims.statedAt, to),
      ),
    );
  const mine = comparableOf(c);
  const votes = new Map<number, number>();
  for (const r of rows.filter((r) => restates(r, mine))) votes.set(r.figureId, (votes.get(r.figureId) ?? 0) + 1);
  return [...votes].sort(([ia, a], [ib, b]) => b - a || ia - ib)[0]?.[0] ?? null;
}

/**
 * The other direction of frequencyEcho: a count stated with its frequency takes in the earlier
 * counts of the same number whose frequency was left out, filed on their own, from other articles
 * within ECHO_DAYS, so the order in which outlets arrive does not decide.
 */
async function adoptBareCounts(db: Db, articleId: number, stored: StoredClaim[], statedAt: Date): Promise<void> {
  const anchors = stored.filter((s) => s.figureId !== null && s.timeKind !== 'interval' && s.metric === 'usage');
  if (anchors.length === 0) return;
  const held = (
    await db
      .select()
      .from(figures)
      .where(inArray(figures.figureId, [...new Set(anchors.map((a) => a.figureId!))]))
  ).filter((f) => / \((?:daily|weekly|monthly)\)$/.test(f.subjectKey));
  const moved: { claimId: number; from: number; to: number }[] = [];
  for (const figure of held) {
    const rows = await othersStatements(
      db,
      figure.subjectKey.replace(/ \((?:daily|weekly|monthly)\)$/, ''),
      figure.measure,
      articleId,
      statedAt,
      ne(claims.timeKind, 'interval'),
    );
    const mine = anchors.filter((a) => a.figureId === figure.figureId);
    for (const { claim } of rows) {
      if (!mine.some((a) => restates(a, claim))) continue;
      moved.push({ claimId: claim.claimId, from: claim.figureId!, to: figure.figureId });
      await db.update(claims).set({ figureId: figure.figureId }).where(eq(claims.claimId, claim.claimId));
    }
  }
  await redirectIfEmptied(db, moved);
}

type Orphan = Stated & { metric: string; period: string | null };

/**
 * The figure of an article's figure that names no subject ("Revenue of $30 billion was up 15%" in
 * a call transcript, "Full-year revenue soared to $130.5 billion" on a forum): the figure other
 * outlets state with the same number, for the same measure and period, in the same weeks, when
 * exactly one subject's figures hold that number. Otherwise it stays outside the ledger.
 */
async function orphanFigure(db: Db, c: Orphan, statedAt: Date): Promise<Filed> {
  // A bare "up 26%" says neither over what nor since when: too common a number to place.
  if (isGrowth(c) && !c.period) return null;
  const [from, to] = echoWindow(statedAt);
  const rows = await db
    .select({
      figureId: figures.figureId,
      subject: figures.subject,
      subjectKey: figures.subjectKey,
      measure: figures.measure,
      periodKey: figures.periodKey,
      period: claims.period,
      timeKind: claims.timeKind,
      ...comparableColumns,
    })
    .from(claims)
    .innerJoin(figures, eq(figures.figureId, claims.figureId))
    .where(
      and(
        eq(claims.metric, c.metric),
        eq(claims.unit, c.unit),
        isNotNull(claims.articleId),
        isNotNull(claims.subject),
        gte(claims.statedAt, from),
        lt(claims.statedAt, to),
        ne(claims.timeKind, 'undated'),
      ),
    );
  const mine = comparableOf(c);
  const votes = new Map<number, { n: number; subjectKey: string; filed: NonNullable<Filed> }>();
  for (const r of rows) {
    // Evidence is a dated figure of a named entity whose period, resolved for that entity, is this one's.
    if (!namesEntity(r.subject) || !sameNumber(r, mine)) continue;
    const key = figureKey({ ...c, subject: r.subject }, statedAt);
    if (!key || key.measure !== r.measure || (key.timing === 'interval' && key.periodKey !== r.periodKey)) continue;
    const timeKey = timeKeyOf(key);
    const was = votes.get(r.figureId);
    votes.set(r.figureId, {
      n: (was?.n ?? 0) + 1,
      subjectKey: r.subjectKey,
      filed: { figureId: r.figureId, timing: key.timing, timeKey },
    });
  }
  if (new Set([...votes.values()].map((v) => v.subjectKey)).size !== 1) return null;
  return [...votes.values()].sort((a, b) => b.n - a.n || a.filed.figureId - b.filed.figureId)[0].filed;
}

/**
 * The other direction of orphanFigure: an article's newly filed figures take in the subjectless
 * figures of earlier articles that restate them, so the order in which articles arrive does not
 * decide whether an orphan finds its figure.
 */
async function adoptOrphans(db: Db, articleId: number, stored: StoredClaim[], statedAt: Date): Promise<void> {
  const named = stored.filter((s) => s.figureId !== null && s.subject !== null && s.timeKind !== 'undated');
  if (named.length === 0) return;
  const [from, to] = echoWindow(statedAt);
  const orphans = await db
    .select()
    .from(claims)
    .where(
      and(
        isNull(claims.figureId),
        isNull(claims.subject),
        isNotNull(claims.articleId),
        ne(claims.articleId, articleId),
        inArray(claims.metric, [...new Set(named.map((n) => n.metric))]),
        gte(claims.statedAt, from),
        lt(claims.statedAt, to),
      ),
    );
  for (const o of orphans) {
    const orphan: Orphan = { ...o, value_high: o.valueHigh };
    if (!named.some((n) => n.metric === o.metric && n.unit === o.unit && sameNumber(n, comparableOf(orphan)))) continue;
    const filed = await orphanFigure(db, orphan, o.statedAt);
    if (filed)
      await db
        .update(claims)
        .set({ figureId: filed.figureId, timeKind: filed.timing, timeKey: filed.timeKey })
        .where(eq(claims.claimId, o.claimId));
  }
}

/** Other articles' statements filed under this subject and measure within ECHO_DAYS of statedAt (and `also`). */
async function othersStatements(
  db: Db,
  subjectKey: string,
  measure: string,
  articleId: number,
  statedAt: Date,
  also: SQL,
) {
  const [from, to] = echoWindow(statedAt);
  return db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(figures, eq(figures.figureId, claims.figureId))
    .where(
      and(
        eq(figures.subjectKey, subjectKey),
        eq(figures.measure, measure),
        isNotNull(claims.articleId),
        ne(claims.articleId, articleId),
        gte(claims.statedAt, from),
        lt(claims.statedAt, to),
        also,
      ),
    );
}

/**
 * The other direction of echoedFigure: a figure stated with its period in full takes in the
 * statements of the same subject, measure and number whose period other outlets left to the reader
 * ("Q4", "last year", none) and that were filed, before it existed, under their own guess.
 */
async function adoptEchoes(db: Db, articleId: number, stored: StoredClaim[], statedAt: Date): Promise<void> {
  const anchors = stored.filter((s) => s.figureId !== null && s.timeKind === 'interval' && namesItsYear(s.period));
  if (anchors.length === 0) return;
  const held = await db
    .select()
    .from(figures)
    .where(inArray(figures.figureId, [...new Set(anchors.map((a) => a.figureId!))]));
  const moved: { claimId: number; from: number; to: number }[] = [];
  for (const figure of held) {
    const rows = await othersStatements(
      db,
      figure.subjectKey,
      figure.measure,
      articleId,
      statedAt,
      ne(figures.figureId, figure.figureId),
    );
    const mine = anchors.filter((a) => a.figureId === figure.figureId);
    for (const { claim } of rows) {
      if (namesItsYear(claim.period) || claim.timeKind === 'undated' || !mine.some((a) => restates(a, claim))) continue;
      // A quarter's guess is no echo of a year's figure, however equal the number: only a period as long.
      if (claim.timeKind === 'interval' && monthsSpanned(claim.timeKey) !== monthsSpanned(figure.periodKey)) continue;
      if (/\bQoQ$/i.test(claim.period ?? '') !== figure.periodKey.endsWith(' qoq')) continue;
      moved.push({ claimId: claim.claimId, from: claim.figureId!, to: figure.figureId });
      await db
        .update(claims)
        .set({ figureId: figure.figureId, timeKind: 'interval', timeKey: figure.periodKey })
        .where(eq(claims.claimId, claim.claimId));
    }
  }
  await redirectIfEmptied(db, moved);
}

/**
 * "DeepSeek said one of its models cost $5.6 million to train": a model's property (timeless, like
 * all of them) said of the company that makes it is that model's figure when exactly one of the
 * company's models has a statement that agrees; otherwise it is the company's own figure.
 */
async function productFigure(db: Db, key: FigureKey, c: Claim, statedAt: Date): Promise<number | null> {
  const company = canonicalEntity(c.subject);
  const products = Object.keys(PRODUCT_OWNERS).filter((p) => PRODUCT_OWNERS[p] === company);
  if (!company || c.subject !== company || products.length === 0) return null;
  const keys = products
    .map((p) => figureKey({ ...c, subject: p }, statedAt)?.subjectKey)
    .filter((k) => k !== undefined);
  const rows = await db
    .select({ figureId: figures.figureId, ...comparableColumns })
    .from(claims)
    .innerJoin(figures, eq(figures.figureId, claims.figureId))
    .where(and(inArray(figures.subjectKey, keys), eq(figures.measure, key.measure), isNotNull(claims.articleId)));
  const mine = comparableOf(c);
  const held = new Set(rows.filter((r) => compare(r, mine) === 'agree').map((r) => r.figureId));
  return held.size === 1 ? [...held][0] : null;
}

/**
 * The other arrival order of productFigure: a new figure of a model's property takes in the
 * statements of its maker ("DeepSeek said its model cost $5.6 million") that agree with it, where
 * no other model of that maker has an agreeing statement.
 */
async function adoptMakerClaims(db: Db, figureId: number, key: FigureKey, c: Claim, statedAt: Date): Promise<void> {
  const product = canonicalEntity(c.subject);
  const maker = product ? PRODUCT_OWNERS[product] : undefined;
  if (!product || !maker) return;
  const keyOf = (subject: string) => figureKey({ ...c, subject }, statedAt)?.subjectKey;
  const siblings = Object.keys(PRODUCT_OWNERS)
    .filter((p) => PRODUCT_OWNERS[p] === maker && p !== product)
    .map(keyOf)
    .filter((k) => k !== undefined);
  const makerKey = keyOf(maker);
  if (!makerKey) return;
  const statements = (subjectKeys: string[]) =>
    subjectKeys.length === 0
      ? Promise.resolve([])
      : db
          .select({ claimId: claims.claimId, figureId: claims.figureId, subject: claims.subject, ...comparableColumns })
          .from(claims)
          .innerJoin(figures, eq(figures.figureId, claims.figureId))
          .where(
            and(
              inArray(figures.subjectKey, subjectKeys),
              eq(figures.measure, key.measure),
              isNotNull(claims.articleId),
            ),
          );
  const [said, others] = await Promise.all([statements([makerKey]), statements(siblings)]);
  const mine = comparableOf(c);
  const moved = said
    .filter((r) => r.subject === maker && compare(r, mine) === 'agree')
    .filter((r) => !others.some((o) => compare(o, r) === 'agree'));
  for (const r of moved) await db.update(claims).set({ figureId }).where(eq(claims.claimId, r.claimId));
  await redirectIfEmptied(
    db,
    moved.map((r) => ({ from: r.figureId!, to: figureId })),
  );
}

/** Without a subject only the number ties a figure to its own: equal to three significant digits ("$33.1 billion" is not "$33.0 billion"). */
function sameNumber(a: ComparableClaim, b: ComparableClaim): boolean {
  const [x, y] = [scaled(a), scaled(b)];
  const three = (v: number) => Number(v.toPrecision(3));
  return !!x && !!y && x.kind === y.kind && three(x.low) === three(y.low) && three(x.high) === three(y.high);
}

/**
 * The same value written again: equal to two significant digits ("$5.576 million" and "$5.6
 * million", "$13 billion" and "about $13 billion"), or one value inside the other's range. Closer
 * than the agreement tolerance, so that a different round ("$6.6 billion" after "$7.3 billion")
 * months apart is not taken for a restatement.
 */
function restates(a: ComparableClaim, b: ComparableClaim): boolean {
  const [x, y] = [scaled(a), scaled(b)];
  if (!x || !y || x.kind !== y.kind) return false;
  const two = (v: number) => Number(v.toPrecision(2));
  if (two(x.low) === two(y.low) && two(x.high) === two(y.high)) return true;
  return (
    (x.low < x.high && y.low >= x.low && y.high <= x.high) || (y.low < y.high && x.low >= y.low && x.high <= y.high)
  );
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const INTERVAL_KEY = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})(.*)$/;

/**
 * A company whose fiscal quarters are offset from the calendar's is written about in both: Nvidia's
 * quarter of August to October is "July–September" or "the third quarter" in another outlet's
 * words. For such a company, when no figure has exactly this period, the figure whose period is as long and shares at
 * least two thirds of its months is this one (adjacent quarters share none, and a fiscal year
 * offset by a month meets its calendar year).
 */
/** How many months an interval key ("2024-02..2025-01") runs; null for any other key. */
function monthsSpanned(key: string): number | null {
  const m = INTERVAL_KEY.exec(key);
  return m ? monthIndex(m[2]) - monthIndex(m[1]) + 1 : null;
}

async function overlappingPeriod(db: Db, same: SQL | undefined, periodKey: string): Promise<number | null> {
  const mine = INTERVAL_KEY.exec(periodKey);
  if (!mine) return null;
  const [start, end] = [monthIndex(mine[1]), monthIndex(mine[2])];
  const length = end - start + 1;
  if (length < 3) return null;
  const rows = await db
    .select({ figureId: figures.figureId, periodKey: figures.periodKey })
    .from(figures)
    .where(and(same, sql`${figures.periodKey} ~ '^[0-9]{4}-[0-9]{2}[.][.]'`));
  if (rows.some((r) => r.periodKey === periodKey)) return null;
  const shared = (r: { periodKey: string }) => {
    const other = INTERVAL_KEY.exec(r.periodKey);
    if (!other || other[3] !== mine[3]) return 0;
    const [s, e] = [monthIndex(other[1]), monthIndex(other[2])];
    return e - s + 1 === length ? Math.max(0, Math.min(e, end) - Math.max(s, start) + 1) : 0;
  };
  const best = rows
    .map((r) => ({ ...r, shared: shared(r) }))
    .filter((r) => r.shared * 3 >= length * 2 && r.shared < length)
    .sort((a, b) => b.shared - a.shared || a.figureId - b.figureId)[0];
  return best?.figureId ?? null;
}

/**
 * The figure of the latest period (shortest first on ties) that ended up to a few months before
 * `statedAt`. A growth rate that does not say it is sequential is read year on year, so it is
 * never filed beside a quarter-on-quarter figure (nor a sequential one beside a yearly one).
 */
async function latestPeriod(
  db: Db,
  same: SQL | undefined,
  statedAt: Date,
  sequential: boolean,
): Promise<number | null> {
  const month = statedAt.toISOString().slice(0, 7);
  const earliest = new Date(Date.UTC(statedAt.getUTCFullYear(), statedAt.getUTCMonth() - UNDATED_LOOKBACK_MONTHS, 1))
    .toISOString()
    .slice(0, 7);
  const rows = await db
    .select({ figureId: figures.figureId, periodKey: figures.periodKey })
    .from(figures)
    .where(and(same, sql`${figures.periodKey} ~ '^[0-9]{4}-[0-9]{2}[.][.][0-9]{4}-[0-9]{2}'`));
  const spans = rows
    .map((r) => ({ ...r, start: r.periodKey.slice(0, 7), end: r.periodKey.slice(9, 16) }))
    .filter((r) => r.end <= month && r.end >= earliest && r.periodKey.endsWith(' qoq') === sequential)
    .sort((a, b) => b.end.localeCompare(a.end) || b.start.localeCompare(a.start) || a.figureId - b.figureId);
  return spans[0]?.figureId ?? null;
}

const DAY = 86_400_000;

/** Old figures that lost every claim point to where the claim at the same place went. */
async function redirectEmptied(
  db: Db,
  before: { figureId: number | null; startOffset: number }[],
  after: StoredClaim[],
): Promise<void> {
  const moved = before.flatMap((b) => {
    const now = after.find((a) => a.startOffset === b.startOffset)?.figureId;
    return b.figureId !== null && now != null && now !== b.figureId ? [{ from: b.figureId, to: now }] : [];
  });
  await redirectIfEmptied(db, moved);
}

/** Figures that lost every claim to a move point to where their claims went. */
async function redirectIfEmptied(db: Db, moved: { from: number; to: number }[]): Promise<void> {
  if (moved.length === 0) return;
  const stillUsed = new Set(
    (
      await db
        .select({ figureId: claims.figureId })
        .from(claims)
        .where(
          inArray(
            claims.figureId,
            moved.map((m) => m.from),
          ),
        )
    ).map((r) => r.figureId),
  );
  const emptied = [...new Map(moved.filter((m) => !stillUsed.has(m.from)).map((m) => [m.from, m])).values()];
  if (emptied.length === 0) return;
  await db
    .insert(figureRedirects)
    .values(emptied.map((m) => ({ fromFigureId: m.from, toFigureId: m.to })))
    .onConflictDoUpdate({ target: figureRedirects.fromFigureId, set: { toFigureId: sql`excluded.to_figure_id` } });
}

/** Where a figure that lost its claims to a re-filing went (followed to the end, at most 10 hops). */
export async function successorOf(db: Db, figureId: number): Promise<number | null> {
  let id = figureId;
  for (let hops = 0; hops < 10; hops++) {
    const [row] = await db
      .select({ to: figureRedirects.toFigureId })
      .from(figureRedirects)
      .where(eq(figureRedirects.fromFigureId, id));
    if (!row) break;
    id = row.to;
  }
  return id === figureId ? null : id;
}

export async function figureById(
  db: Db,
  figureId: number,
): Promise<{ figure: Figure; claims: LedgerClaim[] } | undefined> {
  const [figure] = await db.select().from(figures).where(eq(figures.figureId, figureId));
  if (!figure) return undefined;
  const rows = await db
    .select()
    .from(claims)
    .where(eq(claims.figureId, figureId))
    .orderBy(asc(claims.statedAt), asc(claims.claimId));
  return { figure, claims: await withSources(db, rows) };
}

export async function forArticle(db: Db, articleId: number): Promise<StoredClaim[]> {
  return db.select().from(claims).where(eq(claims.articleId, articleId)).orderBy(asc(claims.startOffset));
}

export async function forStory(db: Db, storyId: number): Promise<LedgerClaim[]> {
  const rows = await db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(articles, eq(articles.articleId, claims.articleId))
    .where(eq(articles.storyId, storyId))
    .orderBy(asc(claims.statedAt), asc(claims.startOffset));
  return withSources(
    db,
    rows.map((r) => r.claim),
  );
}

/** Every claim of the given figures (for contradiction badges on a story's panel). */
export async function claimsOfFigures(db: Db, figureIds: number[]): Promise<StoredClaim[]> {
  if (figureIds.length === 0) return [];
  return db.select().from(claims).where(inArray(claims.figureId, figureIds));
}

/** The article claims of the given figures, with their sources (a comment is checked against these). */
export async function articleClaimsOfFigures(db: Db, figureIds: number[]): Promise<LedgerClaim[]> {
  if (figureIds.length === 0) return [];
  const rows = await db
    .select()
    .from(claims)
    .where(and(inArray(claims.figureId, figureIds), isNotNull(claims.articleId)))
    .orderBy(asc(claims.statedAt), asc(claims.claimId));
  return withSources(db, rows);
}

export async function find(
  db: Db,
  q: { subject?: string; metric?: string; period?: string; limit: number; offset?: number },
): Promise<LedgerClaim[]> {
  const filters = [
    q.subject ? sql`lower(${claims.subject}) = lower(${q.subject})` : undefined,
    q.metric ? eq(claims.metric, q.metric) : undefined,
    q.period !== undefined ? eq(figures.periodKey, periodKey(q.period)) : undefined,
  ].filter((f) => f !== undefined);
  const rows = await db
    .select({ claim: claims })
    .from(claims)
    .leftJoin(figures, eq(figures.figureId, claims.figureId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(claims.statedAt), asc(claims.claimId))
    .limit(q.limit)
    .offset(q.offset ?? 0);
  return withSources(
    db,
    rows.map((r) => r.claim),
  );
}

async function withSources(db: Db, rows: StoredClaim[]): Promise<LedgerClaim[]> {
  const articleIds = [...new Set(rows.flatMap((r) => (r.articleId ? [r.articleId] : [])))];
  const meta = articleIds.length
    ? await db
        .select({
          articleId: articles.articleId,
          title: articles.title,
          url: articles.url,
          storyId: articles.storyId,
          feedTitle: sql<string | null>`min(coalesce(nullif(${feeds.title}, ''), ${feeds.url}))`,
        })
        .from(articles)
        .leftJoin(articleSources, eq(articleSources.articleId, articles.articleId))
        .leftJoin(feeds, eq(feeds.feedId, articleSources.feedId))
        .where(inArray(articles.articleId, articleIds))
        .groupBy(articles.articleId)
    : [];
  // An untitled feed is named by its URL: without any credentials written into it.
  const byId = new Map(meta.map((m) => [m.articleId, { ...m, feedTitle: withoutCredentials(m.feedTitle) }]));
  return rows.map((r) => ({
    ...r,
    source: r.articleId
      ? { kind: 'article' as const, ...byId.get(r.articleId)!, articleId: r.articleId }
      : { kind: 'comment' as const, commentId: r.commentId! },
  }));
}
