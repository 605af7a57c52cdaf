import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { claims, figures, type Figure, type StoredClaim } from './claims.sql.ts';
import { figureVerdict, type FigureVerdict } from './compare.ts';
import { METRIC_LABELS } from './format.ts';
import { claimsOfFigures } from './ledger.ts';

/**
 * The ledger as a list (/figures): every figure with its claims, most recently stated first, so a
 * reader can browse what is being said and where sources disagree. `contested` and `agreed` need
 * the claims compared in code (compare.ts): the figures that could have the verdict are listed in
 * recency order in one query, then compared a batch at a time until a page is full.
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

const BATCH = 500;
/** A verdict filter looks at most this many candidate figures, the most recently stated. */
export const MAX_SCAN = 50_000;
const keeps: Record<FigureFilter, (v: FigureVerdict) => boolean> = {
  all: () => true,
  contested: (v) => v === 'contested',
  agreed: (v) => v === 'agree',
};

export async function list(db: Db, q: FigureQuery): Promise<{ items: FigureSummary[]; more: boolean }> {
  if (q.filter === 'all') {
    const wanted = { limit: q.limit + 1, offset: q.offset };
    const page = (!q.subject && (await latestStated(db, q.metric, wanted))) || (await candidates(db, q, wanted));
    return { items: await summaries(db, page.slice(0, q.limit)), more: page.length > q.limit };
  }
  // One pass over the ledger finds the figures that could have the verdict, in order; their claims
  // are then read and compared a batch at a time until the page is full.
  const all = await candidates(db, q, { limit: MAX_SCAN, offset: 0 });
  const wanted = q.offset + q.limit + 1; // one beyond the page says whether there is more
  const matched: FigureSummary[] = [];
  for (let at = 0; at < all.length && matched.length < wanted; at += BATCH) {
    matched.push(...(await summaries(db, all.slice(at, at + BATCH))).filter((s) => keeps[q.filter](s.verdict)));
  }
  return { items: matched.slice(q.offset, q.offset + q.limit), more: matched.length > q.offset + q.limit };
}

async function summaries(db: Db, rows: Candidate[]): Promise<FigureSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.figureId);
  const byId = new Map(
    (await db.select().from(figures).where(inArray(figures.figureId, ids))).map((f) => [f.figureId, f]),
  );
  const byFigure = groupBy(await claimsOfFigures(db, ids), (c) => c.figureId!);
  return rows.map(({ figureId, lastStatedAt }) => {
    const own = (byFigure.get(figureId) ?? []).sort(
      (a, b) => a.statedAt.getTime() - b.statedAt.getTime() || a.claimId - b.claimId,
    );
    const articleIds = new Set(own.flatMap((c) => (c.articleId ? [c.articleId] : [])));
    return {
      figure: byId.get(figureId)!,
      claims: own,
      verdict: figureVerdict(own),
      lastStatedAt,
      articles: articleIds.size,
      comments: own.filter((c) => c.commentId).length,
    };
  });
}

/**
 * Figures for a search box: a measure's name ("capex", "cost per token") finds that measure's
 * figures, anything else is matched against subjects. `query` is how /figures filters the same.
 */
export async function matching(
  db: Db,
  text: string,
  limit: number,
): Promise<{ items: FigureSummary[]; more: boolean; query: { metric: string | null; subject: string | null } }> {
  const wanted = text.trim().toLowerCase();
  const metric =
    Object.entries(METRIC_LABELS).find(([key, label]) => key === wanted || label.toLowerCase() === wanted)?.[0] ?? null;
  const query = metric ? { metric, subject: null } : { metric: null, subject: text.trim().slice(0, 100) };
  const found = await list(db, {
    filter: 'all',
    metric: query.metric ?? undefined,
    subject: query.subject ?? undefined,
    limit,
    offset: 0,
  });
  return { ...found, query };
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

type Candidate = { figureId: number; lastStatedAt: Date };

const WALK_CHUNK = 2_000;
/** Past this many claims walked, the page is left to the aggregate (a rare measure, a deep page). */
const WALK_MAX = 40_000;

/**
 * Figures by their latest statement, read by walking claims newest first on
 * claims_stated_at_figure_idx: a figure first met is at its latest statement, so the figures appear
 * in the aggregate's order (max(stated_at) desc, figure_id desc) without grouping every claim of the
 * ledger on each request. Null when the walk would be too long; the caller then aggregates.
 */
async function latestStated(
  db: Db,
  measure: string | undefined,
  page: { limit: number; offset: number },
): Promise<Candidate[] | null> {
  const wanted = page.offset + page.limit;
  const seen = new Map<number, Date>();
  let after: number | null = null; // the last claim walked: its own stated_at, not a Date's milliseconds
  for (let walked = 0; walked < WALK_MAX; walked += WALK_CHUNK) {
    const rows: { claimId: number; figureId: number | null; statedAt: Date }[] = await db
      .select({ claimId: claims.claimId, figureId: claims.figureId, statedAt: claims.statedAt })
      .from(claims)
      .innerJoin(figures, eq(figures.figureId, claims.figureId))
      .where(
        and(
          measure ? eq(figures.measure, measure) : undefined,
          after === null
            ? undefined
            : sql`(${claims.statedAt}, ${claims.figureId}) < (SELECT c.stated_at, c.figure_id FROM claims c WHERE c.claim_id = ${after})`,
        ),
      )
      .orderBy(desc(claims.statedAt), desc(claims.figureId))
      .limit(WALK_CHUNK);
    for (const r of rows) if (!seen.has(r.figureId!)) seen.set(r.figureId!, r.statedAt);
    if (seen.size >= wanted || rows.length < WALK_CHUNK) {
      return [...seen].slice(page.offset, wanted).map(([figureId, lastStatedAt]) => ({ figureId, lastStatedAt }));
    }
    after = rows.at(-1)!.claimId;
  }
  return null;
}

/**
 * Figures with claims, newest statement first. For a verdict filter only figures that could have
 * that verdict: two sources at least, and for `contested` two different stated values (identical
 * values never conflict), so the comparison skips the many figures that only repeat one number.
 */
async function candidates(db: Db, q: FigureQuery, page: { limit: number; offset: number }): Promise<Candidate[]> {
  const lastStated = sql<Date>`max(${claims.statedAt})`.mapWith((v: string | Date) => new Date(v));
  const filters = [
    q.metric ? eq(figures.measure, q.metric) : undefined,
    q.subject ? sql`${figures.subject} ILIKE ${`%${escapeLike(q.subject)}%`}` : undefined,
  ].filter((f) => f !== undefined);
  const sources = sql`count(DISTINCT coalesce('a' || ${claims.articleId}::text, 'c' || ${claims.commentId}::text)) >= 2`;
  const values = sql`count(DISTINCT (${claims.value}, coalesce(${claims.valueHigh}, ${claims.value}), ${claims.unit}, coalesce(${claims.per}, ''), coalesce(${claims.direction}, ''))) >= 2`;
  const having = [q.filter === 'all' ? undefined : sources, q.filter === 'contested' ? values : undefined].filter(
    (h) => h !== undefined,
  );
  return db
    .select({ figureId: figures.figureId, lastStatedAt: lastStated })
    .from(figures)
    .innerJoin(claims, eq(claims.figureId, figures.figureId))
    .where(filters.length ? and(...filters) : undefined)
    .groupBy(figures.figureId)
    .having(having.length ? and(...having) : undefined)
    .orderBy(desc(lastStated), desc(figures.figureId))
    .limit(page.limit)
    .offset(page.offset);
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
