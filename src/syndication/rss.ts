import { Feed } from 'feed';

/** RSS 2.0 for every feed the site serves (articles, figures, a figure's values, the moderation log), through `feed`. Pure. */

export type RssItem = {
  title: string;
  link: string;
  /** A stable id that is not a URL (isPermaLink="false"); without one the link is the permalink. */
  guid?: string;
  date: Date;
  description?: string | null;
  /** The feed an article came from (`<source url>`). */
  source?: { url: string; title: string };
};

export type RssChannel = { title: string; link: string; description: string; selfUrl?: string; items: RssItem[] };

export function rss2(channel: RssChannel): string {
  const feed = new Feed({
    id: channel.link,
    title: text(channel.title),
    link: channel.link,
    description: text(channel.description),
    feedLinks: channel.selfUrl ? { rss: channel.selfUrl } : undefined,
    updated: channel.items[0]?.date ?? new Date(0),
    generator: false,
  });
  for (const item of channel.items)
    feed.addItem({
      title: cdata(item.title),
      link: item.link,
      guid: item.guid,
      date: item.date,
      description: item.description ? cdata(item.description) : undefined,
      extensions: item.source
        ? [
            {
              name: 'source',
              objects: { _attributes: { url: attribute(item.source.url) }, _text: text(item.source.title) },
            },
          ]
        : undefined,
    });
  return feed.rss2();
}

/** XML 1.0 forbids most control characters even when escaped. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Element text: xml-js escapes it but first reads "&amp;" back as "&", so "&" is escaped once here. */
const text = (s: string) => clean(s).replaceAll('&', '&amp;');

/** An attribute value: xml-js escapes only its quotes. */
const attribute = (s: string) => clean(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/**
 * Text bound for a CDATA section: xml-js splits only the first "]]>" of a section, so every later one
 * is split here (the first stays for it to split).
 */
function cdata(s: string): string {
  const text = clean(s);
  const first = text.indexOf(']]>');
  if (first < 0) return text;
  const rest = text.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
  return `${text.slice(0, first + 3)}${rest}`;
}
