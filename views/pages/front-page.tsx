import { Layout } from '../layout.tsx';
import { TAGS } from '../../src/stories/tags.ts';
import { StoryList, type StoryListProps } from '../partials/story-list.tsx';

export type FrontTab = 'top' | 'new';

export function FrontPage(props: StoryListProps & { tab?: FrontTab; tag?: string | null }) {
  const tab = props.tab ?? 'top';
  const withTag = (href: string) =>
    props.tag ? `${href}${href.includes('?') ? '&' : '?'}tag=${encodeURIComponent(props.tag)}` : href;
  return (
    <Layout title="Crosscheck" description="AI-industry news with its figures cross-checked.">
      <h1 class="visually-hidden">{tab === 'new' ? 'Newest' : 'Top'} AI-industry stories</h1>
      <nav class="tabs" aria-label="Order stories by">
        <a href={withTag('/')} aria-current={tab === 'top' ? 'page' : undefined}>
          Top
        </a>
        <a href={withTag('/?tab=new')} aria-current={tab === 'new' ? 'page' : undefined}>
          New
        </a>
      </nav>
      <nav class="tabs tags" aria-label="Filter by topic">
        <a href={tab === 'new' ? '/?tab=new' : '/'} aria-current={props.tag ? undefined : 'page'}>
          all topics
        </a>
        {TAGS.map((t) => (
          <a
            href={`${tab === 'new' ? '/?tab=new&' : '/?'}tag=${t}`}
            aria-current={props.tag === t ? 'page' : undefined}
          >
            {t}
          </a>
        ))}
      </nav>
      <StoryList {...props} />
    </Layout>
  );
}
