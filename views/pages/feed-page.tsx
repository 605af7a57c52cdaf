import type { Feed } from '../../src/feeds/feeds.ts';
import { Layout } from '../layout.tsx';
import { ArticleList, type ArticleListProps } from '../partials/article-list.tsx';
import { FeedFacts } from '../partials/feed-status.tsx';

export function FeedPage(props: ArticleListProps & { feed: Feed }) {
  const f = props.feed;
  return (
    <Layout title={f.title || f.url}>
      <h1>{f.title || f.url}</h1>
      {f.description ? <p class="lede">{f.description}</p> : null}
      {f.siteUrl ? (
        <p>
          <a href={f.siteUrl} rel="noopener nofollow ugc">
            {f.siteUrl}
          </a>
        </p>
      ) : null}
      <FeedFacts feed={f} now={props.now} />
      <h2>Articles</h2>
      <ArticleList articles={props.articles} now={props.now} moreHref={props.moreHref} />
    </Layout>
  );
}
