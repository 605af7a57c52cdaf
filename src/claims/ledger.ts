import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { articleSources, articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { claims, figures, type Figure, type StoredClaim } from './claims.sql.ts';
import { periodKey } from './compare.ts';
import { figureKey } from './figure-key.ts';
import type { Claim } from './extract/types.ts';

export type { Figure, StoredClaim };
export type ClaimSource = { kind: 'article'; articleId: number; title: string; feedTitle: string | null; url: string | null; storyId: number | null } | { kind: 'comment'; commentId: number };
export type LedgerClaim = StoredClaim & { source: ClaimSource };

type Origin = { articleId: number } | { commentId: number };

/**
 * Replaces the claims of one article or comment (re-extraction after an extractor upgrade, or an
 * edit) and files each under its figure. Claims without a subject are kept but belong to no figure:
 * "up 50%" of nothing cannot be compared with anything.
 */
export async function replaceClaims(db: Db, origin: Origin, found: Claim[], opts: { extractorVersion: string; statedAt: Date }): Promise<StoredClaim[]> {
  const where = 'articleId' in origin ? eq(claims.articleId, origin.articleId) : eq(claims.commentId, origin.commentId);
  await db.delete(claims).where(where);
  if (found.length === 0) return [];
  const figureIds = await figuresFor(db, found);
  return db
    .insert(claims)
    .values(
      found.map((c, i) => ({
        ...('articleId' in origin ? { articleId: origin.articleId } : { commentId: origin.commentId }),
        figureId: figureIds[i],
        quote: c.quote, startOffset: c.start, endOffset: c.end, metric: c.metric, subject: c.subject, value: c.value, valueHigh: c.value_high,
        unit: c.unit, per: c.per, period: c.period, direction: c.direction, hedged: c.hedged,
        extractorVersion: opts.extractorVersion, statedAt: opts.statedAt,
      })),
    )
    .returning();
}

async function figuresFor(db: Db, found: Claim[]): Promise<(number | null)[]> {
  const keyed = found.map((c) => {
    const key = figureKey(c);
    return key && c.subject ? { ...key, subject: c.subject, metric: c.metric, period: c.period } : null;
  });
  const wanted = keyed.filter((k): k is NonNullable<typeof k> => k !== null);
  if (wanted.length === 0) return keyed.map(() => null);
  await db.insert(figures).values(wanted).onConflictDoNothing({ target: [figures.subjectKey, figures.measure, figures.periodKey] });
  const rows = await db.select().from(figures).where(inArray(figures.subjectKey, [...new Set(wanted.map((w) => w.subjectKey))]));
  const id = (k: NonNullable<(typeof keyed)[number]>) => rows.find((r) => r.subjectKey === k.subjectKey && r.measure === k.measure && r.periodKey === k.periodKey)?.figureId ?? null;
  return keyed.map((k) => (k ? id(k) : null));
}

export async function figureById(db: Db, figureId: number): Promise<{ figure: Figure; claims: LedgerClaim[] } | undefined> {
  const [figure] = await db.select().from(figures).where(eq(figures.figureId, figureId));
  if (!figure) return undefined;
  const rows = await db.select().from(claims).where(eq(claims.figureId, figureId)).orderBy(asc(claims.statedAt), asc(claims.claimId));
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
  return withSources(db, rows.map((r) => r.claim));
}

/** Every claim of the given figures (for contradiction badges on a story's panel). */
export async function claimsOfFigures(db: Db, figureIds: number[]): Promise<StoredClaim[]> {
  if (figureIds.length === 0) return [];
  return db.select().from(claims).where(inArray(claims.figureId, figureIds));
}

export async function find(db: Db, q: { subject?: string; metric?: string; period?: string; limit: number }): Promise<LedgerClaim[]> {
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
    .limit(q.limit);
  return withSources(db, rows.map((r) => r.claim));
}

async function withSources(db: Db, rows: StoredClaim[]): Promise<LedgerClaim[]> {
  const articleIds = [...new Set(rows.flatMap((r) => (r.articleId ? [r.articleId] : [])))];
  const meta = articleIds.length
    ? await db
        .select({ articleId: articles.articleId, title: articles.title, url: articles.url, storyId: articles.storyId, feedTitle: sql<string | null>`min(coalesce(nullif(${feeds.title}, ''), ${feeds.url}))` })
        .from(articles)
        .leftJoin(articleSources, eq(articleSources.articleId, articles.articleId))
        .leftJoin(feeds, eq(feeds.feedId, articleSources.feedId))
        .where(inArray(articles.articleId, articleIds))
        .groupBy(articles.articleId)
    : [];
  const byId = new Map(meta.map((m) => [m.articleId, m]));
  return rows.map((r) => ({
    ...r,
    source: r.articleId ? { kind: 'article' as const, ...byId.get(r.articleId)!, articleId: r.articleId } : { kind: 'comment' as const, commentId: r.commentId! },
  }));
}
