import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { parseStringPromise } from 'xml2js';
import { rss2 } from '../../src/syndication/rss.ts';

const parse = (xml: string) => new Parser({ xml2js: { strict: true } }).parseString(xml);

describe('RSS written for readers', () => {
  it('when texts hold markup, entities, "]]>" and control characters, then a strict parser reads them back as written', async () => {
    const tricky = 'a ]]> b ]]> <i>c</i> & d &amp; "e"\u0001';
    const xml = rss2({
      title: `Channel ${tricky}`,
      link: 'https://x.example/',
      description: tricky,
      selfUrl: 'https://x.example/feed.xml?filter=a&b=c',
      items: [
        {
          title: tricky,
          link: 'https://x.example/figures?q=1&r=2',
          guid: 'crosscheck-7',
          date: new Date('2025-10-27T12:00:00Z'),
          description: tricky,
          source: { url: 'https://x.example/feeds/1?a=1&b=<2>', title: tricky },
        },
      ],
    });
    const written = tricky.replace('\u0001', '');
    const feed = await parse(xml);
    expect(feed.title).toBe(`Channel ${written}`);
    expect(feed.description).toBe(written);
    const [item] = feed.items;
    expect(item.title).toBe(written);
    expect(item.content).toBe(written);
    expect(item.link).toBe('https://x.example/figures?q=1&r=2');
    expect(item.guid).toBe('crosscheck-7');
    expect(item.isoDate).toBe('2025-10-27T12:00:00.000Z');
    const doc = await parseStringPromise(xml, { strict: true });
    expect(doc.rss.channel[0].item[0].source[0]).toEqual({
      _: written,
      $: { url: 'https://x.example/feeds/1?a=1&b=<2>' },
    });
    expect(xml).toContain(
      '<atom:link href="https://x.example/feed.xml?filter=a&amp;b=c" rel="self" type="application/rss+xml"/>',
    );
  });

  it('when an item has no guid of its own, then its link is its permalink', () => {
    const xml = rss2({
      title: 't',
      link: 'https://x.example/',
      description: 'd',
      items: [{ title: 'a', link: 'https://x.example/articles/1', date: new Date(0) }],
    });
    expect(xml).toContain('<guid isPermaLink="true">https://x.example/articles/1</guid>');
  });
});
