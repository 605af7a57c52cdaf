import type { StoryListEntry } from '../../src/stories/stories.ts';
import { hostOf } from './article-list.tsx';
import { usePage } from '../page-context.ts';
import { MoreItem, SourceLinks } from './more-link.tsx';
import { TimeAgo } from './time-ago.tsx';
import { VoteButton } from './vote-button.tsx';

export type StoryListProps = {
  stories: (StoryListEntry & { points?: number; comments?: number })[];
  now: Date;
  moreHref?: string | null;
  start?: number;
  /** Stories the signed-in reader has upvoted. */
  voted?: Set<number>;
};

/** Front-page entries: one per story (or per article still waiting for enrichment). */
export function StoryItems(props: StoryListProps) {
  const viewer = usePage().user;
  return (
    <>
      {props.stories.map((s) => {
        const href = s.storyId === null ? `/articles/${s.articleId}` : `/stories/${s.storyId}`;
        return (
          <li class="article story" id={s.storyId === null ? `a${s.articleId}` : `s${s.storyId}`}>
            <a class="title" href={href}>
              {s.title}
            </a>
            {s.url ? (
              <a class="out" href={s.url} rel="noopener nofollow ugc" title="Open the original">
                ({hostOf(s.url)})
              </a>
            ) : null}
            <div class="meta">
              {s.storyId !== null && viewer ? (
                <>
                  <VoteButton
                    action={`/stories/${s.storyId}/vote`}
                    voted={props.voted?.has(s.storyId) ?? false}
                    what={`“${s.title}”`}
                    points={s.points ?? 0}
                  />
                  ·{' '}
                </>
              ) : null}
              {s.storyId !== null && !viewer && s.points !== undefined ? (
                <span class="points">
                  {s.points} {s.points === 1 ? 'point' : 'points'} ·{' '}
                </span>
              ) : null}
              <SourceLinks sources={s.sources} /> · <TimeAgo date={s.lastPublishedAt} now={props.now} />
              {s.articleCount > 1 ? (
                <>
                  {' '}
                  · <a href={href}>{s.articleCount} articles</a> from {s.sourceCount}{' '}
                  {s.sourceCount === 1 ? 'source' : 'sources'}
                </>
              ) : null}
              {s.storyId !== null && s.comments !== undefined ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/stories/${s.storyId}#discussion`}>
                    {s.comments ? `${s.comments} ${s.comments === 1 ? 'comment' : 'comments'}` : 'discuss'}
                  </a>
                </>
              ) : null}
              {s.storyId === null ? <span class="pending"> · grouping pending</span> : null}
              {s.tags.length ? <TagLinks tags={s.tags} /> : null}
            </div>
            {s.summary ? <p class="summary">{s.summary}</p> : null}
          </li>
        );
      })}
      <MoreItem href={props.moreHref} />
    </>
  );
}

export function StoryList(props: StoryListProps) {
  return props.stories.length ? (
    <ol class="articles">
      <StoryItems {...props} />
    </ol>
  ) : (
    <p class="empty">
      No stories yet. Add a feed with <code>npx crosscheck feeds add URL</code>.
    </p>
  );
}

/** A story's topics, each a link to the front page filtered by it. */
export function TagLinks(props: { tags: string[] }) {
  return (
    <span class="tags">
      {props.tags.map((t) => (
        <>
          {' '}
          <a class="tag" href={`/?tag=${encodeURIComponent(t)}`}>
            {t}
          </a>
        </>
      ))}
    </span>
  );
}
