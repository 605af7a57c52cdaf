import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { parseFeed } from '../../src/ingest/parse.ts';
import { ARTIFACTS, launchBrowser, startTestServer, type TestServer } from '../support/browser.ts';

const FEED_URL = 'http://photos.example/feed.xml';
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Photo desk</title><link>http://photos.example/</link>
<item><title>Inside the new GPU hall</title><link>http://photos.example/gpu-hall</link><guid>gpu-hall</guid>
<description><![CDATA[<p>The hall holds 100,000 GPUs.</p><figure><img src="/img/hall.jpg" alt="Rows of racks"><figcaption>The new hall</figcaption></figure><p>More soon.</p>]]></description></item>
</channel></rss>`;

/**
 * An article from a feed served over http: whose pictures are http: too. The content security
 * policy allows https: images only, so the page shows a link in the picture's place and the
 * browser neither loads the picture nor reports a violation.
 */
describe('an article with http: images, in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Stored as ingestion stores it (parse and sanitise), before the site starts: no network needed.
    server = await startTestServer({ DEMO_DATA: 'false' }, async (db) => {
      const feed = await Feeds.add(db, { url: FEED_URL });
      await upsertFeedItems(db, feed.feedId, (await parseFeed(FEED, { feedUrl: FEED_URL })).items);
    });
  }, 120_000);
  afterAll(() => server?.close());

  it('when a reader opens it, then a link says "image (http, not loaded)" where the picture was, with no CSP violation and no request for it', async () => {
    const browser = await launchBrowser({ javaScriptEnabled: true });
    const problems: string[] = [];
    const requested: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('request', (r) => void requested.push(r.url()));
      await page.goto(`${server.url}/?tab=new`);
      await page.click('a.title:has-text("Inside the new GPU hall")');
      const placeholder = page.locator('.article-full .content figure a.insecure-image');
      expect(await placeholder.textContent()).toBe('image (http, not loaded): http://photos.example/img/hall.jpg');
      expect(await placeholder.getAttribute('href')).toBe('http://photos.example/img/hall.jpg');
      expect(await placeholder.getAttribute('title')).toBe('Rows of racks');
      expect(await page.locator('.article-full .content img').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'article-http-image.png'), fullPage: true });
      expect(requested.filter((u) => u.includes('photos.example'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.dispose();
    }
  }, 180_000);
});
