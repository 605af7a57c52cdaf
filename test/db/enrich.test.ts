import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import { enrichBatch, type EnrichDeps, type TextEmbedder } from '../../src/enrich/enrich.ts';
import * as Jobs from '../../src/enrich/jobs.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { createCentroidCache } from '../../src/stories/centroid-cache.ts';
import { merge, split } from '../../src/stories/merge.ts';
import * as Stories from '../../src/stories/stories.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';
import { lexicalTextEmbedder } from '../support/lexical.ts';

const headlines = [
  'OpenAI and Broadcom announce custom AI chip partnership for data centers',
  'Broadcom to build custom AI chips for OpenAI data centers in new partnership',
  'OpenAI partners with Broadcom on custom AI accelerator chips',
  'Databricks reports enterprise inference revenue jump of 60 percent',
  'EU AI Liability Directive slated for enforcement next year',
];

describe.each(drivers)('enrichment and stories on %s', (driver) => {
  let t: TestDatabase;
  const deps = (over: Partial<EnrichDeps> = {}): EnrichDeps => ({
    db: t.db,
    embedder: lexicalTextEmbedder,
    log: process.env.DEBUG_TEST ? createLogger('debug') : silentLogger,
    owner: 'w1',
    batchSize: 16,
    leaseSeconds: 60,
    maxAttempts: 3,
    stories: { windowDays: 3, threshold: 0.3 },
    ...over,
  });
  const storyOf = async (title: string) =>
    (await queryRows<{ story_id: number | null }>(t.db, sql`select story_id from articles where title = ${title}`))[0]
      .story_id;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.db.execute(
      sql`truncate articles, stories, feeds, enrichment_jobs, article_embeddings restart identity cascade`,
    );
  });

  async function ingest(titles: string[], feedUrl = 'https://a.example/feed', day = 1) {
    const feed = await Feeds.add(t.db, { url: feedUrl });
    const items = titles.map((title, i) =>
      item(i + feedUrl.length * 100, {
        title,
        summary: title,
        contentText: title,
        canonicalUrl: `${feedUrl}/${i}`,
        link: `${feedUrl}/${i}`,
        publishedAt: new Date(Date.UTC(2025, 9, day, i)),
      }),
    );
    await upsertFeedItems(t.db, feed.feedId, items);
  }

  it('when assignment goes through the process centroid cache, then stories come out as without it, and a merge by another writer is seen at once', async () => {
    const more = [
      'Broadcom custom chips deal with OpenAI confirmed',
      'Databricks inference revenue up 60 percent in enterprise',
      'EU AI Liability Directive enforcement date set',
    ];
    await ingest(headlines);
    const centroids = createCentroidCache();
    await enrichBatch(deps({ centroids }));
    const before = await Promise.all(headlines.map(storyOf));
    expect(centroids.size()).toBeGreaterThan(0);
    // Another process merges two stories (it does not go through this cache): the next article must see the merged centroid, not the cached ones.
    await merge(t.db, before[4]!, before[3]!);
    await ingest(more, 'https://b.example/feed', 1);
    await enrichBatch(deps({ centroids }));
    const withCache = await Promise.all([...headlines, ...more].map(storyOf));

    await t.db.execute(
      sql`truncate articles, stories, feeds, enrichment_jobs, article_embeddings restart identity cascade`,
    );
    await ingest(headlines);
    await enrichBatch(deps());
    await merge(t.db, before[4]!, before[3]!);
    await ingest(more, 'https://b.example/feed', 1);
    await enrichBatch(deps());
    expect(await Promise.all([...headlines, ...more].map(storyOf))).toEqual(withCache);
    expect(withCache[5]).toBe(withCache[0]);
    expect(withCache[6]).toBe(withCache[3]);
  });

  it('when articles are stored, then each gets one embed job, and enrichment groups coverage of one event into one story', async () => {
    await ingest(headlines);
    expect(await Jobs.backlog(t.db, 'embed')).toMatchObject({ pending: 5 });
    const r = await enrichBatch(deps());
    expect(r).toMatchObject({ claimed: 5, done: 5 });
    expect(await Jobs.backlog(t.db, 'embed')).toMatchObject({ pending: 0, done: 5 });
    const [a, b, c, d, e] = await Promise.all(headlines.map(storyOf));
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(new Set([a, d, e]).size).toBe(3);
    const front = await Stories.latest(t.db, { limit: 10 });
    expect(front.find((s) => s.storyId === a)).toMatchObject({ articleCount: 3, title: headlines[0] });
  });

  // headlines[0] and [2] meet at cosine ≈ 0.48 in lexical-v1: above its 0.275, below a model's 0.55.
  it('when no threshold is configured, then lexical-v1 vectors join at its own threshold', async () => {
    await ingest([headlines[0], headlines[2]]);
    await enrichBatch(deps({ stories: { windowDays: 3, threshold: null } }));
    expect(await storyOf(headlines[0])).toBe(await storyOf(headlines[2]));
  });

  it("when no threshold is configured, then a sentence model's vectors need its higher threshold to join", async () => {
    const model: TextEmbedder = {
      embed: async (texts) => ({ ...(await lexicalTextEmbedder.embed(texts)), embedder: 'Xenova/all-MiniLM-L6-v2' }),
    };
    await ingest([headlines[0], headlines[2]]);
    await enrichBatch(deps({ embedder: model, stories: { windowDays: 3, threshold: null } }));
    expect(await storyOf(headlines[0])).not.toBe(await storyOf(headlines[2]));
  });

  it('when similar coverage is outside the time window, then it starts a new story', async () => {
    await ingest([headlines[0]], 'https://a.example/feed', 1);
    await ingest([headlines[1]], 'https://b.example/feed', 20);
    await enrichBatch(deps());
    expect(await storyOf(headlines[0])).not.toBe(await storyOf(headlines[1]));
  });

  it('when an article keeps failing, then it is parked with its error and its neighbours are enriched', async () => {
    await ingest([headlines[0], 'POISON article', headlines[3]]);
    const flaky: TextEmbedder = {
      embed: async (texts) => {
        if (texts.some((x) => x.includes('POISON'))) throw new Error('tokenizer exploded');
        return lexicalTextEmbedder.embed(texts);
      },
    };
    for (let i = 0; i < 3; i++) await enrichBatch(deps({ embedder: flaky }));
    expect(await Jobs.backlog(t.db, 'embed')).toMatchObject({ done: 2, parked: 1, pending: 0 });
    const [parked] = await Jobs.parked(t.db, 'embed');
    expect(parked.lastError).toContain('tokenizer exploded');
    expect(await enrichBatch(deps({ embedder: flaky }))).toMatchObject({ claimed: 0 });
  });

  it('when a backlog of claim extraction waits, then the articles are taken oldest first, whatever order they arrived in', async () => {
    await ingest(['Late story one', 'Late story two'], 'https://late.example/feed', 20);
    await ingest(['Early story one', 'Early story two'], 'https://early.example/feed', 2);
    const titles = async (ids: number[]) =>
      (
        await queryRows<{ title: string }>(
          t.db,
          sql`select title from articles where article_id = any(${`{${ids.join(',')}}`}::int[]) order by published_at`,
        )
      ).map((r) => r.title);
    const first = await Jobs.claim(t.db, 'w', { kind: 'claims', limit: 2, leaseSeconds: 60 });
    expect(await titles(first.map((j) => j.articleId))).toEqual(['Early story one', 'Early story two']);
    // Embedding keeps arrival order (stories form as coverage arrives).
    const embed = await Jobs.claim(t.db, 'w', { kind: 'embed', limit: 2, leaseSeconds: 60 });
    expect(await titles(embed.map((j) => j.articleId))).toEqual(['Late story one', 'Late story two']);
  });

  it('when a worker dies holding a batch, then another claims it after the lease expires, and nothing is done twice', async () => {
    await ingest(headlines);
    const stolen = await Jobs.claim(t.db, 'dead-worker', { kind: 'embed', limit: 3, leaseSeconds: 60 });
    expect(stolen).toHaveLength(3);
    expect(await enrichBatch(deps({ owner: 'w2' }))).toMatchObject({ claimed: 2, done: 2 });
    await t.db.execute(
      sql`update enrichment_jobs set lease_until = now() - interval '1 second' where lease_owner = 'dead-worker'`,
    );
    expect(await enrichBatch(deps({ owner: 'w2' }))).toMatchObject({ claimed: 3, done: 3 });
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from article_embeddings`);
    expect(rows[0].n).toBe(5);
  });

  it('when two workers enrich at once, then each article is embedded once and lands in exactly one story', async () => {
    await ingest(headlines.concat(headlines.map((h) => `${h} (update)`)));
    await Promise.all([
      enrichBatch(deps({ owner: 'a', batchSize: 4 })),
      enrichBatch(deps({ owner: 'b', batchSize: 4 })),
      enrichBatch(deps({ owner: 'c', batchSize: 4 })),
    ]);
    while ((await enrichBatch(deps({ owner: 'a' }))).claimed > 0);
    const rows = await queryRows<{ unassigned: number; stories_total: number; members: number }>(
      t.db,
      sql`select (select count(*)::int from articles where story_id is null) as unassigned,
                 (select coalesce(sum(article_count), 0)::int from stories) as members,
                 (select count(*)::int from stories) as stories_total`,
    );
    expect(rows[0]).toMatchObject({ unassigned: 0, members: 10 });
  });

  it('when a moderator merges two stories and splits an article out, then counts, lead and redirects follow', async () => {
    await ingest([headlines[0], headlines[3]]);
    await enrichBatch(deps());
    const [s1, s2] = [await storyOf(headlines[0]), await storyOf(headlines[3])];
    await merge(t.db, s2!, s1!);
    expect(await Stories.byId(t.db, s2!)).toEqual({ mergedInto: s1 });
    const merged = await Stories.byId(t.db, s1!);
    expect(merged && 'story' in merged && merged.story.articleCount).toBe(2);
    const [row] = await queryRows<{ article_id: number }>(
      t.db,
      sql`select article_id from articles where title = ${headlines[3]}`,
    );
    const s3 = await split(t.db, row.article_id);
    expect(await storyOf(headlines[3])).toBe(s3);
    const after = await Stories.byId(t.db, s1!);
    expect(after && 'story' in after && after.story.articleCount).toBe(1);
    await expect(merge(t.db, s1!, s1!)).rejects.toThrow(/itself/);
  });

  it('when the embedder changes, then stored vectors of the old one are re-queued', async () => {
    await ingest(headlines.slice(0, 2));
    await enrichBatch(deps());
    expect(await Jobs.requeueOutdated(t.db, 'embed', 'lexical-v1')).toBe(0);
    expect(await Jobs.requeueOutdated(t.db, 'embed', 'transformers:some/model:q8')).toBe(2);
    expect(await Jobs.backlog(t.db, 'embed')).toMatchObject({ pending: 2, done: 0 });
  });

  it('when a claim names articles, then only their jobs are taken and the rest stay queued', async () => {
    await ingest(headlines.slice(0, 3));
    const [first] = await queryRows<{ article_id: number }>(
      t.db,
      sql`select article_id from articles order by article_id limit 1`,
    );
    const claimed = await Jobs.claim(t.db, 'demo', {
      kind: 'claims',
      limit: 10,
      leaseSeconds: 60,
      articleIds: [first.article_id],
    });
    expect(claimed.map((j) => j.articleId)).toEqual([first.article_id]);
    expect(await Jobs.backlog(t.db, 'claims')).toMatchObject({ pending: 2, running: 1 });
  });
});
