import { rss2 } from '../syndication/rss.ts';
import type { ArticleListEntry } from './articles.ts';

/** RSS 2.0 of a list of articles, linking to their Crosscheck pages. */
export function rssFeed(opts: {
  base: string;
  title: string;
  description: string;
  articles: ArticleListEntry[];
  selfPath?: string;
}): string {
  return rss2({
    title: opts.title,
    link: `${opts.base}/`,
    description: opts.description,
    selfUrl: opts.base + (opts.selfPath ?? '/feed.xml'),
    items: opts.articles.map((a) => {
      const source = a.sources[0];
      return {
        title: a.title,
        link: `${opts.base}/articles/${a.articleId}`,
        date: a.publishedAt,
        description: a.summary,
        source: source ? { url: `${opts.base}/feeds/${source.feedId}`, title: source.feedTitle } : undefined,
      };
    }),
  });
}
