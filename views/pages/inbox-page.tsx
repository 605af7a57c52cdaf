import { raw } from 'hono/html';
import type { InboxItem } from '../../src/discussion/notifications.ts';
import { isNewAccount } from '../../src/accounts/accounts.ts';
import { Layout } from '../layout.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';
import { UserName } from '../partials/user-name.tsx';
import type { StatusNotice } from '../../src/crosscheck/notices.ts';
import { StatusNotices } from '../partials/status-notices.tsx';
import type { UserSanction } from '../../src/moderation/moderation.sql.ts';
import { ModeratorNotes } from '../partials/moderator-notes.tsx';

export type InboxProps = {
  items: InboxItem[];
  now: Date;
  moreHref: string | null;
  statusNotices?: StatusNotice[];
  sanctions?: UserSanction[];
};

/** Replies to your comments and mentions of you, newest first; unread ones highlighted. */
export function InboxPage(props: InboxProps) {
  return (
    <Layout title="Inbox">
      <h1>Inbox</h1>
      <ModeratorNotes sanctions={props.sanctions ?? []} now={props.now} />
      <StatusNotices notices={props.statusNotices ?? []} now={props.now} />
      {props.items.length ? (
        <ol class="inbox" id="inbox">
          <InboxItems {...props} />
        </ol>
      ) : (
        <p class="empty">Nothing yet. Replies to your comments and @mentions of you show up here.</p>
      )}
    </Layout>
  );
}

export function InboxItems(props: InboxProps) {
  return (
    <>
      {props.items.map((n) => (
        <li class={n.read ? 'inbox-item' : 'inbox-item unread'}>
          <p class="meta">
            <UserName username={n.authorName} isNew={isNewAccount(n.authorCreatedAt, props.now)} />{' '}
            {n.kind === 'reply' ? 'replied to your comment' : 'mentioned you'} on{' '}
            <a href={`/stories/${n.storyId}`}>{n.storyTitle}</a> · <TimeAgo date={n.createdAt} now={props.now} />
            {n.read ? null : <span class="new-marker">new</span>}
          </p>
          {n.deleted ? <p class="tombstone">[deleted]</p> : <div class="comment-body">{raw(n.bodyHtml)}</div>}
          <p class="actions">
            <a href={`/comments/${n.commentId}`}>View</a>
            {n.deleted ? null : <a href={`/comments/${n.commentId}/reply`}>Reply</a>}
          </p>
        </li>
      ))}
      {props.moreHref ? (
        <li class="more">
          <a href={props.moreHref} hx-get={props.moreHref} hx-target="closest li" hx-swap="outerHTML">
            Older
          </a>
        </li>
      ) : null}
    </>
  );
}
