import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { withoutCredentials } from '../feeds/public-feed.ts';
import { articleRevisions, articleSources, articles, type Article } from './articles.sql.ts';

export type { Article };
export { upsertFeedItems } from './upsert.ts';

export type ArticleSource = { feedId: number; feedTitle: string; feedUrl: string; link: string | null; firstSeenAt: Date };
export type ArticleListEntry = Pick<Article, 'articleId' | 'title' | 'url' | 'summary' | 'author' | 'publishedAt'> & {
  sources: { feedId: number; feedTitle: string }[];
};

/** The newest articles, newest first; `before` pages by published time (keyset, stable under inserts). */
export async function latest(db: Db, opts: { limit: number; before?: Date; feedId?: number }): Promise<ArticleListEntry[]> {
  const inFeed = opts.feedId === undefined ? undefined : sql`exists (select 1 from ${articleSources} s where s.article_id = ${articles.articleId} and s.feed_id = ${opts.feedId})`;
  const rows = await db
    .select({ articleId: articles.articleId, title: articles.title, url: articles.url, summary: articles.summary, author: articles.author, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(opts.before ? lt(articles.publishedAt, opts.before) : undefined, inFeed))
    .orderBy(desc(articles.publishedAt), desc(articles.articleId))
    .limit(opts.limit);
  const sources = await sourcesOf(db, rows.map((r) => r.articleId));
  return rows.map((r) => ({ ...r, sources: (sources.get(r.articleId) ?? []).map(({ feedId, feedTitle }) => ({ feedId, feedTitle })) }));
}

export async function byId(db: Db, articleId: number): Promise<(Article & { sources: ArticleSource[]; revisions: number }) | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.articleId, articleId));
  if (!row) return undefined;
  const sources = (await sourcesOf(db, [articleId])).get(articleId) ?? [];
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId));
  return { ...row, sources, revisions: n };
}

export async function sourcesOf(db: Db, articleIds: number[]): Promise<Map<number, ArticleSource[]>> {
  const out = new Map<number, ArticleSource[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({ articleId: articleSources.articleId, feedId: feeds.feedId, feedTitle: feeds.title, feedUrl: feeds.url, link: articleSources.link, firstSeenAt: articleSources.firstSeenAt })
    .from(articleSources)
    .innerJoin(feeds, eq(feeds.feedId, articleSources.feedId))
    .where(sql`${articleSources.articleId} in ${articleIds}`)
    .orderBy(articleSources.firstSeenAt);
  for (const { articleId, ...source } of rows) {
    const list = out.get(articleId) ?? [];
    const feedUrl = withoutCredentials(source.feedUrl); // a feed behind basic auth: readers never see the password
    list.push({ ...source, feedUrl, feedTitle: source.feedTitle || feedUrl });
    out.set(articleId, list);
  }
  return out;
}

export async function count(db: Db): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  return n;
}
