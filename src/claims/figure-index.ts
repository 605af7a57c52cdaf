import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { claims, figures, type Figure, type StoredClaim } from './claims.sql.ts';
import { figureVerdict, type FigureVerdict } from './compare.ts';
import { claimsOfFigures } from './ledger.ts';

/**
 * The ledger as a list (/figures): every figure with its claims, most recently stated first, so a
 * reader can browse what is being said and where sources disagree. `contested` and `agreed` need
 * the claims compared in code (compare.ts), so figures are read in recency order, batch by batch,
 * until a page is full: the cost grows with how deep one pages, not with the size of the ledger.
 */
export const FIGURE_FILTERS = ['all', 'contested', 'agreed'] as const;
export type FigureFilter = (typeof FIGURE_FILTERS)[number];

export type FigureSummary = {
  figure: Figure;
  claims: StoredClaim[];
  verdict: FigureVerdict;
  articles: number;
  comments: number;
  lastStatedAt: Date;
};

export type FigureQuery = { filter: FigureFilter; metric?: string; subject?: string; limit: number; offset: number };

const BATCH = 200;
const verdictOf: Record<FigureFilter, (v: FigureVerdict) => boolean> = {
  all: () => true,
  contested: (v) => v === 'contested',
  agreed: (v) => v === 'agree',
};

export async function list(db: Db, q: FigureQuery): Promise<{ items: FigureSummary[]; more: boolean }> {
  const wanted = q.offset + q.limit + 1; // one beyond the page says whether there is more
  const matched: FigureSummary[] = [];
  for (let scanned = 0; matched.length < wanted; scanned += BATCH) {
    const batch = await recentFigures(db, q, scanned);
    const byFigure = groupBy(await claimsOfFigures(db, batch.map((b) => b.figure.figureId)), (c) => c.figureId!);
    for (const { figure, lastStatedAt } of batch) {
      const own = (byFigure.get(figure.figureId) ?? []).sort((a, b) => a.statedAt.getTime() - b.statedAt.getTime() || a.claimId - b.claimId);
      const verdict = figureVerdict(own);
      if (!verdictOf[q.filter](verdict)) continue;
      matched.push({ figure, claims: own, verdict, lastStatedAt, articles: new Set(own.flatMap((c) => (c.articleId ? [c.articleId] : []))).size, comments: own.filter((c) => c.commentId).length });
    }
    if (batch.length < BATCH) break;
  }
  return { items: matched.slice(q.offset, q.offset + q.limit), more: matched.length > q.offset + q.limit };
}

/** The measures the ledger holds, with how many figures of each have claims: the page's filter chips. */
export async function measures(db: Db): Promise<{ measure: string; figures: number }[]> {
  const n = sql<number>`count(DISTINCT ${figures.figureId})`.mapWith(Number);
  return db
    .select({ measure: figures.measure, figures: n })
    .from(figures)
    .innerJoin(claims, eq(claims.figureId, figures.figureId))
    .groupBy(figures.measure)
    .orderBy(desc(n), figures.measure);
}

/** Figures with at least one claim (two for a verdict filter), newest statement first. */
async function recentFigures(db: Db, q: FigureQuery, offset: number): Promise<{ figure: Figure; lastStatedAt: Date }[]> {
  const lastStated = sql<Date>`max(${claims.statedAt})`.mapWith((v: string | Date) => new Date(v));
  const filters = [
    q.metric ? eq(figures.measure, q.metric) : undefined,
    q.subject ? sql`${figures.subject} ILIKE ${`%${escapeLike(q.subject)}%`}` : undefined,
  ].filter((f) => f !== undefined);
  return db
    .select({ figure: figures, lastStatedAt: lastStated })
    .from(figures)
    .innerJoin(claims, eq(claims.figureId, figures.figureId))
    .where(filters.length ? and(...filters) : undefined)
    .groupBy(figures.figureId)
    .having(sql`count(*) >= ${q.filter === 'all' ? 1 : 2}`)
    .orderBy(desc(lastStated), desc(figures.figureId))
    .limit(BATCH)
    .offset(offset);
}

/** The subject search is a substring match: % and _ typed by a reader are literal. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const group = out.get(key(x));
    if (group) group.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}
