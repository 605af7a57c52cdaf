import { Layout } from '../layout.tsx';
import { ArticleList, type ArticleListProps } from '../partials/article-list.tsx';

export function FrontPage(props: ArticleListProps & { csrfToken?: string }) {
  return (
    <Layout title="Crosscheck" csrfToken={props.csrfToken} description="AI-industry news with its figures cross-checked.">
      <h1 class="visually-hidden">Latest AI-industry news</h1>
      <ArticleList {...props} />
    </Layout>
  );
}
