import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/ingest/charset.ts';
import { parseFailureMessage, parseFeed } from '../../src/ingest/parse.ts';
import { createFeedParser, inlineParser, type FeedParser } from '../../src/ingest/parse-pool.ts';

const dir = 'test/fixtures/feeds/input';
const corpus = readdirSync(dir)
  .sort()
  .map((name) => {
    const contentType = name.endsWith('.json') ? 'application/feed+json' : 'application/xml';
    return {
      name,
      feedUrl: `https://fixtures.example/${name}`,
      contentType,
      body: decodeBody(readFileSync(join(dir, name)), contentType),
    };
  });

describe('parsing feeds in worker threads (PARSE_THREADS)', () => {
  let threads: FeedParser;
  beforeAll(() => {
    threads = createFeedParser(2);
  });
  afterAll(() => threads?.close());

  it('when PARSE_THREADS is 0, then feeds are parsed inline', () => {
    expect(createFeedParser(0)).toBe(inlineParser);
  });

  it('when the golden corpus is parsed in threads, then every feed comes back exactly as parsed inline, dates included', async () => {
    const both = await Promise.all(
      corpus.map(async (doc) => [await parseFeed(doc.body, doc), await threads.parse(doc.body, doc)] as const),
    );
    for (const [inline, threaded] of both) {
      expect(threaded).toEqual(inline);
      for (const item of threaded.items)
        expect(item.publishedAt === null || item.publishedAt instanceof Date).toBe(true);
    }
    expect(both.reduce((n, [, t]) => n + t.items.length, 0)).toBeGreaterThan(30);
  });

  it('when a body is not a feed, then the thread fails with the message the feed row would show inline', async () => {
    const bodies = ['<html><body>Not a feed</body></html>', '<rss><channel><item><title>cut off'];
    for (const body of bodies) {
      const inline = await parseFeed(body, { feedUrl: 'https://broken.example/feed' }).then(
        () => 'parsed',
        parseFailureMessage,
      );
      await expect(threads.parse(body, { feedUrl: 'https://broken.example/feed' })).rejects.toThrow(inline);
      expect(inline).not.toBe('parsed');
    }
  });
});
