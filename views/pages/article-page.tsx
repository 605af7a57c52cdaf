import { raw } from 'hono/html';
import type { Article, ArticleSource } from '../../src/articles/articles.ts';
import { Layout } from '../layout.tsx';
import { hostOf } from '../partials/article-list.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type ArticlePageProps = { article: Article & { sources: ArticleSource[]; revisions: number }; now: Date; csrfToken?: string };

/** The article with its stored, already-sanitised HTML (sanitised at ingestion, never raw feed HTML). */
export function ArticlePage(props: ArticlePageProps) {
  const a = props.article;
  return (
    <Layout title={a.title} csrfToken={props.csrfToken} description={a.summary ?? undefined}>
      <article class="article-full">
        <header>
          <h1>{a.title}</h1>
          <p class="meta">
            {a.author ? <>{a.author} · </> : null}
            <TimeAgo date={a.publishedAt} now={props.now} />
            {a.url ? (
              <>
                {' '}
                ·{' '}
                <a href={a.url} rel="noopener nofollow ugc">
                  Read on {hostOf(a.url)}
                </a>
              </>
            ) : null}
            {a.revisions > 0 ? <> · edited {a.revisions}× since first seen</> : null}
          </p>
          {a.storyId ? (
            <p class="meta">
              <a href={`/stories/${a.storyId}`}>All coverage of this story and its discussion</a>
            </p>
          ) : null}
        </header>
        <div class="content">{raw(a.contentHtml)}</div>
        <footer>
          <h2>Sources</h2>
          <ul class="sources">
            {a.sources.map((s) => (
              <li>
                <a href={`/feeds/${s.feedId}`}>{s.feedTitle}</a> · first seen <TimeAgo date={s.firstSeenAt} now={props.now} />
                {s.link ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={s.link} rel="noopener nofollow ugc">
                      link
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </footer>
      </article>
    </Layout>
  );
}
