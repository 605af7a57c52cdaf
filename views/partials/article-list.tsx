import type { ArticleListEntry } from '../../src/articles/articles.ts';
import { MoreItem, SourceLinks } from './more-link.tsx';
import { TimeAgo } from './time-ago.tsx';

export type ArticleListProps = { articles: ArticleListEntry[]; now: Date; moreHref?: string | null };

/**
 * The list of articles with a "More" link. The link works as a plain link; with htmx it
 * swaps itself for the next page's items (the same fragment, served for HX-Request).
 */
export function ArticleItems(props: ArticleListProps) {
  return (
    <>
      {props.articles.map((a) => (
        <li class="article" id={`a${a.articleId}`}>
          <a class="title" href={`/articles/${a.articleId}`}>
            {a.title}
          </a>
          {a.url ? (
            <a class="out" href={a.url} rel="noopener nofollow ugc" title="Open the original">
              ({hostOf(a.url)})
            </a>
          ) : null}
          <div class="meta">
            <SourceLinks sources={a.sources} /> · <TimeAgo date={a.publishedAt} now={props.now} />
            {a.sources.length > 1 ? <> · {a.sources.length} sources</> : null}
          </div>
          {a.summary ? <p class="summary">{a.summary}</p> : null}
        </li>
      ))}
      <MoreItem href={props.moreHref} />
    </>
  );
}

export function ArticleList(props: ArticleListProps) {
  return props.articles.length ? (
    <ol class="articles">
      <ArticleItems {...props} />
    </ol>
  ) : (
    <p class="empty">
      No articles yet. Add a feed with <code>npx crosscheck feeds add URL</code>.
    </p>
  );
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
