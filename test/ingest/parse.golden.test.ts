import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { parseFeed, type ParsedFeed } from '../../src/ingest/parse.ts';

/**
 * Golden files, rss-parser style: every real-world feed in fixtures/feeds/input/ is parsed
 * and compared with fixtures/feeds/output/<same name>.json. `UPDATE_GOLDENS=1 npx vitest run
 * test/ingest/parse.golden.test.ts` rewrites the goldens; review the diff before committing.
 * Sources and licences: fixtures/feeds/SOURCES.md.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDENS === '1';

/** Where each feed was served from, so relative links resolve as they did for real readers. */
const FEED_URLS: Record<string, string> = {
  'feed-extractor-rss-feed-miss-base-url.xml': 'https://huggingface.co/blog/feed.xml',
  'feed-extractor-json-feed-miss-base-url.json': 'https://jsonfeed.org/feed.json',
  'dreamwidth-plasmasturm-xmlbase.xml': 'http://plasmasturm.org/attic/atom-tests/xmlbase.atom',
};

const inputs = readdirSync(join(FIXTURES, 'input')).sort();

/** The fetcher hands parseFeed a decoded string; here the prolog's encoding does that job. */
function decode(bytes: Buffer): string {
  const declared = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  return declared && iconv.encodingExists(declared) ? iconv.decode(bytes, declared) : bytes.toString('utf8');
}

/** Dates as ISO strings, everything else as is: a golden is plain JSON. */
function toGolden(feed: ParsedFeed): unknown {
  return JSON.parse(JSON.stringify(feed));
}

