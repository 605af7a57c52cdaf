import { Layout } from '../layout.tsx';
import { StoryList, type StoryListProps } from '../partials/story-list.tsx';

export function FrontPage(props: StoryListProps & { csrfToken?: string }) {
  return (
    <Layout title="Crosscheck" csrfToken={props.csrfToken} description="AI-industry news with its figures cross-checked.">
      <h1 class="visually-hidden">Latest AI-industry stories</h1>
      <StoryList {...props} />
    </Layout>
  );
}
