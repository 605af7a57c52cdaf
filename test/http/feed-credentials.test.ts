import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { articles } from '../../src/articles/articles.sql.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { feeds } from '../../src/feeds/feeds.sql.ts';
import { withoutCredentials } from '../../src/feeds/public-feed.ts';
import { testApp } from '../support/app.ts';
import { cli, cliDatabase, type CliDatabase } from '../support/cli.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

const PRIVATE = 'https://reader:s3cret@private.example/feed.xml';
const SHOWN = 'https://private.example/feed.xml';

describe('credentials in URLs', () => {
  it('when a URL or a text quoting one carries user:password, then withoutCredentials removes just that', () => {
    expect(withoutCredentials(PRIVATE)).toBe(SHOWN);
    expect(withoutCredentials('http://token@h.example:8080/a?b=c@d#e')).toBe('http://h.example:8080/a?b=c@d#e');
    expect(withoutCredentials('Redirect loop: https://u:p@a.example/x leads back to HTTP://u:p@a.example/y')).toBe(
      'Redirect loop: https://a.example/x leads back to HTTP://a.example/y',
    );
    expect(withoutCredentials('mailto:someone@example.com, https://example.com/@handle')).toBe(
      'mailto:someone@example.com, https://example.com/@handle',
    );
    expect(withoutCredentials(null)).toBeNull();
  });
});

describe.each(drivers)('feeds behind basic auth on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let feedId: number;
  let articleId: number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db);
    // Untitled, failing and disabled: every place the URL or an error quoting it could show.
    const feed = await Feeds.add(t.db, { url: PRIVATE });
    feedId = feed.feedId;
    await t.db
      .update(feeds)
      .set({
        siteUrl: 'https://reader:s3cret@private.example/',
        consecutiveErrors: 1,
        lastError: `Redirect loop: ${PRIVATE} leads back to ${PRIVATE}?x`,
        lastErrorAt: new Date('2025-10-27T11:00:00Z'),
      })
      .where(eq(feeds.feedId, feedId));
    await upsertFeedItems(t.db, feedId, [item(1, { title: 'A private story' })]);
    [{ articleId }] = await t.db.select({ articleId: articles.articleId }).from(articles);
  });
  afterAll(() => t?.close());

  const expectNoSecret = (text: string) => {
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('reader:');
    expect(text).not.toContain('reader@');
  };

  it("when a figure stated by the untitled feed's article is shown, then its source is named without credentials", async () => {
    const [claim] = await Ledger.replaceClaims(
      t.db,
      { articleId },
      extractClaims('Initrode revenue was $4 billion in Q1 2025.'),
      { extractorVersion: 't', statedAt: new Date('2025-04-20T00:00:00Z') },
    );
    const html = await (await app.request(`/figures/${claim.figureId}`)).text();
    expect(html).toContain(SHOWN);
    expectNoSecret(html);
    expectNoSecret(JSON.stringify(await (await app.request(`/api/figures/${claim.figureId}`)).json()));
  });

  it('when /feeds is shown, then the feed is listed by its URL without user and password, its error too', async () => {
    const html = await (await app.request('/feeds')).text();
    expect(html).toContain(`>${SHOWN}</a>`);
    expect(html).toContain(`Redirect loop: ${SHOWN} leads back`);
    expectNoSecret(html);
  });

  it("when a feed's page is shown, then its URL, site link and last error have no credentials", async () => {
    const html = await (await app.request(`/feeds/${feedId}`)).text();
    expect(html).toContain(`<code>${SHOWN}</code>`);
    expect(html).toContain('href="https://private.example/"');
    expectNoSecret(html);
  });

  it('when /feeds.opml is exported, then the outline has the URL without credentials', async () => {
    const opml = await (await app.request('/feeds.opml')).text();
    expect(opml).toContain(`xmlUrl="${SHOWN}"`);
    expectNoSecret(opml);
  });

  it("when an article of the feed is shown, then its source is named without the feed's credentials", async () => {
    const html = await (await app.request(`/articles/${articleId}`)).text();
    expect(html).toContain('A private story');
    expect(html).toContain(SHOWN);
    expectNoSecret(html);
  });
});

describe.each(drivers)('the operator export on %s', (driver) => {
  let d: CliDatabase;
  beforeAll(async () => {
    d = await cliDatabase(driver);
  });
  afterAll(() => d?.close());

  it('when the operator runs feeds export, then the credentials are kept, so the export imports again', async () => {
    expect((await cli(['feeds', 'add', PRIVATE], d.env)).code).toBe(0);
    const run = await cli(['feeds', 'export'], d.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`xmlUrl="${PRIVATE}"`);
  }, 60_000);
});
