import type { AdminFeed } from '../../src/admin/feed-admin.ts';
import { Layout } from '../layout.tsx';
import { AdminNoticeLine, type AdminNotice } from '../partials/admin-feed-row.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';

export type DeleteProps = {
  a: AdminFeed;
  coverage: { items: number; onlyHere: number };
  notice?: AdminNotice | null;
  reason?: string;
};

/** Deleting a feed, confirmed: the page without JavaScript, the row's replacement with htmx. */
export function AdminFeedDeletePage(props: DeleteProps) {
  return (
    <Layout title="Delete feed · Admin">
      <p class="meta">
        <a href="/admin">Admin</a> › <a href="/admin/feeds">Feeds</a> › Delete
      </p>
      <h1>Delete {props.a.feed.title || props.a.feed.url}?</h1>
      <ol class="admin-feeds">
        <DeleteConfirm {...props} />
      </ol>
    </Layout>
  );
}

export function DeleteConfirm(props: DeleteProps) {
  const f = props.a.feed;
  const { items, onlyHere } = props.coverage;
  return (
    <li class="admin-feed confirm-delete" id={`feed-${f.feedId}`} data-feed-id={f.feedId}>
      <header>
        Delete feed #{f.feedId} <code>{f.url}</code>?
      </header>
      <p>
        Polling stops and the subscription goes. Its {items} articles stay on the site with their figures, stories and
        discussions; other feeds still carry {items - onlyHere} of them, and the other {onlyHere} will name no source.
        To stop polling but keep the subscription, disable it instead.
      </p>
      <AdminNoticeLine notice={props.notice} />
      <form
        method="post"
        action={`/admin/feeds/${f.feedId}/delete`}
        hx-post={`/admin/feeds/${f.feedId}/delete`}
        hx-target={`#feed-${f.feedId}`}
        hx-swap="outerHTML"
      >
        <CsrfField />
        <label>
          Reason{' '}
          <input
            type="text"
            name="reason"
            required
            maxlength={500}
            value={props.reason ?? ''}
            placeholder="shown in the moderation log"
          />
        </label>{' '}
        <button type="submit" class="danger">
          Delete feed
        </button>{' '}
        <a href="/admin/feeds" hx-get={`/admin/feeds/${f.feedId}`} hx-target={`#feed-${f.feedId}`} hx-swap="outerHTML">
          Cancel
        </a>
      </form>
    </li>
  );
}
