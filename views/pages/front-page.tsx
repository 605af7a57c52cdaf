import { Layout } from '../layout.tsx';
import { StoryList, type StoryListProps } from '../partials/story-list.tsx';

export type FrontTab = 'top' | 'new';

export function FrontPage(props: StoryListProps & { csrfToken?: string; tab?: FrontTab }) {
  const tab = props.tab ?? 'top';
  return (
    <Layout title="Crosscheck" csrfToken={props.csrfToken} description="AI-industry news with its figures cross-checked.">
      <h1 class="visually-hidden">{tab === 'new' ? 'Newest' : 'Top'} AI-industry stories</h1>
      <nav class="tabs" aria-label="Order stories by">
        <a href="/" aria-current={tab === 'top' ? 'page' : undefined}>
          Top
        </a>
        <a href="/?tab=new" aria-current={tab === 'new' ? 'page' : undefined}>
          New
        </a>
      </nav>
      <StoryList {...props} />
    </Layout>
  );
}
