import { raw } from 'hono/html';
import type { UserComment } from '../../src/discussion/comments.ts';
import { Layout } from '../layout.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type UserPageProps = {
  profile: { username: string; role: string; createdAt: Date; isNew: boolean };
  comments: UserComment[];
  now: Date;
};

const ROLE_LABEL: Record<string, string> = { commenter: 'Commenter', moderator: 'Moderator', admin: 'Administrator' };

export function UserPage(props: UserPageProps) {
  const p = props.profile;
  return (
    <Layout title={p.username}>
      <h1 class={p.isNew ? 'new-user' : undefined}>{p.username}</h1>
      <dl class="facts">
        <dt>Role</dt>
        <dd>{ROLE_LABEL[p.role] ?? p.role}</dd>
        <dt>Joined</dt>
        <dd>
          <TimeAgo date={p.createdAt} now={props.now} />
          {p.isNew ? <span class="badge new-user"> new account</span> : null}
        </dd>
      </dl>
      <h2>Recent comments</h2>
      {props.comments.length ? (
        <ol class="user-comments">
          {props.comments.map((c) => (
            <li>
              <p class="meta">
                <a href={`/comments/${c.commentId}`}>
                  <TimeAgo date={c.createdAt} now={props.now} />
                </a>{' '}
                on <a href={`/stories/${c.storyId}`}>{c.storyTitle}</a>
              </p>
              <div class="comment-body">{raw(c.bodyHtml)}</div>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">No comments yet.</p>
      )}
    </Layout>
  );
}
