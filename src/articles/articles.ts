import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { withoutCredentials } from '../feeds/public-feed.ts';
import { queryRows } from '../db/sql.ts';
import { articleRevisions, articleSources, articles, type Article } from './articles.sql.ts';

export type { Article };

export type ArticleSource = {
  feedId: number;
  feedTitle: string;
  feedUrl: string;
  link: string | null;
  firstSeenAt: Date;
};
export type ArticleListEntry = Pick<Article, 'articleId' | 'title' | 'url' | 'summary' | 'author' | 'publishedAt'> & {
  sources: { feedId: number; feedTitle: string }[];
};

/** The newest articles, newest first; `before` pages by published time (keyset, stable under inserts). */
export async function latest(
  db: Db,
  opts: { limit: number; before?: Date; feedId?: number },
): Promise<ArticleListEntry[]> {
  const inFeed =
    opts.feedId === undefined
      ? undefined
      : sql`exists (select 1 from ${articleSources} s where s.article_id = ${articles.articleId} and s.feed_id = ${opts.feedId})`;
  const rows = await db
    .select({
      articleId: articles.articleId,
      title: articles.title,
      url: articles.url,
      summary: articles.summary,
      author: articles.author,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(and(opts.before ? lt(articles.publishedAt, opts.before) : undefined, inFeed))
    .orderBy(desc(articles.publishedAt), desc(articles.articleId))
    .limit(opts.limit);
  const sources = await sourcesOf(
    db,
    rows.map((r) => r.articleId),
  );
  return rows.map((r) => ({
    ...r,
    sources: (sources.get(r.articleId) ?? []).map(({ feedId, feedTitle }) => ({ feedId, feedTitle })),
  }));
}

export async function byId(
  db: Db,
  articleId: number,
): Promise<(Article & { sources: ArticleSource[]; revisions: number }) | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.articleId, articleId));
  if (!row) return undefined;
  const sources = (await sourcesOf(db, [articleId])).get(articleId) ?? [];
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId));
  return { ...row, sources, revisions: n };
}

export async function sourcesOf(db: Db, articleIds: number[]): Promise<Map<number, ArticleSource[]>> {
  const out = new Map<number, ArticleSource[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({
      articleId: articleSources.articleId,
      feedId: feeds.feedId,
      feedTitle: feeds.title,
      feedUrl: feeds.url,
      link: articleSources.link,
      firstSeenAt: articleSources.firstSeenAt,
    })
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

/** How many items each feed has brought (one article_sources row each): one grouped index scan. */
export async function itemCountsByFeed(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ feedId: articleSources.feedId, n: sql<number>`count(*)::int` })
    .from(articleSources)
    .groupBy(articleSources.feedId);
  return new Map(rows.map((r) => [r.feedId, Number(r.n)]));
}

/** A feed's articles, and how many of them no other feed carries (what deleting the feed would leave source-less). */
export async function feedCoverage(db: Db, feedId: number): Promise<{ items: number; onlyHere: number }> {
  const [row] = await queryRows<{ items: number; only_here: number }>(
    db,
    sql`SELECT count(*)::int AS items,
               count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM article_sources o WHERE o.article_id = s.article_id AND o.feed_id <> s.feed_id))::int AS only_here
        FROM article_sources s WHERE s.feed_id = ${feedId}`,
  );
  return { items: Number(row?.items ?? 0), onlyHere: Number(row?.only_here ?? 0) };
}
