import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { parseOpml, toOpml, type OpmlFeed } from '../../src/ingest/opml.ts';

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="AI labs" title="AI labs">
      <outline type="rss" text="OpenAI News" xmlUrl="https://openai.com/news/rss.xml" htmlUrl="https://openai.com/news/"/>
      <outline text="Research">
        <outline type="rss" text="arXiv cs.CL" title="ignored when text is set" xmlUrl="https://rss.arxiv.org/rss/cs.CL"/>
      </outline>
    </outline>
    <outline type="rss" title="Only a title" xmlUrl="https://example.com/feed.xml" htmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="OpenAI again" xmlUrl="https://openai.com/news/rss.xml"/>
    <outline text="A folder with no feed"/>
    <outline type="link" text="Not a feed" url="https://example.com/"/>
    <outline type="rss" text="Bad scheme" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>`;

describe('parseOpml', () => {
  it('when outlines are nested in folders, then every feed is listed flat, first occurrence wins', () => {
    expect(parseOpml(NESTED)).toEqual([
      { title: 'OpenAI News', url: 'https://openai.com/news/rss.xml', siteUrl: 'https://openai.com/news/' },
      { title: 'arXiv cs.CL', url: 'https://rss.arxiv.org/rss/cs.CL', siteUrl: null },
      { title: 'Only a title', url: 'https://example.com/feed.xml', siteUrl: null },
    ]);
  });

  it('when the body is empty, then there are no feeds', () => {
    expect(parseOpml('<opml version="2.0"><head/><body/></opml>')).toEqual([]);
  });

  it('when the file starts with a byte-order mark, then it still parses', () => {
    expect(
      parseOpml('\uFEFF<opml version="2.0"><body><outline xmlUrl="https://a.example/feed"/></body></opml>'),
    ).toHaveLength(1);
  });

  it('when the XML is malformed, then an opml_parse AppError says so', () => {
    expect(() => parseOpml('<opml><body><outline xmlUrl="x"></body>')).toThrow(AppError);
    expect(() => parseOpml('<opml><body><outline xmlUrl="x"></body>')).toThrow(
      /Not an OPML file: the XML is malformed/,
    );
  });

  it('when the document is some other XML, then it is refused', () => {
    expect(() => parseOpml('<rss version="2.0"><channel/></rss>')).toThrow(/no <opml> root/);
  });
});

describe('toOpml', () => {
  const feeds: OpmlFeed[] = [
    { title: 'Ben & Jerry\'s "AI" <blog>', url: 'https://example.com/feed?a=1&b=2', siteUrl: 'https://example.com/' },
    { title: 'Plain', url: 'https://plain.example/rss', siteUrl: null },
  ];

  it('when feeds are exported, then the document is OPML 2.0 with escaped attributes', () => {
    const xml = toOpml(feeds, { title: 'Crosscheck <sources>' });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(xml).toContain('<title>Crosscheck &lt;sources&gt;</title>');
    expect(xml).toContain('text="Ben &amp; Jerry&apos;s &quot;AI&quot; &lt;blog&gt;"');
    expect(xml).toContain('xmlUrl="https://example.com/feed?a=1&amp;b=2"');
    expect(xml).not.toContain('htmlUrl="null"');
  });

  it('when exported feeds are imported again, then the same feeds come back', () => {
    expect(parseOpml(toOpml(feeds, { title: 'x' }))).toEqual(feeds);
  });

  it('when a title has control characters or line breaks, then the document stays well-formed', () => {
    const odd: OpmlFeed[] = [{ title: 'tab\there\nnewline\u0007bell', url: 'https://odd.example/feed', siteUrl: null }];
    expect(parseOpml(toOpml(odd, { title: 'x' }))).toEqual([
      { title: 'tab here newlinebell', url: 'https://odd.example/feed', siteUrl: null },
    ]);
  });

  it('when there are no feeds, then the body is empty but valid', () => {
    expect(parseOpml(toOpml([], { title: 'Empty' }))).toEqual([]);
  });
});