describe('parseFeed golden files', () => {
  it('when the corpus is listed, then it holds at least 15 real-world feeds', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(inputs)('when %s is parsed, then the result matches its golden file', async (name) => {
    const body = decode(readFileSync(join(FIXTURES, 'input', name)));
    const feedUrl = FEED_URLS[name] ?? `https://feeds.example.org/${name}`;
    const actual = toGolden(await parseFeed(body, { feedUrl }));
    const goldenPath = join(FIXTURES, 'output', name.replace(/\.\w+$/, '.json'));
    if (UPDATE) writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(goldenPath), `no golden for ${name}: run with UPDATE_GOLDENS=1 and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});

describe('parseFeed on what is not a feed', () => {
  const feedUrl = 'https://example.com/feed';
  const refuse = async (body: string, message: RegExp, contentType?: string) => {
    const error = await parseFeed(body, { feedUrl, contentType }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'feed_parse' });
    expect((error as AppError).message).toMatch(message);
  };

  it('when the XML is malformed, then a feed_parse AppError names the problem', () =>
    refuse(
      '<rss version="2.0"><channel><item><title>x</title></item></channel>',
      /^Not a feed: the XML is malformed \(Unclosed root tag\)$/,
    ));

  it('when the body is an HTML page, then it is refused as one', () =>
    refuse(
      '<!DOCTYPE html>\n<html><head><title>Blog</title></head><body></body></html>',
      /^Not a feed: this is an HTML page$/,
    ));

  it('when the body is empty or plain text, then it is refused', async () => {
    await refuse('', /^Not a feed: the document is empty or is not XML$/);
    await refuse('Service Unavailable', /^Not a feed: the document is empty or is not XML$/);
  });

  it('when the XML is some other document, then its root is named', () =>
    refuse(
      '<?xml version="1.0"?><opml version="2.0"><body/></opml>',
      /^Not a feed: the document is <opml>, not RSS or Atom$/,
    ));

  it('when a well-formed <rss> document has no <channel>, then the error says so in words', async () => {
    await refuse(
      '<?xml version="1.0"?><rss version="2.0"><item><title>x</title></item></rss>',
      /^Not a feed: the <rss> document has no <channel> element$/,
    );
    await refuse('<rss version="2.0"/>', /^Not a feed: the <rss> document has no <channel> element$/);
    await refuse('<rss></rss>', /^Not a feed: the <rss> document has no <channel> element$/);
  });

  it('when an rdf:RDF document is empty, then the error says it has no items or channel', async () => {
    await refuse(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>',
      /^Not a feed: an RDF document with no items or channel$/,
    );
    await refuse(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
      /^Not a feed: an RDF document with no items or channel$/,
    );
  });

  it('when a document is not a feed for any reason, then the error never quotes a JavaScript TypeError', async () => {
    for (const body of [
      '<rss version="2.0"><foo/></rss>',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><foo/></rdf:RDF>',
    ]) {
      const error = await parseFeed(body, { feedUrl }).catch((err: unknown) => err);
      expect((error as AppError).message).not.toMatch(/Cannot read properties|undefined/);
    }
  });

  it('when JSON is broken or not a JSON Feed, then it is refused', async () => {
    await refuse('{"version": "https://jsonfeed.org/version/1", "items": [', /^Not a feed: the JSON is malformed$/);
    await refuse('{"data": []}', /^Not a feed: the JSON has no JSON Feed version$/);
    await refuse('{"version": "https://jsonfeed.org/version/1.1"}', /^Not a feed: the JSON Feed has no items list$/);
  });
});

describe('parseFeed details', () => {
  const feedUrl = 'https://example.com/feed';

  it('when an RSS feed is served as application/json, then the body decides and it parses as XML', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>T</title></channel></rss>', {
      feedUrl,
      contentType: 'application/json',
    });
    expect(feed.title).toBe('T');
  });

  it('when an RSS 1.0 feed binds its namespace to a prefix (rss:channel, rss:item), then its items are read', async () => {
    const rdf = `<?xml version="1.0" encoding="utf-8"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <rss:channel rdf:about="https://lists.example/nep-ai">
          <rss:title>AI working papers</rss:title>
          <rss:link>https://lists.example/nep-ai</rss:link>
          <rss:description>New papers each week</rss:description>
          <rss:items><rdf:Seq><rdf:li rdf:resource="https://papers.example/1"/><rdf:li rdf:resource="https://papers.example/2"/></rdf:Seq></rss:items>
        </rss:channel>
        <rss:item rdf:about="https://papers.example/1">
          <rss:title>Compute budgets of frontier labs</rss:title>
          <rss:link>https://papers.example/1</rss:link>
          <rss:description>Capex rose 50% in 2024.</rss:description>
          <dc:creator>A. Author</dc:creator>
          <dc:date>2025-01-15T10:00:00Z</dc:date>
        </rss:item>
        <rss:item rdf:about="https://papers.example/2">
          <rss:title>Inference prices fall</rss:title>
          <rss:link>https://papers.example/2</rss:link>
        </rss:item>
      </rdf:RDF>`;
    const feed = await parseFeed(rdf, { feedUrl });
    expect(feed).toMatchObject({
      title: 'AI working papers',
      siteUrl: 'https://lists.example/nep-ai',
      description: 'New papers each week',
    });
    expect(feed.items.map(({ guid, link, title, author }) => ({ guid, link, title, author }))).toEqual([
      {
        guid: 'https://papers.example/1',
        link: 'https://papers.example/1',
        title: 'Compute budgets of frontier labs',
        author: 'A. Author',
      },
      {
        guid: 'https://papers.example/2',
        link: 'https://papers.example/2',
        title: 'Inference prices fall',
        author: null,
      },
    ]);
    expect(feed.items[0]).toMatchObject({
      contentText: 'Capex rose 50% in 2024.',
      publishedAt: new Date('2025-01-15T10:00:00Z'),
    });
  });

  it('when one Atom date is unparseable, then only that date is lost, not the feed', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>a</id><title>A</title><published>yesterday-ish</published></entry>
      <entry><id>b</id><title>B</title><updated>2024-05-01T10:00:00Z</updated></entry></feed>`;
    const feed = await parseFeed(atom, { feedUrl });
    expect(feed.items.map((i) => i.publishedAt?.toISOString() ?? null)).toEqual([null, '2024-05-01T10:00:00.000Z']);
  });

  it('when the content is long, then the summary is plain text of at most 500 characters', async () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const rss = `<rss version="2.0"><channel><item><title>T</title><description>&lt;p&gt;${words}&lt;/p&gt;</description></item></channel></rss>`;
    const [item] = (await parseFeed(rss, { feedUrl })).items;
    expect(Array.from(item.summary ?? '').length).toBeLessThanOrEqual(500);
    expect(item.summary).toMatch(/^word0 word1 .* word\d+…$/);
  });

  it('when an RSS title carries markup and entities, then the title is plain text', async () => {
    const rss =
      '<rss version="2.0"><channel><item><title>&lt;b&gt;GPT-5&lt;/b&gt; &amp;amp; the &lt;i&gt;bar&lt;/i&gt;</title></item></channel></rss>';
    expect((await parseFeed(rss, { feedUrl })).items[0].title).toBe('GPT-5 & the bar');
  });

  it('when <ttl> is set, then ttlMinutes carries it; nonsense is ignored', async () => {
    const ttl = async (value: string) =>
      (await parseFeed(`<rss version="2.0"><channel><ttl>${value}</ttl></channel></rss>`, { feedUrl })).ttlMinutes;
    expect(await ttl('90')).toBe(90);
    expect(await ttl('soon')).toBeNull();
    expect(await ttl('-5')).toBeNull();
  });
});
