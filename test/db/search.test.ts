import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import * as Search from '../../src/search/search.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

describe.each(drivers)('full-text search on the stored search vector on %s', (driver) => {
  let t: TestDatabase;
  let feedId: number;
  const idOf = async (guid: string) =>
    (
      await queryRows<{ article_id: number }>(
        t.db,
        sql`select a.article_id from articles a join article_sources s using (article_id) where s.item_key = ${guid}`,
      )
    )[0].article_id;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    feedId = (await Feeds.add(t.db, { url: 'https://a.example/feed' })).feedId;
    await upsertFeedItems(t.db, feedId, [
      item(1, { title: 'Nvidia capex outlook', contentText: 'Spending on data centers keeps rising.' }),
      item(2, { title: 'Quarterly results roundup', contentText: 'Among others, Nvidia raised capex guidance again.' }),
      item(3, { title: 'Weather', contentText: 'Rain tomorrow.' }),
    ]);
  });
  afterAll(() => t?.close());

  it('when a word is in one title and another body, then both match and the title ranks first', async () => {
    const ids = await Search.fullText(t.db, 'nvidia capex', 10);
    expect(ids).toEqual([await idOf('guid-1'), await idOf('guid-2')]);
  });

  it('when an article is newly ingested, then its words are found at once', async () => {
    expect(await Search.fullText(t.db, 'hyperscalers', 10)).toEqual([]);
    await upsertFeedItems(t.db, feedId, [
      item(4, { title: 'Hyperscalers spend more', contentText: 'Microsoft and Google lead.' }),
    ]);
    expect(await Search.fullText(t.db, 'hyperscalers', 10)).toEqual([await idOf('guid-4')]);
    expect(await Search.fullText(t.db, 'microsoft google', 10)).toEqual([await idOf('guid-4')]);
  });

  it('when an article is edited, then its new words are found and its old ones no longer are', async () => {
    await upsertFeedItems(t.db, feedId, [
      item(3, {
        title: 'Weather',
        contentText: 'Sunny with a chance of TPUs.',
        contentHtml: '<p>Sunny with a chance of TPUs.</p>',
      }),
    ]);
    expect(await Search.fullText(t.db, 'tpus', 10)).toEqual([await idOf('guid-3')]);
    expect(await Search.fullText(t.db, 'rain', 10)).toEqual([]);
  });

  it('when the vector is read, then it is the one the database derives from title and body', async () => {
    const [row] = await queryRows<{ same: boolean }>(
      t.db,
      sql`select bool_and(search_vector = setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content_text), 'B')) as same from articles`,
    );
    expect(row.same).toBe(true);
  });
});
