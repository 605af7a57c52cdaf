import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { articleSources, articles } from '../articles/articles.sql.ts';
import { sourcesOf, type ArticleSource } from '../articles/articles.ts';
import type { Db } from '../db/client.ts';
import { stories, type Story } from './stories.sql.ts';
import type { VectorCache } from './vector-cache.ts';
import { parseVector, vectorText } from './vectors.ts';

export type { Story };

export type StoryListEntry = {
  storyId: number | null;
  tags: string[];
  articleId: number;
  title: string;
  url: string | null;
  summary: string | null;
  lastPublishedAt: Date;
  firstPublishedAt: Date;
  articleCount: number;
  sourceCount: number;
  sources: { feedId: number; feedTitle: string }[];
};

/**
 * The newest stories, plus articles not yet grouped (enrichment pending) as stories of one, so
 * nothing ingested is ever invisible. Ordered by latest coverage.
 */
export async function latest(db: Db, opts: { limit: number; before?: Date; tag?: string }): Promise<StoryListEntry[]> {
  const before = opts.before ?? new Date('9999-01-01');
  const grouped = await db
    .select({
      storyId: stories.storyId,
      tags: stories.tags,
      articleId: stories.leadArticleId,
      title: stories.title,
      lastPublishedAt: stories.lastPublishedAt,
      firstPublishedAt: stories.firstPublishedAt,
      articleCount: stories.articleCount,
    })
    .from(stories)
    .where(
      and(
        isNull(stories.mergedInto),
        lt(stories.lastPublishedAt, before),
        sql`${stories.articleCount} > 0`,
        opts.tag ? sql`${opts.tag} = any(${stories.tags})` : undefined,
      ),
    )
    .orderBy(desc(stories.lastPublishedAt), desc(stories.storyId))
    .limit(opts.limit);
  // Articles still waiting for enrichment have no tags yet, so a tag filter leaves them out.
  const loose = opts.tag
    ? []
    : await db
        .select({ articleId: articles.articleId, title: articles.title, lastPublishedAt: articles.publishedAt })
        .from(articles)
        .where(and(isNull(articles.storyId), lt(articles.publishedAt, before)))
        .orderBy(desc(articles.publishedAt))
        .limit(opts.limit);
  const merged = [
    ...grouped.map((g) => ({ ...g, articleId: g.articleId! })),
    ...loose.map((l) => ({
      storyId: null,
      tags: [] as string[],
      articleId: l.articleId,
      title: l.title,
      lastPublishedAt: l.lastPublishedAt,
      firstPublishedAt: l.lastPublishedAt,
      articleCount: 1,
    })),
  ]
    .sort((a, b) => b.lastPublishedAt.getTime() - a.lastPublishedAt.getTime())
    .slice(0, opts.limit);
  return decorate(db, merged);
}

async function decorate(
  db: Db,
  entries: Omit<StoryListEntry, 'url' | 'summary' | 'sources' | 'sourceCount'>[],
): Promise<StoryListEntry[]> {
  const leadIds = entries.map((e) => e.articleId);
  const leads = leadIds.length
    ? await db
        .select({ articleId: articles.articleId, url: articles.url, summary: articles.summary })
        .from(articles)
        .where(inArray(articles.articleId, leadIds))
    : [];
  const leadById = new Map(leads.map((l) => [l.articleId, l]));
  const storyIds = entries.flatMap((e) => (e.storyId === null ? [] : [e.storyId]));
  const feedRows = storyIds.length
    ? await db
        .selectDistinct({ storyId: articles.storyId, feedId: articleSources.feedId })
        .from(articleSources)
        .innerJoin(articles, eq(articles.articleId, articleSources.articleId))
        .where(inArray(articles.storyId, storyIds))
    : [];
  const leadSources = await sourcesOf(db, leadIds);
  // Distinct feeds per story, counted in one pass (rows are already distinct per story and feed).
  const feedCounts = new Map<number | null, number>();
  for (const r of feedRows) feedCounts.set(r.storyId, (feedCounts.get(r.storyId) ?? 0) + 1);
  return entries.map((e) => {
    const sources = leadSources.get(e.articleId) ?? [];
    return {
      ...e,
      url: leadById.get(e.articleId)?.url ?? null,
      summary: leadById.get(e.articleId)?.summary ?? null,
      sourceCount: Math.max(e.storyId === null ? 0 : (feedCounts.get(e.storyId) ?? 0), sources.length ? 1 : 0),
      sources: sources.map((s) => ({ feedId: s.feedId, feedTitle: s.feedTitle })),
    };
  });
}

export type Coverage = {
  articleId: number;
  title: string;
  url: string | null;
  publishedAt: Date;
  summary: string | null;
  sources: ArticleSource[];
};

/** A story with all its coverage, lead first then by time; follows merges. */
export async function byId(
  db: Db,
  storyId: number,
): Promise<{ story: Story; coverage: Coverage[] } | { mergedInto: number } | undefined> {
  const [story] = await db.select().from(stories).where(eq(stories.storyId, storyId));
  if (!story) return undefined;
  if (story.mergedInto) return { mergedInto: story.mergedInto };
  const rows = await db
    .select({
      articleId: articles.articleId,
      title: articles.title,
      url: articles.url,
      publishedAt: articles.publishedAt,
      summary: articles.summary,
    })
    .from(articles)
    .where(eq(articles.storyId, storyId))
    .orderBy(articles.publishedAt, articles.articleId);
  const sources = await sourcesOf(
    db,
    rows.map((r) => r.articleId),
  );
  const coverage = rows.map((r) => ({ ...r, sources: sources.get(r.articleId) ?? [] }));
  coverage.sort((a, b) => Number(b.articleId === story.leadArticleId) - Number(a.articleId === story.leadArticleId));
  return { story, coverage };
}

/**
 * Stories whose centroids are nearest to this one's (same embedder), most similar first: exact
 * cosine over the process's centroid cache (vector-cache.ts), so a request reads a few rows.
 */
export async function related(
  db: Db,
  centroids: VectorCache,
  storyId: number,
  limit = 5,
): Promise<{ storyId: number; title: string; similarity: number }[]> {
  const [story] = await db
    .select({ embedder: stories.embedder, centroid: vectorText(stories.centroid) })
    .from(stories)
    .where(eq(stories.storyId, storyId));
  const centroid = parseVector(story?.centroid ?? null);
  if (!centroid || !story.embedder) return [];
  const near = await centroids.nearest(story.embedder, centroid, { limit, exclude: storyId });
  if (near.length === 0) return [];
  // The cache may lag a merge by a few seconds: merged-away stories are left out here.
  const rows = await db
    .select({ storyId: stories.storyId, title: stories.title })
    .from(stories)
    .where(
      and(
        inArray(
          stories.storyId,
          near.map((n) => n.id),
        ),
        isNull(stories.mergedInto),
      ),
    );
  const titles = new Map(rows.map((r) => [r.storyId, r.title]));
  return near.flatMap((n) =>
    titles.has(n.id) ? [{ storyId: n.id, title: titles.get(n.id)!, similarity: n.similarity }] : [],
  );
}
