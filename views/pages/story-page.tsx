import type { Child } from 'hono/jsx';
import type { Coverage, Story } from '../../src/stories/stories.ts';
import { Layout } from '../layout.tsx';
import { hostOf } from '../partials/article-list.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';
import { FlagLink } from '../partials/flag-link.tsx';
import { usePage } from '../page-context.ts';
import { CsrfField } from '../partials/csrf-field.tsx';
import { TagLinks } from '../partials/story-list.tsx';
import { TAGS } from '../../src/stories/tags.ts';

export type StoryPageProps = { story: Story; coverage: Coverage[]; now: Date; figures?: Child; children?: Child };

/** A story: its lead article, then "More coverage" with source and time, then related stories (htmx, lazy). */
export function StoryPage(props: StoryPageProps) {
  const [lead, ...more] = props.coverage;
  const viewer = usePage().user;
  return (
    <Layout title={props.story.title} description={lead?.summary ?? undefined}>
      <article class="story-full">
        <h1>{props.story.title}</h1>
        {lead ? <CoverageLine c={lead} now={props.now} lead /> : null}
        {props.story.tags.length ? (
          <p class="meta">
            Topics: <TagLinks tags={props.story.tags} />
          </p>
        ) : null}
        {viewer && (viewer.role === 'moderator' || viewer.role === 'admin') ? (
          <details class="edit-tags">
            <summary>Edit topics</summary>
            <form method="post" action="/moderation/actions">
              <CsrfField />
              <input type="hidden" name="item" value={`story-${props.story.storyId}`} />
              <input type="hidden" name="action" value="edit_tags" />
              <label>
                Topics ({TAGS.join(', ')}) <input name="tags" value={props.story.tags.join(', ')} />
              </label>
              <label>
                Reason (public) <input name="reason" required />
              </label>
              <button type="submit">Save topics</button>
            </form>
          </details>
        ) : null}
        {viewer ? (
          <p class="meta story-actions">
            <FlagLink kind="story" id={props.story.storyId} />
          </p>
        ) : null}
        {lead?.summary ? <p class="lede">{lead.summary}</p> : null}
        {props.figures}
        {more.length ? (
          <section aria-labelledby="more-coverage">
            <h2 id="more-coverage">More coverage ({more.length})</h2>
            <ul class="coverage">
              {more.map((c) => (
                <li>
                  <CoverageLine c={c} now={props.now} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {props.children}
        <section
          aria-labelledby="related"
          hx-get={`/stories/${props.story.storyId}/related`}
          hx-trigger="load"
          hx-swap="innerHTML"
        >
          <h2 id="related">Related stories</h2>
          <p>
            <a href={`/stories/${props.story.storyId}/related`}>Show related stories</a>
          </p>
        </section>
      </article>
    </Layout>
  );
}

function CoverageLine(props: { c: Coverage; now: Date; lead?: boolean }) {
  const c = props.c;
  return (
    <p class={props.lead ? 'meta lead' : 'meta'}>
      <a class={props.lead ? '' : 'title'} href={`/articles/${c.articleId}`}>
        {props.lead ? 'Read the lead article' : c.title}
      </a>{' '}
      · {c.sources.map((s) => s.feedTitle).join(', ') || 'unknown source'}
      {c.url ? <> ({hostOf(c.url)})</> : null} · <TimeAgo date={c.publishedAt} now={props.now} />
    </p>
  );
}

export function RelatedStories(props: { related: { storyId: number; title: string; similarity: number }[] }) {
  return (
    <>
      <h2 id="related">Related stories</h2>
      {props.related.length ? (
        <ul class="related">
          {props.related.map((r) => (
            <li>
              <a href={`/stories/${r.storyId}`}>{r.title}</a>{' '}
              <span class="meta">similarity {r.similarity.toFixed(2)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No related stories yet.</p>
      )}
    </>
  );
}
