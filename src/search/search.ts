import { inArray, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import type { VectorCache } from '../stories/vector-cache.ts';
import { nearestArticles, type Neighbour } from '../stories/vector-index.ts';

export type SearchHit = {
  articleId: number;
  storyId: number | null;
  title: string;
  summary: string | null;
  publishedAt: Date;
  via: ('text' | 'semantic')[];
  similarity: number | null;
};

/**
 * Postgres full-text search (websearch syntax: quotes, OR, -not), best first, on the stored
 * `articles.search_vector` (title weighted above the body) through its GIN index, so ranking reads
 * each match's vector instead of re-parsing its text.
 */
export async function fullText(db: Db, q: string, limit: number): Promise<number[]> {
  const rows = await queryRows<{ article_id: number }>(
    db,
    sql`SELECT article_id FROM articles, websearch_to_tsquery('english', ${q}) AS query
        WHERE search_vector @@ query
        ORDER BY ts_rank(search_vector, query) DESC, published_at DESC
        LIMIT ${limit}`,
  );
  return rows.map((r) => Number(r.article_id));
}

/**
 * Nearest articles to a query vector among vectors of the same embedder: through the pgvector HNSW
 * index over all of them when the database has one (src/stories/vector-index.ts), otherwise by exact
 * cosine over the process's cache of the most recent ones (src/stories/vector-cache.ts; see
 * bench:stories for both).
 */
export async function semantic(
  db: Db,
  cache: VectorCache,
  vector: ArrayLike<number>,
  embedder: string,
  opts: { limit: number; minSimilarity?: number },
): Promise<Neighbour[]> {
  const minSimilarity = opts.minSimilarity ?? 0.2;
  const indexed = await nearestArticles(db, vector, embedder, { limit: opts.limit });
  if (indexed) return indexed.filter((r) => r.similarity >= minSimilarity);
  const near = await cache.nearest(embedder, vector, { limit: opts.limit, minSimilarity });
  return near.map((n) => ({ articleId: n.id, similarity: n.similarity }));
}

/** Reciprocal-rank fusion of the text and semantic lists: agreement between the two ranks highest. */
export async function combined(
  db: Db,
  cache: VectorCache,
  q: string,
  query: { vector: ArrayLike<number>; embedder: string } | null,
  limit = 20,
): Promise<SearchHit[]> {
  const text = await fullText(db, q, limit * 2);
  const near = query ? await semantic(db, cache, query.vector, query.embedder, { limit: limit * 2 }) : [];
  const score = new Map<number, number>();
  const via = new Map<number, Set<'text' | 'semantic'>>();
  const add = (id: number, rank: number, kind: 'text' | 'semantic') => {
    score.set(id, (score.get(id) ?? 0) + 1 / (60 + rank));
    via.set(id, (via.get(id) ?? new Set()).add(kind));
  };
  text.forEach((id, i) => add(id, i, 'text'));
  near.forEach((n, i) => add(n.articleId, i, 'semantic'));
  const ids = [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)!).slice(0, limit);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      articleId: articles.articleId,
      storyId: articles.storyId,
      title: articles.title,
      summary: articles.summary,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(inArray(articles.articleId, ids));
  const byId = new Map(rows.map((r) => [r.articleId, r]));
  const sim = new Map(near.map((n) => [n.articleId, n.similarity]));
  return ids.flatMap((id) =>
    byId.has(id) ? [{ ...byId.get(id)!, via: [...via.get(id)!], similarity: sim.get(id) ?? null }] : [],
  );
}
